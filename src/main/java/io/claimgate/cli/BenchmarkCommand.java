package io.claimgate.cli;

import io.claimgate.config.Configuration;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.rules.therapy.TherapyRules;
import io.claimgate.scrub.FileResult;
import io.claimgate.scrub.ScrubService;
import io.claimgate.x12.BareParse;
import io.claimgate.x12.ClaimReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code claimgate benchmark FILE}: in one JVM, times a bare StAEDI parse of the file, the validation pass alone
 * and the full scrub (into a scratch folder that is deleted afterwards), and prints MB/s and claims/s for each.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure bare StAEDI parse, validation and scrub throughput on one file (same JVM).")
final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repeat", defaultValue = "2", description = "runs of each measurement; the best is kept "
            + "(the first run includes JIT warm-up) (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--no-staedi-schema", description = "with an 837P FILE: leave out the parse with StAEDI's schema "
            + "validation (the slow reference, about ten times the others), so more runs fit")
    boolean noStaediSchema;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "an 837P or 835 file")
    Path file;

    @Option(names = "--remit", paramLabel = "FILE.835",
            description = "end to end: with an 837P FILE, the 835 to run denials on (one run, stage by stage)")
    Path remitFile;

    @Option(names = "--generate", paramLabel = "CLAIMS",
            description = "end to end on a synthetic 837P of this many claims and its 835 (seed 1), made first")
    Integer generate;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path home = Paths.get(System.getProperty("claimgate.home", "."));
        for (String folder : new String[] {"mappings", "config"}) {
            if (!Files.isDirectory(home.resolve(folder))) {
                // before any stage runs: the scrub stage needs both, minutes in
                err.println("claimgate: the installation's " + folder + " folder was not found in " + home.toAbsolutePath()
                        + " (run claimgate through its launcher, or set -Dclaimgate.home)");
                return Main.USAGE;
            }
        }
        if (generate != null || remitFile != null) {
            return endToEnd(err);
        }
        if (file == null || !Files.isRegularFile(file)) {
            err.println("claimgate: no such file: " + file);
            return Main.USAGE;
        }
        double mb = Files.size(file) / 1e6;
        if (isRemit(file)) {
            return remit(err, home, mb);
        }
        Path scratch = Files.createTempDirectory("claimgate-bench");
        long claims = 0;
        double bare = Double.MAX_VALUE;
        double validate = Double.MAX_VALUE;
        double staedi = Double.MAX_VALUE;
        double scrub = Double.MAX_VALUE;
        double readOnly = Double.MAX_VALUE;
        double withRules = Double.MAX_VALUE;
        try (FindingsCsvExport csv = new FindingsCsvExport(home.resolve("mappings"));
             TherapyRules rules = new TherapyRules(Configuration.load(home.resolve("config")))) {
            for (int i = 0; i < Math.max(repeat, 1); i++) {
                long t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    BareParse.segments(in);
                }
                bare = Math.min(bare, seconds(t0));

                // claims read without the 837 schema, then the same with the therapy rules on each claim
                long[] read = {0};
                t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    ClaimReader.unvalidated().read(in, ClaimReader.Handler.claims(claim -> {
                        read[0] += claim.lines().size();
                    }));
                }
                readOnly = Math.min(readOnly, seconds(t0));
                t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    ClaimReader.unvalidated().read(in, ClaimReader.Handler.claims(claim -> {
                        read[0] += rules.check(claim).size() + rules.batchLines(claim).size();
                    }));
                }
                withRules = Math.min(withRules, seconds(t0));

                long[] count = {0};
                t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    ClaimReader.validating().read(in, ClaimReader.Handler.claims(claim -> {
                        count[0]++;
                    }));
                }
                validate = Math.min(validate, seconds(t0));
                claims = count[0];
                if (!noStaediSchema) {
                    t0 = System.nanoTime();
                    try (InputStream in = Files.newInputStream(file)) {
                        ClaimReader.withStaediValidation().read(in, ClaimReader.Handler.claims(claim -> {
                            count[0]++;
                        }));
                    }
                    staedi = Math.min(staedi, seconds(t0));
                }

                t0 = System.nanoTime();
                FileResult r = new ScrubService(scratch.resolve("run" + i), csv, rules).scrub(file);
                scrub = Math.min(scrub, seconds(t0));
                claims = r.claimsIn();
            }
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        err.printf("file: %s, %.1f MB, %d claims, best of %d run(s), max heap %d MB%n", file.getFileName(), mb, claims,
                repeat, Runtime.getRuntime().maxMemory() >> 20);
        line(err, "bare StAEDI parse (no 837 schema)", bare, mb, claims);
        line(err, "claims read (no 837 schema)", readOnly, mb, claims);
        line(err, "claims read + therapy rules", withRules, mb, claims);
        err.printf("%-36s %7.2f s%n", "therapy rules alone (difference)", Math.max(withRules - readOnly, 0));
        line(err, "validation pass (claimgate guide)", validate, mb, claims);
        if (!noStaediSchema) {
            line(err, "validation pass (StAEDI schema)", staedi, mb, claims);
        }
        line(err, "scrub (validate + route + write)", scrub, mb, claims);
        err.printf("%-36s %7.2f x%n", "scrub over bare parse (best runs)", scrub / bare);
        return Main.ACCEPTED;
    }

    /**
     * One run, stage after stage in this JVM, on the same 837P and its 835: bare parse, schema-validated parse,
     * full scrub (every output), then the same for the 835 and the full denial analysis (no ledger). Prints, per
     * stage: seconds, MB/s, claims/s, lines/s, peak heap (the heap pools' peak during the stage, after a GC) and
     * the stage's time over the bare parse of the same file.
     */
    private int endToEnd(PrintWriter err) throws Exception {
        Path home = Paths.get(System.getProperty("claimgate.home", "."));
        Path scratch = Files.createTempDirectory("claimgate-bench");
        try {
            Path claims837 = file;
            Path remit835 = remitFile;
            if (generate != null) {
                io.claimgate.synthetic.SyntheticBatch batch = new io.claimgate.synthetic.SyntheticBatch(
                        new io.claimgate.synthetic.SyntheticBatch.Spec(generate, 3, 0.5, 0.1, 1, 1000));
                claims837 = scratch.resolve("synthetic.837");
                remit835 = scratch.resolve("synthetic.835");
                try (var o = Files.newOutputStream(claims837)) {
                    batch.write837(o);
                }
                try (var o = Files.newOutputStream(remit835)) {
                    batch.write835(o);
                }
            }
            if (claims837 == null || !Files.isRegularFile(claims837) || remit835 == null
                    || !Files.isRegularFile(remit835)) {
                err.println("claimgate: end to end needs an 837P FILE and --remit FILE.835, or --generate CLAIMS");
                return Main.USAGE;
            }
            Path c837 = claims837;
            Path r835 = remit835;
            double mb837 = Files.size(c837) / 1e6;
            double mb835 = Files.size(r835) / 1e6;
            List<String[]> rows = new java.util.ArrayList<>();
            long[] claimCount = {0};
            long[] lineCount = {0};
            try (FindingsCsvExport csv = new FindingsCsvExport(home.resolve("mappings"));
                 TherapyRules rules = new TherapyRules(Configuration.load(home.resolve("config")));
                 io.claimgate.remit.DenialReport report = new io.claimgate.remit.DenialReport(
                         home.resolve("mappings"))) {
                Stage bare = stage(() -> {
                    try (InputStream in = Files.newInputStream(c837)) {
                        BareParse.segments(in);
                    }
                });
                stage(() -> { }); // nothing: settles the heap pools
                Stage validated = stage(() -> {
                    try (InputStream in = Files.newInputStream(c837)) {
                        ClaimReader.validating().read(in, ClaimReader.Handler.claims(c -> {
                            claimCount[0]++;
                            lineCount[0] += c.lines().size();
                        }));
                    }
                });
                Stage staedi = stage(() -> {
                    try (InputStream in = Files.newInputStream(c837)) {
                        ClaimReader.withStaediValidation().read(in, ClaimReader.Handler.claims(c -> { }));
                    }
                });
                Stage scrub = stage(() -> new ScrubService(scratch.resolve("scrub"), csv, rules).scrub(c837));
                long claims = claimCount[0];
                long lines = lineCount[0];
                rows.add(row("837P bare StAEDI parse (no schema)", bare, mb837, claims, lines, bare));
                rows.add(row("837P + claimgate guide validation", validated, mb837, claims, lines, bare));
                rows.add(row("837P + StAEDI schema validation", staedi, mb837, claims, lines, bare));
                rows.add(row("scrub (validate, rules, all outputs)", scrub, mb837, claims, lines, bare));

                long[] remitClaims = {0};
                long[] remitLines = {0};
                Stage bare835 = stage(() -> {
                    try (InputStream in = Files.newInputStream(r835)) {
                        BareParse.segments(in);
                    }
                });
                Stage validated835 = stage(() -> {
                    try (InputStream in = Files.newInputStream(r835)) {
                        io.claimgate.x12.RemitReader.validating().read(in, new io.claimgate.x12.RemitReader.Handler() {
                            @Override
                            public void claim(io.claimgate.model.RemittedClaim claim) {
                                remitClaims[0]++;
                                remitLines[0] += claim.lines().size();
                            }

                            @Override
                            public void finding(io.claimgate.finding.Finding finding) {
                            }
                        });
                    }
                });
                Stage staedi835 = stage(() -> {
                    try (InputStream in = Files.newInputStream(r835)) {
                        io.claimgate.x12.RemitReader.withStaediValidation().read(in,
                                new io.claimgate.x12.RemitReader.Handler() {
                                    @Override
                                    public void claim(io.claimgate.model.RemittedClaim claim) {
                                    }

                                    @Override
                                    public void finding(io.claimgate.finding.Finding finding) {
                                    }
                                });
                    }
                });
                io.claimgate.config.RemitCodes codes = io.claimgate.config.RemitCodes.load(
                        home.resolve("config").resolve("reference"));
                Stage denials = stage(() -> {
                    try (io.claimgate.report.SpilledRows<io.claimgate.report.DenialRow> denialRows =
                                 io.claimgate.report.DenialRow.rows()) {
                        io.claimgate.remit.DenialAnalysis a = new io.claimgate.remit.DenialAnalysis(codes,
                                id -> java.util.Optional.empty(), denialRows::add, false);
                        a.file(r835.getFileName().toString());
                        try (InputStream in = Files.newInputStream(r835)) {
                            io.claimgate.x12.RemitReader.validating().read(in, a);
                        }
                        report.write(scratch.resolve("denials"), denialRows, new io.claimgate.remit.DenialSummary(a));
                    }
                });
                rows.add(row("835 bare StAEDI parse (no schema)", bare835, mb835, remitClaims[0], remitLines[0],
                        bare835));
                rows.add(row("835 + claimgate guide validation", validated835, mb835, remitClaims[0], remitLines[0],
                        bare835));
                rows.add(row("835 + StAEDI schema validation", staedi835, mb835, remitClaims[0], remitLines[0],
                        bare835));
                rows.add(row("denials (analysis, all outputs)", denials, mb835, remitClaims[0], remitLines[0],
                        bare835));
            }
            err.printf("837P %s: %.1f MB; 835 %s: %.1f MB; max heap %d MB; %d processors%n", c837.getFileName(), mb837,
                    r835.getFileName(), mb835, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            err.printf("%-38s %9s %8s %10s %10s %10s %9s%n", "stage", "seconds", "MB/s", "claims/s", "lines/s",
                    "peak MB", "x bare");
            for (String[] r : rows) {
                err.printf("%-38s %9s %8s %10s %10s %10s %9s%n", (Object[]) r);
            }
            return Main.ACCEPTED;
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A measured stage: wall time and the heap pools' peak. */
    record Stage(double seconds, long peakBytes) {
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs one stage after a GC with the heap pools' peaks reset, so the peak is this stage's own. */
    static Stage stage(Work work) throws Exception {
        List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        work.run();
        double s = seconds(t0);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Stage(s, peak);
    }

    private static String[] row(String what, Stage st, double mb, long claims, long lines, Stage bare) {
        return new String[] {what, String.format("%.2f", st.seconds()), String.format("%.2f", mb / st.seconds()),
            String.format("%.0f", claims / st.seconds()), String.format("%.0f", lines / st.seconds()),
            String.valueOf(st.peakBytes() >> 20), String.format("%.1f", st.seconds() / bare.seconds())};
    }

    /** Whether the file's first transaction set is an 835 (ST*835 within its first few kilobytes). */
    static boolean isRemit(Path file) throws java.io.IOException {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.length() < 4 || !text.stripLeading().startsWith("ISA")) {
            return false;
        }
        char element = text.stripLeading().charAt(3);
        return text.contains("ST" + element + "835" + element);
    }

    /** An 835: bare parse, remits read with and without the 835 schema, and the whole denial analysis. */
    private int remit(PrintWriter err, Path home, double mb) throws Exception {
        double bare = Double.MAX_VALUE;
        double read = Double.MAX_VALUE;
        double validated = Double.MAX_VALUE;
        double staedi = Double.MAX_VALUE;
        double analysis = Double.MAX_VALUE;
        long lines = 0;
        io.claimgate.config.RemitCodes codes = io.claimgate.config.RemitCodes.load(
                home.resolve("config").resolve("reference"));
        Path scratch = Files.createTempDirectory("claimgate-bench");
        try (io.claimgate.remit.DenialReport report = new io.claimgate.remit.DenialReport(home.resolve("mappings"))) {
            for (int i = 0; i < Math.max(repeat, 1); i++) {
                long t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    BareParse.segments(in);
                }
                bare = Math.min(bare, seconds(t0));
                long[] count = {0};
                io.claimgate.x12.RemitReader.Handler counting = new io.claimgate.x12.RemitReader.Handler() {
                    @Override
                    public void claim(io.claimgate.model.RemittedClaim claim) {
                        count[0] += claim.lines().size();
                    }

                    @Override
                    public void finding(io.claimgate.finding.Finding finding) {
                    }
                };
                t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    io.claimgate.x12.RemitReader.unvalidated().read(in, counting);
                }
                read = Math.min(read, seconds(t0));
                t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    io.claimgate.x12.RemitReader.validating().read(in, counting);
                }
                validated = Math.min(validated, seconds(t0));
                t0 = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    io.claimgate.x12.RemitReader.withStaediValidation().read(in, counting);
                }
                staedi = Math.min(staedi, seconds(t0));
                t0 = System.nanoTime();
                try (io.claimgate.report.SpilledRows<io.claimgate.report.DenialRow> rows =
                             io.claimgate.report.DenialRow.rows()) {
                    io.claimgate.remit.DenialAnalysis a = new io.claimgate.remit.DenialAnalysis(codes,
                            id -> java.util.Optional.empty(), rows::add);
                    a.file(file.getFileName().toString());
                    try (InputStream in = Files.newInputStream(file)) {
                        io.claimgate.x12.RemitReader.validating().read(in, a);
                    }
                    io.claimgate.remit.DenialSummary summary = new io.claimgate.remit.DenialSummary(a);
                    report.write(scratch.resolve("run" + i), rows, summary);
                    lines = summary.getLines();
                }
                analysis = Math.min(analysis, seconds(t0));
            }
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        err.printf("file: %s (835), %.1f MB, %d service lines, best of %d run(s), max heap %d MB%n",
                file.getFileName(), mb, lines, repeat, Runtime.getRuntime().maxMemory() >> 20);
        lineOf(err, "bare StAEDI parse (no 835 schema)", bare, mb, lines);
        lineOf(err, "remits read (no 835 schema)", read, mb, lines);
        lineOf(err, "remits read + claimgate guide", validated, mb, lines);
        lineOf(err, "remits read + StAEDI schema", staedi, mb, lines);
        lineOf(err, "denial analysis + 4 outputs", analysis, mb, lines);
        return Main.ACCEPTED;
    }

    private static void lineOf(PrintWriter err, String what, double s, double mb, long lines) {
        err.printf("%-36s %7.2f s %7.2f MB/s %9.0f lines/s%n", what, s, mb / s, lines / s);
    }

    private static void line(PrintWriter err, String what, double s, double mb, long claims) {
        err.printf("%-36s %7.2f s %7.2f MB/s %9.0f claims/s%n", what, s, mb / s, claims / s);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
