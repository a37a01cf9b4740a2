package io.claimgate.gateway;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Makes each poll of a folder take its oldest files: before the poll ({@link #begin}), finds the modification time
 * of the {@code limit}-th oldest file waiting there (the cut-off) and how many are older; during the poll, as the
 * file consumer's filter, passes every file older than the cut-off and, of those at it (times are milliseconds, so
 * a burst can share one), only as many as make up the limit. So the files a poll takes are the oldest, however
 * the folder lists them, and Camel holds exchanges only for them (sorting the whole folder instead, Camel's
 * non-eager limit, took 60–90 MB of heap for 50,000 files). Errors of a poll are handled as by Camel's default.
 * One consumer thread calls both {@link #begin} and {@link #accept}.
 *
 * <p>Only what {@link Intake} lets through is waiting: regular files with one name, not open for writing by a
 * process this one can see ({@link OpenWriters}), and with a done-file contract, whose done marker is itself a
 * regular file. Other entries are reported once ({@link Intake#refuse}) and never become exchanges, so a FIFO, a
 * link or a folder neither blocks a read nor keeps a drain busy.
 */
final class OldestFirst extends DefaultPollingConsumerPollStrategy implements GenericFileFilter<File> {
    /** Marker files of Camel's {@code readLock=changed}; Camel skips them, so they are not waiting files. */
    private static final String CAMEL_LOCK = ".camelLock";

    private final Path folder;
    private final int limit;
    /** With a done-file contract, only files whose done-file exists are waiting to be taken. */
    private final String doneFileSuffix;
    private final String label;
    private final Intake intake;
    private final Runnable onPoll;
    private long cutOff = Long.MAX_VALUE;
    private int atCutOffLeft;
    /** Files of the folder some process holds open for writing, as of the poll's start. */
    private Set<String> openForWriting = Set.of();

    OldestFirst(Path folder, int limit, String doneFileSuffix) {
        this(folder, limit, doneFileSuffix, "inbox", new Intake(new GatewayMetrics(), () -> { }), () -> { });
    }

    /**
     * @param label  the folder's name in reports ("inbox", "remits")
     * @param intake reports the entries refused
     * @param onPoll run at the start of every poll
     */
    OldestFirst(Path folder, int limit, String doneFileSuffix, String label, Intake intake, Runnable onPoll) {
        this.folder = folder;
        this.limit = limit;
        this.doneFileSuffix = doneFileSuffix;
        this.label = label;
        this.intake = intake;
        this.onPoll = onPoll;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        onPoll.run();
        plan();
        return super.begin(consumer, endpoint);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        String name = file.getFileNameOnly();
        if (name == null || !offered(name, doneFileSuffix) || !regular(folder.resolve(name), true)) {
            return false;
        }
        if (file.getLastModified() < cutOff) {
            return true;
        }
        if (file.getLastModified() > cutOff || atCutOffLeft <= 0) {
            return false;
        }
        atCutOffLeft--;
        return true;
    }

    /**
     * Whether an entry may be taken: a regular file with one name (else reported once, when {@code report}), not
     * open for writing, and with a done-file contract, whose done marker is a regular file.
     */
    private boolean regular(Path entry, boolean report) {
        Intake.Kind kind = Intake.kind(entry);
        if (kind != Intake.Kind.REGULAR) {
            if (report && kind != Intake.Kind.GONE) {
                intake.refuse(label, entry, kind);
            }
            return false;
        }
        if (openForWriting.contains(entry.getFileName().toString())) {
            return false; // still being written: not complete, whatever its size says
        }
        if (doneFileSuffix != null) {
            Path marker = entry.resolveSibling(entry.getFileName() + doneFileSuffix);
            Intake.Kind markerKind = Intake.kind(marker);
            if (markerKind != Intake.Kind.REGULAR && markerKind != Intake.Kind.HARDLINK) {
                if (report && markerKind != Intake.Kind.GONE) {
                    intake.refuse(label, marker, markerKind); // a done marker must be a file: this one says nothing
                }
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the cut-off: the modification time (ms) of the {@code limit}-th oldest waiting file, and how many of
     * the files at exactly that time a poll may take; no cut-off when fewer are waiting, or when the folder cannot
     * be listed (the poll itself then says why). Keeps at most {@code limit} times, not one per file.
     */
    void plan() {
        PriorityQueue<Long> oldest = new PriorityQueue<>(Comparator.reverseOrder());
        openForWriting = Set.of();
        boolean any = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (!offered(f.getFileName().toString(), doneFileSuffix)) {
                    continue;
                }
                if (!any) {
                    any = true;
                    openForWriting = OpenWriters.in(folder); // once a poll, and only when something is there
                }
                if (!regular(f, true)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException gone) {
                    continue; // taken by another node meanwhile
                }
                oldest.add(a.lastModifiedTime().toMillis());
                if (oldest.size() > limit) {
                    oldest.poll();
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            oldest.clear();
        }
        if (oldest.size() < limit) {
            cutOff = Long.MAX_VALUE;
            atCutOffLeft = 0;
            return;
        }
        cutOff = oldest.peek();
        atCutOffLeft = (int) oldest.stream().filter(t -> t == cutOff).count();
    }

    long cutOff() {
        return cutOff;
    }

    /**
     * Whether an entry of this name is one a poll looks at: not hidden, not a lock marker (older versions wrote
     * them), not a done marker ({@code doneFileSuffix}, or null without a done-file contract).
     */
    static boolean offered(String name, String doneFileSuffix) {
        if (name.startsWith(".") || name.endsWith(CAMEL_LOCK)) {
            return false;
        }
        return doneFileSuffix == null || !name.endsWith(doneFileSuffix);
    }
}
