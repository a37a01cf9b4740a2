package io.claimgate.scrub;

import io.claimgate.finding.Finding;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.report.FindingRows;
import io.claimgate.report.FindingsReportWriter;
import io.claimgate.report.ReportFinding;
import io.claimgate.x12.Acknowledgments;
import io.claimgate.rules.ClaimCheck;
import io.claimgate.rules.therapy.BatchRules;
import io.claimgate.x12.ClaimCounter;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.EnvelopeOutcome;
import io.claimgate.x12.X12Rule;
import io.claimgate.finding.X12Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Scrubs one 837P file: validates it (envelope, implementation guide, balancing), then writes into the output
 * folder {@code accepted/NAME.837}, {@code rejected/NAME.837} (when there are such claims), {@code acks/NAME.999},
 * {@code acks/NAME.ta1} (when the envelope calls for one), {@code reports/NAME.findings.json} and
 * {@code reports/NAME.findings.csv}. Every output appears atomically. Logs carry file names, hashes, control
 * numbers, counts and rule ids only.
 */
public final class ScrubService {
    private static final Logger LOG = LoggerFactory.getLogger(ScrubService.class);

    private final Path outDir;
    private final Supplier<String> controlNumbers;
    private final FindingsCsvExport csvExport;
    private final ClaimCheck rules;
    private final Set<String> usedNames = ConcurrentHashMap.newKeySet();
    private int validationThreads = Math.min(Runtime.getRuntime().availableProcessors(), 2);
    private ClaimReader.Limits readerLimits = ClaimReader.Limits.DEFAULT;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private final ScrubProgress progress = new ScrubProgress();
    /** What this batch (this service's files) has accepted so far, for the rules that span it. */
    private final BatchRules.State batchState;

    /** What earlier batches accepted (the gateway's ledger); null: only this service's own files count. */
    private BatchRules.History history;

    /** Receives each claim as it is routed, with its status and its findings (as listed in the report). */
    @FunctionalInterface
    public interface ClaimSink {
        ClaimSink NONE = (claim, status, findings) -> { };

        void claim(io.claimgate.model.Claim claim, String status, List<Finding> findings);
    }

    /**
     * How the gateway scrubs one received file: under a name it chose (not made unique per run: the same name
     * again overwrites, so re-processing after a crash leaves one set of outputs), with the interchanges its ledger
     * found to repeat an earlier sender, receiver and ISA13 (rejected with TA1 025), and a sink for the claims.
     */
    public record Request(String outputName, Set<String> duplicateInterchanges, ClaimSink claims,
                          String expectedSha256, BeforePublish beforePublish) {
        public Request {
            if (!outputName.matches("[A-Za-z0-9._-]{1,200}") || outputName.startsWith(".")) {
                throw new IllegalArgumentException("output name must be a plain file name");
            }
            duplicateInterchanges = Set.copyOf(duplicateInterchanges);
        }

        /** A request with no expectation of the bytes read and nothing to do before the outputs appear. */
        public Request(String outputName, Set<String> duplicateInterchanges, ClaimSink claims) {
            this(outputName, duplicateInterchanges, claims, null, BeforePublish.NOTHING);
        }
    }

    /**
     * Runs once every claim has gone to the {@link ClaimSink} and every output is written, before any output is
     * renamed into place: what the caller must have recorded first (the gateway: the ledger's claim rows). A
     * failure here leaves no output.
     */
    @FunctionalInterface
    public interface BeforePublish {
        BeforePublish NOTHING = () -> { };

        void run() throws IOException;
    }

    /**
     * The bytes read were not the bytes the caller took (a writer was still at work): nothing of them was written.
     * Says only what can be logged: the hash prefixes and sizes.
     */
    public static final class InputChangedException extends IOException {
        public InputChangedException(String expectedSha256, String readSha256, long readBytes) {
            super("the file changed after it was taken: expected sha256 " + expectedSha256.substring(0, 12)
                    + ", read " + readSha256.substring(0, 12) + " (" + readBytes + " bytes)");
        }
    }

    /** Files smaller than this are validated on one thread: a second would not pay off. */
    static final long PARALLEL_MIN_BYTES = 1_000_000;

