package io.claimgate.gateway;

import io.claimgate.ledger.Admission;
import io.claimgate.ledger.Arrival;
import io.claimgate.ledger.ClaimRow;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerException;
import io.claimgate.rules.therapy.BatchRules;
import io.claimgate.scrub.FileResult;
import io.claimgate.scrub.ScrubService;
import io.claimgate.x12.InterchangeScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the gateway does with one file in the inbox, whoever found it (the drop-folder route, the SFTP route's
 * download, a test): look at its envelope, take it into this node's work folder, ask the ledger, scrub it, record
 * the outcome, then archive or quarantine the original. The file's location and the ledger row together are its
 * state: {@link #reconcile()} settles what a crash left between them.
 *
 * <p>Order of a processed file: ledger says processing (attempt counted) → outputs written (each atomically, under
 * names made from sender, ISA13 and hash, so a re-run overwrites rather than duplicates) → ledger says done or
 * rejected (refused if it already is) → original moved to the archive. A crash anywhere re-processes the file at
 * most once; a file that keeps crashing the process is quarantined after {@code maxStarts} starts.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Prefix of an entry in the work folder that is being taken: renamed in, not yet looked at or scanned. */
    private static final String TAKING = ".taking-";

    /** What became of one file handed to the gateway. */
    public enum Outcome {
        DONE, REJECTED, QUARANTINED, DUPLICATE, WAITING, TAKEN, RETRY, REFUSED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Keeps the ledger's claim on a long file fresh while it is processed. */
    private static final java.util.concurrent.ScheduledExecutorService HEARTBEAT =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "claimgate-heartbeat");
                t.setDaemon(true);
                return t;
            });

    private final GatewaySettings settings;
    private final GatewaySettings.Folders folders;
    private final Ledger ledger;
    private final ScrubService scrub;
    private final GatewayMetrics metrics;
    private final Path work;
    private final AtomicInteger exitCode = new AtomicInteger(0);
    private final Intake intake;
    private final Placement placement;
    private volatile Uploader uploader = Uploader.NONE;
    /** The batch lock held by the file this thread is processing, if it read the batch history. */
    private final ThreadLocal<Ledger.BatchLock> batchLock = new ThreadLocal<>();
    /** When a file last got anywhere (taken, answered, settled): what a drain measures idleness by. */
    private volatile long lastProgress = System.nanoTime();

    /** Sends a processed file's answers somewhere (the SFTP outbox). */
    @FunctionalInterface
    public interface Uploader {
        Uploader NONE = files -> { };

        void upload(List<Path> files) throws IOException;
    }

    public Gateway(GatewaySettings settings, Ledger ledger, ScrubService scrub, GatewayMetrics metrics)
            throws IOException {
        this.settings = settings;
        this.folders = settings.folders();
        this.ledger = ledger;
        this.scrub = scrub.history(lockedHistory(ledger.history()));
        this.metrics = metrics;
        this.work = folders.processing().resolve(settings.node());
        this.intake = new Intake(metrics, () -> worst(1));
        this.placement = new Placement(settings, work);
        folders.create();
        Files.createDirectories(work);
        Placement.oneFileSystem(folders);
    }

    public void uploader(Uploader uploader) {
        this.uploader = uploader;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public Ledger ledger() {
        return ledger;
    }

    /**
     * The ledger's batch history, read under the batch lock ({@link Ledger#lockBatch}): the first read of a file
     * takes it, {@link #process} lets it go once the file's outcome (and what it accepted) is in the ledger.
     */
    private BatchRules.History lockedHistory(BatchRules.History history) {
        return new BatchRules.History() {
            @Override
            public java.util.Map<Long, Integer> units(java.util.Set<Long> dayKeys) {
                holdBatchLock();
                return history.units(dayKeys);
            }

            @Override
            public java.util.Map<String, java.math.BigDecimal> spent(java.util.Set<String> spendKeys) {
                holdBatchLock();
                return history.spent(spendKeys);
            }
        };
    }

    private void holdBatchLock() {
        if (batchLock.get() == null) {
            batchLock.set(ledger.lockBatch());
        }
    }

    private void releaseBatchLock() {
        Ledger.BatchLock held = batchLock.get();
        if (held != null) {
            batchLock.remove();
            held.close();
        }
    }

    /** Notes that a file got somewhere: a drain is not idle. */
    public void progress() {
        lastProgress = System.nanoTime();
    }

    /** How long since a file last got anywhere; files that wait, and entries refused, are not progress. */
    public Duration sinceProgress() {
        return Duration.ofNanos(System.nanoTime() - lastProgress);
    }

    /**
     * Regular files still waiting in the inbox and the remit inbox (not hidden, not markers): work a drain leaves
     * undone, e.g. a file still open for writing, waiting for its done marker or for the rest of its interchange.
     */
    public int filesLeft() throws IOException {
        int left = 0;
        for (Path folder : new Path[] {folders.inbox(), folders.remits()}) {
            try (Stream<Path> s = Files.list(folder)) {
                left += (int) s.filter(p -> OldestFirst.offered(p.getFileName().toString(), settings.doneFileSuffix())
                        && Intake.kind(p) == Intake.Kind.REGULAR).count();
            }
        }
        try (Stream<Path> s = Files.list(work)) {
            left += (int) s.filter(Files::isRegularFile).count();
        }
        return left;
    }

    /** What the inboxes may hand over; reports the rest once. */
    Intake intake() {
        return intake;
    }

    /** 0 when every file was done, 1 when one was rejected or quarantined, 2 when one could not be handled. */
    public int exitCode() {
        return exitCode.get();
    }

    private void worst(int code) {
        exitCode.accumulateAndGet(code, Math::max);
    }

    /**
     * Settles what a crash left behind, before any route starts: a file in this node's work folder whose bytes
     * the ledger has finished goes where its state says (archive, quarantine); any other goes back to the inbox
     * under the name it arrived with, its started attempt still counted.
     */
    public int reconcile() throws IOException {
        int settled = 0;
        List<Path> taking;
        try (Stream<Path> s = Files.list(work)) {
            taking = s.filter(p -> p.getFileName().toString().startsWith(TAKING)).sorted().toList();
        }
        for (Path p : taking) { // renamed in, never looked at: back where it came from
            placement.putBack(p, p.getFileName().toString().substring(TAKING.length()));
            LOG.info("reconciled entry={} state=taking moved=inbox", Intake.nameHash(p.getFileName().toString()));
            settled++;
        }
        List<Path> left;
        try (Stream<Path> s = Files.list(work)) {
            left = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        placement.removeLeftoverParts(left);
        for (Path p : left) {
            InterchangeScan scan = InterchangeScan.of(p);
            FileRecord f = ledger.original(scan.sha256()).orElse(null);
            String sha12 = scan.sha256().substring(0, 12);
            if (f != null && f.state().terminal()) {
                Path to = f.state() == FileState.QUARANTINED ? placement.quarantine(p, f, f.reason())
                        : placement.archive(p, f.fileName(), scan.sha256());
                LOG.info("reconciled sha256={} state={} moved={}", sha12, f.state().db(),
                        folders.out().relativize(to.getParent()));
            } else {
                String name = f != null ? f.fileName() : p.getFileName().toString();
                placement.intoInbox(p, plainOr(name, p.getFileName().toString()),
                        sha12 + "-" + plainOr(name, "file"));
                LOG.info("reconciled sha256={} state={} moved=inbox", sha12, f == null ? "unknown" : f.state().db());
            }
            settled++;
        }
        return settled;
    }

    /**
     * Handles one file of the inbox; see the class comment. Throws when it should be tried again later.
     *
     * <p>The entry is taken before it is read: renamed into this node's work folder, then looked at there, where no
     * one else can swap it for a link or a FIFO between the look and the read. Only a regular file with one name
     * is read ({@link Intake}); anything else goes back where it was and is reported once.
     */
    public Outcome receive(Path file) throws IOException {
        Instant started = Instant.now();
        String arrivedName = file.getFileName().toString();
        Intake.Kind kind = Intake.kind(file);
        if (kind == Intake.Kind.GONE) {
            return Outcome.TAKEN;
        }
        if (kind != Intake.Kind.REGULAR) {
            intake.refuse("inbox", file, kind);
            return Outcome.REFUSED;
        }
        Path taking = work.resolve(TAKING + plainOr(arrivedName, "file"));
        try {
            Files.move(file, taking, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Outcome.TAKEN; // another node moved it first
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            worst(2);
            throw new IOException("the inbox and the work folder " + folders.processing()
                    + " are not on one file system (a file cannot be moved between them atomically)");
        }
        kind = Intake.kind(taking);
        if (kind != Intake.Kind.REGULAR) { // swapped between the look and the take
            Path back = placement.putBack(taking, arrivedName);
            intake.refuse("inbox", back, kind);
            return Outcome.REFUSED;
        }
        InterchangeScan scan;
        try {
            scan = InterchangeScan.of(taking);
        } catch (IOException | RuntimeException e) {
            placement.putBack(taking, arrivedName);
            throw e;
        }
        String sha12 = scan.sha256().substring(0, 12);
        if (!scan.complete()) {
            Duration age = Duration.between(Files.getLastModifiedTime(taking).toInstant(), Instant.now());
            if (age.compareTo(settings.incompleteMaxAge()) < 0) {
                placement.putBack(taking, arrivedName);
                LOG.debug("waiting sha256={} reason=interchange-incomplete age={}s", sha12, age.toSeconds());
                metrics.file(Outcome.WAITING);
                return Outcome.WAITING; // still arriving: the last IEA is missing or does not repeat ISA13
            }
        }
        String name = outputName(scan);
        Path taken = work.resolve(name + ".x12");
        Files.move(taking, taken, StandardCopyOption.ATOMIC_MOVE);
        placement.deleteDoneFile(file);
        List<Arrival.InterchangeId> ids = scan.interchanges().stream()
                .map(h -> new Arrival.InterchangeId(h.sender(), h.receiver(), h.control())).toList();
        Admission admission;
        try {
            admission = ledger.admit(new Arrival(scan.sha256(), arrivedName, scan.bytes(), ids),
                    settings.duplicateWindow(), settings.maxStarts(), settings.staleAfter());
        } catch (LedgerException e) {
            placement.giveBack(taken, arrivedName);
            worst(2);
            throw e;
        }
        FileRecord row = admission.file();
        switch (admission.decision()) {
            case WAIT -> {
                placement.giveBack(taken, arrivedName);
                LOG.info("waiting file_id={} sha256={} reason=processing-elsewhere owner={}", row.id(), sha12,
                        row.ownerNode());
                metrics.file(Outcome.WAITING);
                return Outcome.WAITING;
            }
            case DUPLICATE -> {
                placement.archive(taken, arrivedName, scan.sha256());
                FileRecord original = admission.original();
                LOG.info("state file_id={} sha256={} from=received to={} duplicate_of={} outputs={}", row.id(), sha12,
                        row.state().db(), original.id(), original.outputs().size());
                if (uploads()) {
                    ledger.uploadPending(row.id(), true);
                    upload(row.id(), original.outputs());
                }
                worst(original.state() == FileState.DONE ? 0 : 1);
                metrics.file(Outcome.DUPLICATE);
                return Outcome.DUPLICATE;
            }
            case POISON -> {
                placement.quarantine(taken, row, "POISON");
                LOG.warn("state file_id={} sha256={} to=quarantined reason=POISON attempts={}", row.id(), sha12,
                        row.attempts());
                worst(1);
                metrics.file(Outcome.QUARANTINED);
                return Outcome.QUARANTINED;
            }
            default -> {
                return process(taken, arrivedName, scan, admission, started);
            }
        }
    }

    private Outcome process(Path taken, String arrivedName, InterchangeScan scan, Admission admission,
                            Instant started) throws IOException {
        try {
            return scrubAndRecord(taken, arrivedName, scan, admission, started);
        } finally {
            releaseBatchLock(); // held from the first read of the batch history until the ledger has the outcome
        }
    }

    private Outcome scrubAndRecord(Path taken, String arrivedName, InterchangeScan scan, Admission admission,
                                   Instant started) throws IOException {
        FileRecord row = admission.file();
        String sha12 = scan.sha256().substring(0, 12);
        LOG.info("state file_id={} sha256={} to=processing attempt={} interchanges={} duplicate_isa13={} bytes={}",
                row.id(), sha12, row.attempts(), row.interchangeControls(), admission.duplicateControls(),
                scan.bytes());
        TestHooks.maybeHalt(arrivedName);
        String name = taken.getFileName().toString().replaceFirst("\\.x12$", "");
        FileResult result;
        long beat = Math.max(1000, settings.staleAfter().toMillis() / 3);
        java.util.concurrent.ScheduledFuture<?> heartbeat = HEARTBEAT.scheduleAtFixedRate(() -> {
            try {
                ledger.heartbeat(row.id());
            } catch (RuntimeException e) {
                LOG.warn("heartbeat failed file_id={} error={}", row.id(), e.getClass().getSimpleName());
            }
        }, beat, beat, java.util.concurrent.TimeUnit.MILLISECONDS);
        try (Ledger.ClaimWriter claims = ledger.claims(row.id())) {
            result = scrub.scrub(taken, new ScrubService.Request(name, admission.duplicateControls(),
                    (claim, status, findings) -> {
                        ClaimRow claimRow = ClaimRows.of(claim, status, findings);
                        claims.add(claimRow);
                        metrics.claim(status);
                        claimRow.ruleIds().forEach(metrics::rule);
                    }, scan.sha256(), claims::flush));
        } catch (ScrubService.InputChangedException e) {
            // a writer the gateway could not see added to the file while it was read: nothing was written of it;
            // it goes back to the inbox and is read again, whole, once it stops changing
            try {
                ledger.withdraw(row.id(), "changed while read");
            } catch (LedgerException again) {
                e.addSuppressed(again);
            }
            placement.giveBack(taken, arrivedName);
            LOG.warn("state file_id={} sha256={} to=received reason=changed-while-read", row.id(), sha12);
            metrics.file(Outcome.WAITING);
            return Outcome.WAITING;
        } catch (LedgerException e) {
            if (!Ledger.dataError(e)) {
                throw retry(row, taken, arrivedName, sha12, e);
            }
            // a value the ledger cannot hold: the file's own, and no output was published (the claim rows are
            // written before the outputs appear); counted, so the same bytes end in quarantine after max-starts
            try {
                ledger.failed(row.id(), "ledger refused the file's rows");
            } catch (LedgerException again) {
                e.addSuppressed(again);
            }
            placement.giveBack(taken, arrivedName);
            metrics.file(Outcome.RETRY);
            LOG.warn("state file_id={} sha256={} to=received reason=ledger-refused-rows attempt={} max_starts={}",
                    row.id(), sha12, row.attempts(), settings.maxStarts());
            worst(1);
            return Outcome.RETRY;
        } catch (IOException | UncheckedIOException e) {
            throw retry(row, taken, arrivedName, sha12, e);
        } catch (OutOfMemoryError e) {
            // too big for this heap: no output of it is in place; give it back. Each start is counted, so a file
            // that never fits is quarantined after max-starts like any file that keeps failing
            try {
                ledger.failed(row.id(), "retry after OutOfMemoryError");
                placement.giveBack(taken, arrivedName);
            } catch (RuntimeException | IOException again) {
                e.addSuppressed(again);
            }
            metrics.file(Outcome.RETRY);
            worst(2);
            LOG.warn("state file_id={} sha256={} to=received reason=retry error=OutOfMemoryError", row.id(), sha12);
            return Outcome.RETRY;
        } catch (RuntimeException e) {
            // the file cannot be processed at all
            String reason = "PROCESSING-FAILED " + e.getClass().getSimpleName();
            try {
                ledger.quarantine(row.id(), reason);
            } catch (LedgerException down) {
                throw retry(row, taken, arrivedName, sha12, down); // not left in the work folder until a restart
            }
            placement.quarantine(taken, row, reason);
            LOG.warn("state file_id={} sha256={} to=quarantined reason={}", row.id(), sha12, reason);
            worst(1);
            metrics.file(Outcome.QUARANTINED);
            return Outcome.QUARANTINED;
        } finally {
            heartbeat.cancel(false);
        }
        boolean done = result.accepted() > 0 || (result.claimsIn() == 0 && !result.anythingRejected());
        FileState state = done ? FileState.DONE : FileState.REJECTED;
        String reason = result.fileFindingRules().isEmpty() ? null : result.fileFindingRules().get(0);
        try {
            ledger.finish(row.id(), state, reason, result.outputs(), result.claimsIn(), result.accepted(),
                    result.rejected(), result.added(), uploads());
            releaseBatchLock(); // what the file accepted is recorded: other nodes may decide (not after the upload)
        } catch (LedgerException e) {
            releaseBatchLock();
            FileRecord now;
            try {
                now = ledger.file(row.id());
            } catch (LedgerException down) {
                e.addSuppressed(down);
                placement.giveBack(taken, arrivedName); // to the inbox, not left in the work folder until a restart
                throw e;
            }
            if (now.state().terminal()) {
                // another node took the file over (this node's claim went stale) and finished it: same outputs; the
                // file went with the takeover, or is archived here
                if (Files.exists(taken)) {
                    placement.archiveWhatWasRead(row.id(), taken, arrivedName, scan);
                }
                LOG.warn("state file_id={} sha256={} finished_by={} reason=taken-over", row.id(), sha12,
                        now.ownerNode());
                metrics.file(Outcome.TAKEN);
                return Outcome.TAKEN;
            }
            placement.giveBack(taken, arrivedName);
            throw e;
        }
        placement.archiveWhatWasRead(row.id(), taken, arrivedName, scan);
        long millis = Duration.between(started, Instant.now()).toMillis();
        metrics.processed(scan.bytes(), millis);
        metrics.file(done ? Outcome.DONE : Outcome.REJECTED);
        LOG.info("state file_id={} sha256={} from=processing to={} claims={} accepted={} rejected={} outputs={} "
                        + "ms={}", row.id(), sha12, state.db(), result.claimsIn(), result.accepted(),
                result.rejected(), result.outputs().size(), millis);
        worst(result.anythingRejected() || result.rejected() > 0 || !done ? 1 : 0);
        upload(row.id(), result.outputs());
        return done ? Outcome.DONE : Outcome.REJECTED;
    }

    /**
     * A failure that is not the file's (disk, database): the file goes back to the inbox, its start not counted, to
     * be tried again at a later poll; returns what to throw.
     */
    private IOException retry(FileRecord row, Path taken, String arrivedName, String sha12, Exception e)
            throws IOException {
        try {
            ledger.release(row.id(), "retry after " + e.getClass().getSimpleName());
        } catch (LedgerException again) {
            e.addSuppressed(again);
        }
        placement.giveBack(taken, arrivedName);
        metrics.file(Outcome.RETRY);
        LOG.warn("state file_id={} sha256={} to=received reason=retry error={}", row.id(), sha12,
                e.getClass().getSimpleName());
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        throw (RuntimeException) e;
    }

    private boolean uploads() {
        return uploader != Uploader.NONE;
    }

    /** Uploads a file's answers (999, TA1, 277CA, accepted 837P); on success the ledger no longer lists it. */
    private void upload(long fileId, List<String> outputs) {
        if (!uploads()) {
            return;
        }
        List<Path> answers = new ArrayList<>();
        for (String o : outputs) {
            if (o.startsWith("acks/") || o.startsWith("accepted/")) {
                answers.add(folders.out().resolve(o));
            }
        }
        try {
            if (!answers.isEmpty()) {
                uploader.upload(answers);
            }
            ledger.uploadPending(fileId, false);
            LOG.info("uploaded file_id={} files={}", fileId, answers.size());
        } catch (IOException | RuntimeException e) {
            // the ledger still says pending: housekeeping tries again
            LOG.warn("upload failed file_id={} files={} error={}", fileId, answers.size(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * What runs at start and then every so often: files another node started and abandoned (its claim older than
     * {@code stale-after-s}) go back to the inbox to be taken over; answers whose upload failed are uploaded.
     */
    public void housekeeping() throws IOException {
        unclaimedElsewhere();
        for (FileRecord stale : ledger.staleElsewhere(settings.staleAfter())) {
            Path theirs = folders.processing().resolve(plainOr(stale.ownerNode(), "-"));
            if (!Files.isDirectory(theirs)) {
                continue;
            }
            String sha12 = stale.sha256().substring(0, 12);
            List<Path> left;
            try (Stream<Path> s = Files.list(theirs)) {
                left = s.filter(p -> p.getFileName().toString().endsWith("_" + sha12 + ".x12")).toList();
            }
            for (Path p : left) {
                try {
                    placement.intoInbox(p, plainOr(stale.fileName(), p.getFileName().toString()),
                            p.getFileName().toString());
                    LOG.warn("taken over file_id={} sha256={} from_node={} reason=stale", stale.id(), sha12,
                            stale.ownerNode());
                } catch (NoSuchFileException | FileAlreadyExistsException e) {
                    // the owner finished it meanwhile, or a copy already waits in the inbox
                }
            }
        }
        if (uploads()) {
            for (FileRecord pending : ledger.uploadPending()) {
                upload(pending.id(), pending.outputs());
            }
        }
    }

    /**
     * Files in another node's work folder that no ledger row claims — taken (renamed in) by a node that died before
     * the ledger admitted them, e.g. during the envelope scan of a large file — go back to the inbox once they have
     * sat there for {@code stale-after-s} (by the time of the rename, the inode's change time). The ledger's stale
     * claims are handled by {@link #housekeeping}; a node that comes back settles its own folder at start.
     */
    private void unclaimedElsewhere() throws IOException {
        List<Path> nodes;
        try (Stream<Path> s = Files.list(folders.processing())) {
            nodes = s.filter(p -> !p.equals(work) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
        long before = System.currentTimeMillis() - settings.staleAfter().toMillis();
        for (Path theirs : nodes) {
            List<Path> left;
            try (Stream<Path> s = Files.list(theirs)) {
                left = s.filter(p -> Intake.kind(p) == Intake.Kind.REGULAR && changedBefore(p, before)).toList();
            }
            for (Path p : left) {
                String name = p.getFileName().toString();
                boolean taking = name.startsWith(TAKING);
                if (!taking && (name.startsWith(".") || !name.endsWith(".x12"))) {
                    continue; // a part file or a rest being cut: not a file of the inbox
                }
                if (!taking) {
                    InterchangeScan scan = InterchangeScan.of(p);
                    if (ledger.original(scan.sha256()).isPresent()) {
                        continue; // the ledger knows it: its stale claim is taken over as such
                    }
                }
                String back = taking ? name.substring(TAKING.length()) : name;
                try {
                    placement.intoInbox(p, back, plainOr(back, "file"));
                    LOG.warn("taken over entry={} from_node={} reason=unclaimed", Intake.nameHash(name),
                            theirs.getFileName());
                } catch (NoSuchFileException e) {
                    // its node settled it meanwhile
                }
            }
        }
    }

    private static boolean changedBefore(Path p, long millis) {
        try {
            return ((java.nio.file.attribute.FileTime) Files.getAttribute(p, "unix:ctime",
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)).toMillis() < millis;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Output names come from the envelope and the hash, never from the name the file arrived with. */
    static String outputName(InterchangeScan scan) {
        String sha12 = scan.sha256().substring(0, 12);
        if (scan.interchanges().isEmpty()) {
            return "unknown_" + sha12;
        }
        InterchangeScan.Header h = scan.interchanges().get(0);
        String sender = h.sender().replaceAll("[^A-Za-z0-9]", "");
        String control = h.control().replaceAll("[^0-9A-Za-z]", "");
        return (sender.isEmpty() ? "unknown" : clip(sender, 15)) + "_" + (control.isEmpty() ? "0" : clip(control, 9))
                + "_" + sha12;
    }

    /** The name if it is a plain file name (letters, digits, '.', '_', '-'), else the fallback. */
    static String plainOr(String name, String fallback) {
        return name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}") ? name : fallback;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
