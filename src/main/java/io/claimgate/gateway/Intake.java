package io.claimgate.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a gateway inbox may hand over: regular files with a single name, looked at without following links. Anything
 * else is refused — left where it is and reported once: a symbolic link (it may point at any file on the machine,
 * {@code /etc/passwd} or another tenant's claims), a hard link (a second name of a file that may live outside the
 * inbox), a folder, a FIFO (a read would wait for a writer forever), a socket or a device. A report is one log line
 * with a hash of the entry's name (names are not logged), a metric by kind, and exit code 1 for a drain.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** Entries remembered as reported; beyond this many, the oldest may be reported again. */
    private static final int REMEMBERED = 10_000;

    /** What an inbox entry is. */
    enum Kind {
        REGULAR, SYMLINK, HARDLINK, DIRECTORY, OTHER, GONE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final GatewayMetrics metrics;
    private final Runnable onRefused;
    private final Set<String> reported = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /**
     * @param onRefused run once per refused entry (the gateway makes its exit code at least 1)
     */
    Intake(GatewayMetrics metrics, Runnable onRefused) {
        this.metrics = metrics;
        this.onRefused = onRefused;
    }

    /** The entry's kind, from its own attributes (a link is not followed). */
    static Kind kind(Path entry) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Kind.GONE;
        }
        if (a.isSymbolicLink()) {
            return Kind.SYMLINK;
        }
        if (a.isDirectory()) {
            return Kind.DIRECTORY;
        }
        if (!a.isRegularFile()) {
            return Kind.OTHER;
        }
        return links(entry) > 1 ? Kind.HARDLINK : Kind.REGULAR;
    }

    private static int links(Path entry) {
        try {
            return ((Number) Files.getAttribute(entry, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1; // no such attribute here: a hard link cannot be told from a file
        }
    }

    /**
     * Reports a refused entry of {@code folder} ("inbox", "remits", "done-marker") once for as long as it stays
     * the same entry (name, kind, modification time).
     */
    void refuse(String folder, Path entry, Kind kind) {
        if (kind == Kind.HARDLINK && linkedMoments(entry)) {
            return; // the gateway gives files back by linking the new name, then removing the old: wait it out
        }
        String name = entry.getFileName().toString();
        long modified;
        try {
            modified = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .lastModifiedTime().toMillis();
        } catch (IOException e) {
            modified = 0;
        }
        if (!reported.add(folder + '/' + name + '/' + kind + '/' + modified)) {
            return;
        }
        LOG.warn("refused entry={} folder={} kind={} reason=not-a-regular-file left=in-place", nameHash(name), folder,
                kind.label());
        metrics.refused(kind);
        onRefused.run();
    }

    /** Whether the entry's links changed in the last few seconds (its inode's change time is that recent). */
    private static boolean linkedMoments(Path entry) {
        try {
            java.nio.file.attribute.FileTime changed = (java.nio.file.attribute.FileTime) Files.getAttribute(entry,
                    "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            return changed.toMillis() > System.currentTimeMillis() - 5_000;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** The first 12 hex digits of the SHA-256 of a name: what logs say instead of the name. */
    static String nameHash(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
