package io.claimgate.gateway;

import io.claimgate.ledger.FileRecord;
import io.claimgate.scrub.ScrubService;
import io.claimgate.x12.InterchangeScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a file's bytes go once the gateway holds it: back into the inbox (never over a file that is there, with its
 * done marker), to the archive (exactly the bytes that were read), to quarantine (with a reason file); and the
 * partial outputs of a settled file removed. Every move is an atomic rename within one file system, which
 * {@link #oneFileSystem} checks at start. Logs name files by hashes only.
 */
final class Placement {
    private static final Logger LOG = LoggerFactory.getLogger(Placement.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final GatewaySettings settings;
    private final GatewaySettings.Folders folders;
    /** This node's work folder. */
    private final Path work;

    Placement(GatewaySettings settings, Path work) {
        this.settings = settings;
        this.folders = settings.folders();
        this.work = work;
    }

    /** A taken file's name, {@code NAME.x12}: NAME (sender, ISA13, hash prefix) names its outputs too. */
    private static final java.util.regex.Pattern TAKEN = java.util.regex.Pattern.compile("([A-Za-z0-9_]+)\\.x12");
    /**
     * Files move between the inboxes, the work folder, the archive and quarantine by atomic rename, which only works
     * within one file system: a configuration that puts them on different ones is refused at start, in one line,
     * instead of failing at every poll.
     */
    static void oneFileSystem(GatewaySettings.Folders folders) throws IOException {
        Object work = device(folders.processing());
        for (Path p : new Path[] {folders.inbox(), folders.remits(), folders.archive(), folders.quarantine()}) {
            if (!work.equals(device(p))) {
                throw new IllegalArgumentException(p + " is on another file system than the work folder "
                        + folders.processing() + "; files are moved between them by atomic rename, so put the "
                        + "inbox, remits/, processing/, archive/ and quarantine/ on one file system");
            }
        }
    }
    private static Object device(Path p) throws IOException {
        try {
            return Files.getAttribute(p, "unix:dev");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getFileStore(p);
        }
    }
    void giveBack(Path taken, String arrivedName) throws IOException {
        intoInbox(taken, Gateway.plainOr(arrivedName, taken.getFileName().toString()), taken.getFileName().toString());
    }
    /**
     * Moves a file of the gateway's own into the inbox under {@code name}, or {@code fallback} (then a random prefix)
     * when that is taken: never over a file that is there — a rename would replace it without a word, and a partner
     * may have sent a new file of the same name meanwhile. The new name is made by a hard link, then the old one is
     * removed (a moment with two links, which the intake waits out rather than refusing). With a done-file contract,
     * the done marker is written after it, or the file would never be taken again. Returns where it went.
     */
    Path intoInbox(Path from, String name, String fallback) throws IOException {
        Path inbox = folders.inbox();
        List<Path> candidates = List.of(inbox.resolve(name), inbox.resolve(fallback),
                inbox.resolve(java.util.UUID.randomUUID().toString().substring(0, 8) + "-" + fallback));
        Path placed = null;
        for (Path target : candidates) {
            try {
                Files.createLink(target, from);
                Files.delete(from);
                placed = target;
                break;
            } catch (FileAlreadyExistsException e) {
                // taken: the next name
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof FileAlreadyExistsException || e instanceof NoSuchFileException) {
                    throw e;
                }
                // no hard links here: a rename where nothing is (a narrow race remains on such file systems)
                if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
                    placed = target;
                    break;
                }
            }
        }
        if (placed == null) {
            throw new FileAlreadyExistsException("no free name in the inbox for a file given back");
        }
        if (settings.doneFileSuffix() != null) {
            Path marker = placed.resolveSibling(placed.getFileName() + settings.doneFileSuffix());
            if (!Files.exists(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(marker);
            }
        }
        return placed;
    }
    /**
     * Archives exactly the bytes that were read: the taken file is hashed again, and when a writer the gateway could
     * not see added to it after it was read, the bytes read are archived and those that came after go back to the
     * inbox as a new arrival (its name: {@code rest-SHA12-NAME}); a file rewritten in place goes back whole.
     */
    void archiveWhatWasRead(long fileId, Path taken, String arrivedName, InterchangeScan scan)
            throws IOException {
        String sha12 = scan.sha256().substring(0, 12);
        MessageDigest sha = sha256();
        long size;
        try (java.io.InputStream in = Files.newInputStream(taken)) {
            byte[] buffer = new byte[1 << 16];
            long left = scan.bytes();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                sha.update(buffer, 0, n);
                left -= n;
            }
            size = Files.size(taken);
        }
        boolean prefixRead = HexFormat.of().formatHex(sha.digest()).equals(scan.sha256());
        if (prefixRead && size == scan.bytes()) {
            archive(taken, arrivedName, scan.sha256());
            return;
        }
        Path day = folders.archive().resolve(DAY.format(LocalDate.now(ZoneOffset.UTC)));
        if (!prefixRead) {
            giveBack(taken, arrivedName);
            LOG.warn("state file_id={} sha256={} changed=after-read bytes_read={} bytes_now={} moved=inbox "
                    + "reason=rewritten", fileId, sha12, scan.bytes(), size);
            return;
        }
        Files.createDirectories(day);
        Path rest = work.resolve(".rest-" + sha12);
        copyRange(taken, scan.bytes(), size - scan.bytes(), rest);
        intoInbox(rest, "rest-" + sha12 + "-" + Gateway.plainOr(arrivedName, "file"), "rest-" + sha12 + "-file");
        copyRange(taken, 0, scan.bytes(), day.resolve(sha12 + "-" + Gateway.plainOr(arrivedName, "file")));
        removeParts(taken);
        Files.delete(taken);
        forceDirectory(day);
        LOG.warn("state file_id={} sha256={} changed=after-read bytes_read={} bytes_after={} moved=inbox "
                + "reason=appended", fileId, sha12, scan.bytes(), size - scan.bytes());
    }
    /** Copies {@code length} bytes from {@code offset} into a new file, forced to disk before it is renamed in. */
    private static void copyRange(Path from, long offset, long length, Path to) throws IOException {
        Path tmp = to.resolveSibling("." + to.getFileName() + ".part");
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < length) {
                long n = in.transferTo(offset + done, length - done, out);
                if (n <= 0) {
                    throw new IOException("the file is shorter than it was");
                }
                done += n;
            }
            out.force(true);
        }
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
    Path archive(Path taken, String arrivedName, String sha256) throws IOException {
        removeParts(taken);
        Path day = folders.archive().resolve(DAY.format(java.time.LocalDate.now(ZoneOffset.UTC)));
        Files.createDirectories(day);
        Path to = day.resolve(sha256.substring(0, 12) + "-" + Gateway.plainOr(arrivedName, "file"));
        Files.move(taken, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(day);
        return to;
    }
    Path quarantine(Path taken, FileRecord row, String reason) throws IOException {
        removeParts(taken);
        String base = row.sha256().substring(0, 12) + "-" + Gateway.plainOr(row.fileName(), "file");
        Path to = folders.quarantine().resolve(base);
        Path why = folders.quarantine().resolve(base + ".reason");
        String text = "reason=" + reason + "\nsha256=" + row.sha256() + "\nfile_id=" + row.id() + "\nattempts="
                + row.attempts() + "\nnode=" + settings.node() + "\nat=" + Instant.now() + "\n";
        Path tmp = folders.quarantine().resolve("." + base + ".reason.part");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, why, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(taken, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(folders.quarantine());
        return to;
    }
    /** Removes the done marker of a taken file; one that cannot be removed is left (the file is taken anyway). */
    void deleteDoneFile(Path file) {
        if (settings.doneFileSuffix() != null) {
            Path marker = file.resolveSibling(file.getFileName() + settings.doneFileSuffix());
            try {
                if (Intake.kind(marker) == Intake.Kind.REGULAR) {
                    Files.deleteIfExists(marker);
                }
            } catch (IOException e) {
                LOG.warn("done marker not removed entry={} error={}", Intake.nameHash(marker.getFileName().toString()),
                        e.getClass().getSimpleName());
            }
        }
    }
    /** Puts an entry being taken back into the inbox, under the name it arrived with when that is free. */
    Path putBack(Path taking, String arrivedName) throws IOException {
        return intoInbox(taking, arrivedName, Gateway.plainOr(arrivedName, "file"));
    }
    /**
     * Removes the hidden partial outputs ({@code .NAME.KIND.part}) of a taken file from the output folders. A crash
     * while a file's outputs are written leaves them (they hold patient data) and a later attempt may not write the
     * same kinds; once the file is settled (a terminal state, or at start while this node holds it) nobody writes
     * them any more.
     */
    int removeParts(Path taken) {
        java.util.regex.Matcher m = TAKEN.matcher(taken.getFileName().toString());
        int removed = 0;
        if (m.matches()) {
            for (Path part : ScrubService.partialOutputs(folders.out(), m.group(1))) {
                try {
                    removed += Files.deleteIfExists(part) ? 1 : 0;
                } catch (IOException e) {
                    LOG.warn("partial output not removed folder={} error={}", part.getParent().getFileName(),
                            e.getClass().getSimpleName());
                }
            }
        }
        return removed;
    }
    /**
     * At start, before any route runs: removes the partial outputs of the files in this node's work folder, and any
     * other hidden {@code .part} file in the output folders untouched for {@code stale-after-s} (left by a node that
     * died). Another node's recent ones are left alone: that node may be writing them now.
     */
    void removeLeftoverParts(List<Path> held) {
        int removed = 0;
        for (Path p : held) {
            removed += removeParts(p);
        }
        Instant staleBefore = Instant.now().minus(settings.staleAfter());
        for (Path folder : new Path[] {folders.accepted(), folders.rejected(), folders.acks(), folders.reports()}) {
            List<Path> parts;
            try (Stream<Path> s = Files.list(folder)) {
                parts = s.filter(p -> p.getFileName().toString().startsWith(".")
                        && p.getFileName().toString().endsWith(".part")).toList();
            } catch (IOException e) {
                LOG.warn("partial outputs not listed folder={} error={}", folder.getFileName(),
                        e.getClass().getSimpleName());
                continue;
            }
            for (Path p : parts) {
                try {
                    if (Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant()
                            .isBefore(staleBefore) && Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // committed or removed meanwhile
                } catch (IOException e) {
                    LOG.warn("partial output not removed folder={} error={}", folder.getFileName(),
                            e.getClass().getSimpleName());
                }
            }
        }
        if (removed > 0) {
            LOG.info("reconciled partial_outputs_removed={}", removed);
        }
    }
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be forced; the rename itself is atomic
        }
    }
}
