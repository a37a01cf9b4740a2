package io.claimgate.cli;

import io.claimgate.report.FindingsCsvExport;
import io.claimgate.rules.therapy.TherapyRules;
import io.claimgate.report.RunManifest;
import io.claimgate.scrub.FileResult;
import io.claimgate.scrub.ScrubService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code claimgate scrub [--out DIR] [--config DIR] PATH...}. */
@Command(name = "scrub", mixinStandardHelpOptions = true,
        description = "Validate 837P files and write accepted/rejected 837P, 999/TA1 and findings reports.")
final class ScrubCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})",
            defaultValue = "out")
    Path out;

    @Mixin
    Installation installation;

    @Option(names = "--threads", paramLabel = "N",
            description = "files validated at once (default: the processors available, at most 4)")
    Integer threads;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "837P files or folders of them")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> inputs = inputsOrNull(paths, err);
        if (inputs == null) {
            return Main.USAGE;
        }
        Installation.Scrubbing scrubbing = installation.load(err);
        if (scrubbing == null) {
            return Main.USAGE;
        }
        FindingsCsvExport csv = scrubbing.csv();
        TherapyRules rules = scrubbing.rules();

        Instant started = Instant.now();
        ScrubService service;
        try {
            service = Installation.limited(new ScrubService(out, csv, rules), scrubbing.limits());
        } catch (io.claimgate.scrub.ControlNumbers.DamagedException e) {
            scrubbing.close();
            err.println("claimgate: configuration error: " + e.getMessage());
            return Main.USAGE;
        }
        List<RunManifest.Entry> entries = new ArrayList<>();
        long in = 0;
        long accepted = 0;
        long rejected = 0;
        boolean anyRejected = false;
        boolean ioFailure = false; // a file not processed for a reason that is not its own (a full disk)
        int workers = Math.max(1, threads != null ? threads : Math.min(Runtime.getRuntime().availableProcessors(), 4));
        // several files: validate up to `workers` of them ahead on other threads (the costly pass), finish each in
        // order here, so the batch rules see the files in order; one file: validated by several threads itself
        Ahead ahead = inputs.size() > 1 && workers > 1 ? new Ahead(service, inputs, workers) : null;
        try (Progress progress = new Progress(err); Ahead closing = ahead) {
            for (int i = 0; i < inputs.size(); i++) {
                Path input = inputs.get(i);
                progress.file(input.getFileName().toString(), service.progress());
                try {
                    FileResult r = ahead != null ? service.scrub(ahead.take(i)) : service.scrub(input);
                    entries.add(new RunManifest.Entry(input.toString(), r.sha256(), r.bytes(),
                            r.interchangeControls(), r.claimsIn(), r.accepted(), r.rejected(), r.fileFindingRules(),
                            r.outputs(), null));
                    in += r.claimsIn();
                    accepted += r.accepted();
                    rejected += r.rejected();
                    anyRejected |= r.anythingRejected();
                    progress.clear();
                    err.printf("%s: %d claims, %d accepted%s, %d rejected%s%s%n", r.file(), r.claimsIn(),
                            r.accepted(), r.corrected() > 0 ? " (" + r.corrected() + " corrected)" : "", r.rejected(), r.notRead() > 0 ? ", " + r.notRead() + " NOT READ (input kept)" : "",
                            r.fileFindingRules().isEmpty() ? "" : " " + r.fileFindingRules());
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // nothing of the file's outputs is in place (they are committed together at the end), the
                    // input is untouched; the next file starts with the memory this one held
                    anyRejected = true;
                    ioFailure |= e instanceof IOException || e instanceof OutOfMemoryError;
                    progress.clear();
                    String why = e instanceof OutOfMemoryError ? "out of memory: raise the heap "
                            + "(CLAIMGATE_JAVA_OPTS=-Xmx...) or lower claimgate.limits.*" : Failures.describe(e);
                    org.slf4j.LoggerFactory.getLogger(ScrubCommand.class).warn("not processed: {}: {}",
                            input.getFileName(), why);
                    entries.add(new RunManifest.Entry(input.toString(), null, 0, List.of(), 0, 0, 0, List.of(),
                            List.of(), "not processed: " + why));
                    err.printf("%s: not processed (%s); input left in place%n", input.getFileName(), why);
                }
            }
        } finally {
            scrubbing.close();
        }
        Instant finished = Instant.now();
        boolean manifest = true;
        try {
            writeManifest(started, finished, entries);
        } catch (IOException e) {
            manifest = false;
            err.printf("claimgate: %s not written (%s)%n", out.resolve("run-manifest.json"), Failures.describe(e));
        }
        err.printf("total: %d files, %d claims, %d accepted, %d rejected in %.1f s -> %s%n", inputs.size(), in,
                accepted, rejected, Duration.between(started, finished).toMillis() / 1000.0, out);
        if (!manifest || ioFailure) {
            return Main.USAGE; // as serve --drain: a failure that left an input for a later try
        }
        return anyRejected || rejected > 0 ? Main.REJECTED : Main.ACCEPTED;
    }

    /** Files validated ahead of the one being finished, a bounded window of them. */
    private static final class Ahead implements AutoCloseable {
        private final ScrubService service;
        private final List<Path> inputs;
        private final int window;
        private final java.util.concurrent.ExecutorService pool;
        private final java.util.Map<Integer, java.util.concurrent.Future<ScrubService.Prepared>> pending =
                new java.util.HashMap<>();
        private int submitted;

        Ahead(ScrubService service, List<Path> inputs, int workers) {
            this.service = service;
            this.inputs = inputs;
            this.window = workers + 1;
            this.pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "claimgate-prepare");
                t.setDaemon(true);
                return t;
            });
        }

        /** File {@code i}, validated (waiting for it if need be); keeps the window ahead of it full. */
        ScrubService.Prepared take(int i) throws IOException {
            while (submitted < inputs.size() && submitted <= i + window) {
                Path p = inputs.get(submitted);
                pending.put(submitted++, pool.submit(() -> service.prepare(p)));
            }
            try {
                return pending.remove(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof OutOfMemoryError oom) {
                    throw oom;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            for (java.util.concurrent.Future<ScrubService.Prepared> f : pending.values()) {
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        f.get().close(); // validated but not scrubbed (a failure stopped the run): its temporary files
                    } catch (InterruptedException | java.util.concurrent.ExecutionException | RuntimeException e) {
                        // nothing was prepared, so nothing to delete
                    }
                }
            }
        }
    }

    private void writeManifest(Instant started, Instant finished, List<RunManifest.Entry> entries) throws IOException {
        Files.createDirectories(out);
        Path target = out.resolve("run-manifest.json");
        Path temp = out.resolve(".run-manifest.json.part");
        try {
            try (var stream = Files.newOutputStream(temp)) {
                RunManifest.write(stream, Main.version(), started, finished, entries);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp); // a full disk: no half-written manifest left behind
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** The input files, or null after saying on {@code err} why there are none (a usage error). */
    static List<Path> inputsOrNull(List<Path> paths, PrintWriter err) throws IOException {
        List<Path> inputs;
        try {
            inputs = inputs(paths);
        } catch (IllegalArgumentException e) {
            err.println("claimgate: " + e.getMessage());
            return null;
        }
        if (inputs.isEmpty()) {
            err.println("claimgate: no input files found");
            return null;
        }
        return inputs;
    }

    /** Files named on the command line, and the regular, non-hidden files under folders, in name order. */
    static List<Path> inputs(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        return files;
    }
}
