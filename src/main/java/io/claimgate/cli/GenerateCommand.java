package io.claimgate.cli;

import io.claimgate.synthetic.SyntheticBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code claimgate generate --claims N --out FILE.837 [--remit FILE.835]}: a synthetic batch and its remit. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic 837P batch (invented patients, valid NPIs, planted defects) and, with "
                + "--remit, the 835 a payer would return for it; the same seed gives the same files.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--claims", required = true, paramLabel = "N", description = "number of claims")
    int claims;

    @Option(names = "--lines-per-claim", defaultValue = "3", paramLabel = "N",
            description = "service lines per claim (default: ${DEFAULT-VALUE})")
    int linesPerClaim;

    @Option(names = "--share-97530", defaultValue = "0.5", paramLabel = "P",
            description = "chance that a claim has a 97530 line (default: ${DEFAULT-VALUE})")
    double share97530;

    @Option(names = "--defect-rate", defaultValue = "0.1", paramLabel = "P",
            description = "share of claims with one planted defect (default: ${DEFAULT-VALUE})")
    double defectRate;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--claims-per-set", defaultValue = "1000", paramLabel = "N",
            description = "claims per transaction set (default: ${DEFAULT-VALUE})")
    int claimsPerSet;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the 837P to write")
    Path out;

    @Option(names = "--remit", paramLabel = "FILE", description = "also write the matching 835 here")
    Path remit;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SyntheticBatch batch;
        try {
            batch = new SyntheticBatch(new SyntheticBatch.Spec(claims, linesPerClaim, share97530, defectRate, seed,
                    claimsPerSet));
        } catch (IllegalArgumentException e) {
            err.println("claimgate: " + e.getMessage());
            return Main.USAGE;
        }
        SyntheticBatch.Counts c;
        try (OutputStream o = Files.newOutputStream(out)) {
            c = batch.write837(o);
        }
        err.printf("%s: %d claims, %d lines, %.1f MB, defects %s%n", out, c.claims(), c.lines(), c.bytes() / 1e6,
                c.defects());
        if (remit != null) {
            try (OutputStream o = Files.newOutputStream(remit)) {
                c = batch.write835(o);
            }
            err.printf("%s: %d claims, %d lines, %.1f MB%n", remit, c.claims(), c.lines(), c.bytes() / 1e6);
        }
        return Main.ACCEPTED;
    }
}