    /**
     * @param outDir    where the outputs go
     * @param csvExport the findings CSV export
     * @param rules     the claim rules to apply besides the X12 checks (the therapy rules)
     */
    public ScrubService(Path outDir, FindingsCsvExport csvExport, ClaimCheck rules) {
        this.outDir = outDir;
        this.csvExport = csvExport;
        this.rules = rules;
        this.batchState = new BatchRules.State(rules.importedYearToDate());
        this.controlNumbers = new ControlNumbers(outDir.resolve(".claimgate-control-number"));
    }

    /**
     * How many threads validate one large file: 2 (the default with two processors or more) tokenizes the file on
     * one (StAEDI) while the calling thread assembles the claims, checks the guide, applies the rules and keeps the
     * claims for the outputs; 1 does it all on the calling thread. More than 2 are used as 2.
     */
    public ScrubService validationThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("validation threads must be at least 1");
        }
        this.validationThreads = threads;
        return this;
    }

    /** Files larger than this are not read (2 GiB unless configured). */
    public static final long DEFAULT_MAX_FILE_BYTES = 2L << 30;

    /**
     * Limits on hostile or oversized input: the reader's (segment length, claims per set, lines and segments per
     * claim; the same for both passes) and the largest file read at all. A file over {@code maxFileBytes} is only
     * hashed and its claims counted; it gets {@code X12-LIMIT-FILE-SIZE} and no 837P output.
     */
    public ScrubService limits(ClaimReader.Limits readerLimits, long maxFileBytes) {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("the largest file must be at least one byte");
        }
        this.readerLimits = java.util.Objects.requireNonNull(readerLimits);
        this.maxFileBytes = maxFileBytes;
        return this;
    }

    /**
     * Decide the rules that span batches over {@code history} (what earlier runs accepted) instead of over what this
     * service scrubbed before; each result then says what its file {@linkplain FileResult#added() added}.
     */
    public ScrubService history(BatchRules.History history) {
        this.history = history;
        return this;
    }

    /** Progress of the file being scrubbed (for a progress line on another thread). */
    public ScrubProgress progress() {
        return progress;
    }

    /**
     * Scrubs one file. Problems in the data become findings; only I/O failures are thrown. Outputs are written
     * under temporary names and all renamed into place at the end, so a failure part-way leaves none of them.
     */
    public synchronized FileResult scrub(Path input) throws IOException {
        String name = outputName(input);
        boolean done = false;
        try {
            FileResult result = scrubFile(input, name, Set.of(), ClaimSink.NONE);
            done = true;
            return result;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // writers deep inside report I/O failures unchecked; callers get them as they are
        } finally {
            if (!done) {
                usedNames.remove(name); // a file that failed leaves nothing behind, not even its output name
            }
        }
    }

    /**
     * Scrubs one file as the gateway asks (see {@link Request}); otherwise as {@link #scrub(Path)}. With an expected
     * hash, a file whose bytes read hash otherwise gets no output: {@link InputChangedException}.
     */
    public synchronized FileResult scrub(Path input, Request request) throws IOException {
        try {
            Prepared prepared = prepare(input, progress, validationThreads);
            if (request.expectedSha256() != null && !request.expectedSha256().equals(prepared.hash)) {
                prepared.close();
                throw new InputChangedException(request.expectedSha256(), prepared.hash, prepared.bytes);
            }
            return finish(prepared, request.outputName(), request.duplicateInterchanges(), request.claims(),
                    request.beforePublish());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The first pass over a file, done ahead: its validation verdicts (no claims held). Independent of the batch,
     * so several files can be prepared at once on other threads while this service finishes earlier ones in order
     * ({@link #scrub(Prepared)}).
     */
    public static final class Prepared implements AutoCloseable {
        final Path input;
        final ValidationPass verdicts;
        final String hash;
        final long bytes;

        private Prepared(Path input, ValidationPass verdicts, String hash, long bytes) {
            this.input = input;
            this.verdicts = verdicts;
            this.hash = hash;
            this.bytes = bytes;
        }

        public Path input() {
            return input;
        }

        /**
         * Deletes the verdicts' temporary files; done by {@link #scrub(Prepared)}, needed only for a prepared file
         * that will not be scrubbed. Idempotent.
         */
        @Override
        public void close() {
            verdicts.close();
        }
    }

    /** Validates a file (pass 1) on the calling thread, for {@link #scrub(Prepared)} later. Thread-safe. */
    public Prepared prepare(Path input) throws IOException {
        try {
            return prepare(input, new ScrubProgress(), 1);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Prepared prepare(Path input, ScrubProgress progress, int threads) throws IOException {
        MessageDigest sha = sha256();
        long bytes = Files.size(input);
        progress.start(1, bytes);
        ValidationPass verdicts = bytes > maxFileBytes ? tooLarge(input, sha, bytes, progress)
                : validate(input, sha, bytes >= PARALLEL_MIN_BYTES ? threads : 1, progress, rules, readerLimits);
        return new Prepared(input, verdicts, HexFormat.of().formatHex(sha.digest()), bytes);
    }

    /** Finishes a prepared file: the batch rules, the second pass, every output; as {@link #scrub(Path)}. */
    public synchronized FileResult scrub(Prepared prepared) throws IOException {
        String name = outputName(prepared.input);
        boolean done = false;
        try {
            FileResult result = finish(prepared, name, Set.of(), ClaimSink.NONE, BeforePublish.NOTHING);
            done = true;
            return result;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (!done) {
                usedNames.remove(name);
            }
        }
    }

    private FileResult scrubFile(Path input, String name, Set<String> duplicates, ClaimSink sink)
            throws IOException {
        return finish(prepare(input, progress, validationThreads), name, duplicates, sink, BeforePublish.NOTHING);
    }

    private FileResult finish(Prepared prepared, String name, Set<String> duplicates, ClaimSink sink,
                              BeforePublish beforePublish) throws IOException {
        try {
            return finishVerdicts(prepared, name, duplicates, sink, beforePublish);
        } finally {
            prepared.close(); // the verdicts' temporary files, also on failure
        }
    }

    private FileResult finishVerdicts(Prepared prepared, String name, Set<String> duplicates, ClaimSink sink,
                                      BeforePublish beforePublish) throws IOException {
        Path input = prepared.input;
        String fileName = input.getFileName().toString();
        LocalDateTime now = LocalDateTime.now();
        ValidationPass verdicts = prepared.verdicts;
        long bytes = prepared.bytes;
        String hash = prepared.hash;
        for (EnvelopeOutcome.Interchange i : verdicts.interchanges) {
            if (duplicates.contains(i.header().control())) {
                i.findings().add(Finding.of(X12Rule.INTERCHANGE_DUPLICATE, new X12Position(i.header().control(),
                        null, null, "ISA", 0, null, 13, 0, 0, "I12")));
            }
        }

        // the rules that span the batch, in reading order, over what earlier files of the batch accepted
        // (on a fork of the batch state, kept only when this file's outputs are all written)
        BatchRules.State fileState = history == null ? batchState.fork()
                : BatchRules.State.fromHistory(rules.importedYearToDate(), history, verdicts.batch);
        BatchRules.decide(verdicts.batch, fileState, claim -> verdicts.rejects(claim, verdicts.setOf(claim)),
                verdicts::batchFindings);
        verdicts.settle();

        List<AtomicFile> pending = new ArrayList<>();
        RoutingPass routing = null;
        long routed;
        long claimsIn;
        List<String> fileRules = new ArrayList<>(
                verdicts.fileFindings.stream().map(Finding::ruleId).distinct().toList());
        try (FindingRows rows = new FindingRows()) {
            // acknowledgments
            Acknowledgments acks = new Acknowledgments(controlNumbers, now);
            if (Acknowledgments.needs999(verdicts.interchanges)) {
                AtomicFile f = pending(pending, outDir.resolve("acks").resolve(name + ".999"));
                acks.write999(f.stream(), verdicts.interchanges);
            }
            if (Acknowledgments.needsTa1(verdicts.interchanges)) {
                AtomicFile f = pending(pending, outDir.resolve("acks").resolve(name + ".ta1"));
                acks.writeTa1(f.stream(), verdicts.interchanges);
            }

            // pass 2: route claims to the 837P outputs and the report
            AtomicFile reportFile = pending(pending, outDir.resolve("reports").resolve(name + ".findings.json"));
            try (FindingsReportWriter report = new FindingsReportWriter(reportFile.stream(), fileName, hash)) {
                List<ReportFinding> fileRows = new ArrayList<>();
                for (Finding f : verdicts.fileFindings) {
                    fileRows.add(new ReportFinding(fileName, "FILE", null, null, f));
                }
                rows.addAll(fileRows);
                report.fileFindings(fileRows);
                report.envelope(envelopeEntries(fileName, verdicts, rows));

                routing = new RoutingPass(verdicts, fileName, kind -> open(kind, name), controlNumbers, now, report,
                        rows, sink);
                if (verdicts.claims > 0) {
                    progress.start(2, bytes);
                    long claimCount = verdicts.claims;
                    // the claims as the validation pass read them, decoded on another thread while this one writes
                    ReadAhead.read(into -> {
                        long n = 0;
                        for (java.util.Iterator<io.claimgate.model.Claim> it = verdicts.readClaims(); it.hasNext(); ) {
                            into.claim(it.next());
                            progress.share(++n, claimCount);
                        }
                    }, routing);
                }
                pending.addAll(0, routing.finish());
                routed = routing.accepted + routing.rejected;
                claimsIn = Math.max(verdicts.claimsInFile, routed);
                if (claimsIn > routed) {
                    Finding notRead = Finding.of(X12Rule.CLAIMS_NOT_READ, X12Position.FILE, (claimsIn - routed)
                            + " of the file's " + claimsIn + " claims could not be read; they are in no output");
                    rows.add(new ReportFinding(fileName, "FILE", null, null, notRead));
                    fileRules.add(notRead.ruleId());
                }
                report.summary(claimsIn, routing.accepted, routing.corrected, routing.rejected, claimsIn - routed);
            }
            AtomicFile csv = pending(pending, outDir.resolve("reports").resolve(name + ".findings.csv"));
            csvExport.write(rows, csv.stream());

            if (history == null) {
                batchState.reserveFor(fileState); // what can fail (room on disk) before any output is in place
            }
            beforePublish.run();
            for (AtomicFile f : pending) {
                f.commit();
            }
            if (history == null) {
                batchState.adopt(fileState);
            }
        } finally {
            for (AtomicFile f : pending) {
                f.close(); // deletes what was not committed
            }
            if (routing != null) {
                routing.abandon();
            }
        }
        List<String> outputs = pending.stream().map(f -> relative(f.target())).toList();

        List<String> controls = verdicts.interchanges.stream().map(i -> i.header().control()).toList();
        boolean anythingRejected = verdicts.anythingRejected() || routing.rejected > 0 || claimsIn > routed;
        LOG.info("scrubbed file={} sha256={} interchanges={} claims={} accepted={} rejected={} notRead={} "
                        + "fileRules={}", fileName, hash.substring(0, 12), controls, claimsIn, routing.accepted,
                routing.rejected, claimsIn - routed, fileRules);
        return new FileResult(fileName, hash, bytes, controls, claimsIn, routing.accepted, routing.corrected,
                routing.rejected,
                anythingRejected, fileRules, outputs,
                history == null ? BatchRules.Accepted.NONE : fileState.added(verdicts.batch));
    }

    private static AtomicFile pending(List<AtomicFile> pending, Path target) throws IOException {
        AtomicFile f = new AtomicFile(target);
        pending.add(f);
        return f;
    }

    /** Validates the file on the calling thread ({@code threads} 1) or with a tokenizing thread beside it (more). */
    static ValidationPass validate(Path input, MessageDigest sha, int threads, ScrubProgress progress,
                                   ClaimCheck rules) throws IOException {
        return validate(input, sha, threads, progress, rules, ClaimReader.Limits.DEFAULT);
    }

    /** A file over the size limit: hashed and its CLM segments counted, nothing else read. */
    private ValidationPass tooLarge(Path input, MessageDigest sha, long bytes, ScrubProgress progress)
            throws IOException {
        return wholeRead(input, sha, progress, rules, null, Finding.of(X12Rule.FILE_TOO_LARGE, X12Position.FILE,
                "the file has " + bytes + " bytes, more than the limit of " + maxFileBytes
                        + " (claimgate.limits.max-file-bytes)"));
    }

    /**
     * One read of the whole file that hashes it and counts its CLM segments, with {@code reader} (if any) reading it
     * into a new pass, which also gets {@code fileFinding} (if any). The pass is closed if the read fails.
     */
    private static ValidationPass wholeRead(Path input, MessageDigest sha, ScrubProgress progress, ClaimCheck rules,
                                            ClaimReader reader, Finding fileFinding) throws IOException {
        ValidationPass pass = new ValidationPass(rules);
        boolean done = false;
        try {
            ClaimCounter counter = new ClaimCounter();
            try (InputStream in = progress.counting(counter.counting(
                    new DigestInputStream(Files.newInputStream(input), sha)))) {
                if (reader != null) {
                    reader.read(in, pass);
                }
                in.transferTo(OutputStream.nullOutputStream()); // hash and count all of it, read or not
            }
            if (fileFinding != null) {
                pass.fileFindings.add(fileFinding);
            }
            pass.finishReading();
            pass.claimsInFile = counter.claims();
            done = true;
            return pass;
        } finally {
            if (!done) {
                pass.close();
            }
        }
    }

    static ValidationPass validate(Path input, MessageDigest sha, int threads, ScrubProgress progress,
                                   ClaimCheck rules, ClaimReader.Limits limits) throws IOException {
        ClaimReader reader = ClaimReader.validating().limits(limits);
        // with two threads, StAEDI tokenizes on the second while this one does everything else
        return wholeRead(input, sha, progress, rules, threads > 1 ? reader.tokenizingAhead() : reader, null);
    }

    private static List<FindingsReportWriter.EnvelopeEntry> envelopeEntries(String fileName, ValidationPass verdicts,
                                                                            FindingRows rows) {
        List<FindingsReportWriter.EnvelopeEntry> entries = new ArrayList<>();
        for (EnvelopeOutcome.Interchange i : verdicts.interchanges) {
            entries.add(new FindingsReportWriter.EnvelopeEntry("INTERCHANGE", i.header().control(), null, null,
                    status(i.rejected()), 0, reportRows(fileName, "INTERCHANGE", i.findings(), rows), 0));
            for (EnvelopeOutcome.Group g : i.groups()) {
                entries.add(new FindingsReportWriter.EnvelopeEntry("GROUP", i.header().control(), g.header().control(),
                        null, status(g.rejected()), 0, reportRows(fileName, "GROUP", g.findings(), rows), 0));
                for (EnvelopeOutcome.Set s : g.sets()) {
                    // claim-level findings of the set are reported with their claims
                    List<Finding> own = s.ownFindings();
                    entries.add(new FindingsReportWriter.EnvelopeEntry("SET", i.header().control(),
                            g.header().control(), s.header().control(), status(s.rejectedWithEnvelope()), s.claims(),
                            reportRows(fileName, "SET", own, rows), s.omitted()));
                }
            }
        }
        return entries;
    }

    private static List<ReportFinding> reportRows(String fileName, String level, List<Finding> findings,
                                                  FindingRows rows) {
        List<ReportFinding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(new ReportFinding(fileName, level, null, null, f));
        }
        rows.addAll(out);
        return out;
    }

    private static String status(boolean rejected) {
        return rejected ? RoutingPass.REJECTED : RoutingPass.ACCEPTED;
    }

    /**
     * The hidden names ({@code .NAME.KIND.part}) under which the outputs named {@code name} are written until they
     * are complete: what a crash while writing them leaves in the output folders.
     */
    public static List<Path> partialOutputs(Path outDir, String name) {
        return java.util.stream.Stream.of(outDir.resolve("accepted").resolve(name + ".837"),
                outDir.resolve("rejected").resolve(name + ".837"), outDir.resolve("acks").resolve(name + ".999"),
                outDir.resolve("acks").resolve(name + ".ta1"), outDir.resolve("acks").resolve(name + ".277"),
                outDir.resolve("reports").resolve(name + ".findings.json"),
                outDir.resolve("reports").resolve(name + ".findings.csv")).map(AtomicFile::temp).toList();
    }

    private AtomicFile open(String kind, String name) {
        try {
            if (kind.equals("277")) {
                return new AtomicFile(outDir.resolve("acks").resolve(name + ".277"));
            }
            return new AtomicFile(outDir.resolve(kind).resolve(name + ".837"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path p) {
        return outDir.relativize(p).toString().replace('\\', '/');
    }

    /** The input's name without its extension, made unique within this run. */
    private String outputName(Path input) {
        String base = input.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        for (int n = 2; !usedNames.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
