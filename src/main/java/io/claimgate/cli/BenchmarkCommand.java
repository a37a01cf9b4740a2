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

    @Parameters(arity = "1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("claimgate: no such file: " + file);
            return Main.USAGE;
        }
        double mb = Files.size(file) / 1e6;
        Path home = Paths.get(System.getProperty("claimgate.home", "."));
        Path scratch = Files.createTempDirectory("claimgate-bench");
        long claims = 0;
        double bare = Double.MAX_VALUE;
        double validate = Double.MAX_VALUE;
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
        line(err, "validation pass (837P schema)", validate, mb, claims);
        line(err, "scrub (validate + route + write)", scrub, mb, claims);
        return Main.ACCEPTED;
    }

    private static void line(PrintWriter err, String what, double s, double mb, long claims) {
        err.printf("%-36s %7.2f s %7.2f MB/s %9.0f claims/s%n", what, s, mb / s, claims / s);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
