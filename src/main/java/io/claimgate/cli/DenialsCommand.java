package io.claimgate.cli;

import io.claimgate.config.ConfigException;
import io.claimgate.config.RemitCodes;
import io.claimgate.gateway.GatewaySettings;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerException;
import io.claimgate.remit.DenialAnalysis;
import io.claimgate.remit.DenialReport;
import io.claimgate.remit.DenialSummary;
import io.claimgate.report.DenialRow;
import io.claimgate.report.SpilledRows;
import io.claimgate.x12.RemitReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code claimgate denials [--out DIR] PATH...}: the 835 denial analysis. */
@Command(name = "denials", mixinStandardHelpOptions = true,
        description = "Analyse 835 remittances: classify every adjustment, join claims and lines to what the "
                + "gateway submitted (its ledger), and write denials.csv, denials-summary.json, denials.html and "
                + "denials.xlsx.")
final class DenialsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/denials",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    Installation installation;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a gateway setting (e.g. claimgate.ledger.url) over application.properties")
    Map<String, String> overrides = Map.of();

    @Option(names = "--no-ledger", description = "do not join to submitted claims (every claim is unmatched)")
    boolean noLedger;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "835 files or folders of them")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> inputs = ScrubCommand.inputsOrNull(paths, err);
        if (inputs == null) {
            return Main.USAGE;
        }
        RemitCodes codes;
        DenialReport report;
        GatewaySettings settings;
        try {
            codes = RemitCodes.load(installation.configDir().resolve("reference"));
            report = new DenialReport(installation.mappingsDir());
            settings = installation.gatewaySettings(null, overrides);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("claimgate: configuration error: " + e.getMessage());
            return Main.USAGE;
        }
        Ledger ledger = null;
        try (report; SpilledRows<DenialRow> rows = DenialRow.rows()) {
            if (!noLedger) {
                try {
                    ledger = Ledger.open(settings.ledger());
                } catch (LedgerException e) {
                    err.println("claimgate: " + e.getMessage() + " (is serve running on the embedded ledger? use "
                            + "--no-ledger or a PostgreSQL ledger)");
                    return Main.USAGE;
                }
            }
            Ledger l = ledger;
            DenialAnalysis analysis = new DenialAnalysis(codes,
                    l == null ? id -> Optional.empty() : l::submitted, rows::add, l != null);
            for (Path input : inputs) {
                analysis.file(input.getFileName().toString());
                try (InputStream in = Files.newInputStream(input)) {
                    RemitReader.validating().read(in, analysis);
                }
            }
            boolean unreadable = analysis.unreadable() > 0;
            DenialSummary summary = new DenialSummary(analysis);
            report.write(out, rows, summary);
            err.printf("denials: %d files, %d claims, %d lines, %d denied ($%s), %d unmatched claims -> %s%n",
                    inputs.size(), summary.getClaims(), summary.getLines(), summary.getDeniedLines(),
                    summary.getDeniedAmount().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                    summary.getUnmatchedClaims(), out);
            return unreadable ? Main.REJECTED : Main.ACCEPTED;
        } finally {
            if (ledger != null) {
                ledger.close();
            }
        }
    }
}
