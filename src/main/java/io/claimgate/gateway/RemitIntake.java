package io.claimgate.gateway;

import io.claimgate.config.RemitCodes;
import io.claimgate.ledger.Ledger;
import io.claimgate.remit.DenialAnalysis;
import io.claimgate.remit.DenialReport;
import io.claimgate.remit.DenialSummary;
import io.claimgate.report.DenialRow;
import io.claimgate.report.SpilledRows;
import io.claimgate.x12.InterchangeScan;
import io.claimgate.x12.RemitReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The 835 inbox of {@code serve}: each remittance dropped into {@code DIR/remits/} is analysed against the ledger
 * (what the gateway submitted) and its denial outputs written to {@code DIR/denials/SENDER_ISA13_SHA12/}; the
 * original then goes to {@code DIR/archive/remits/DATE/}. Analysing a remit changes nothing in the ledger, so a
 * crash part-way simply analyses it again (the outputs are replaced whole). A remit that cannot be analysed at
 * all goes to quarantine with a reason file.
 */
public final class RemitIntake {
    private static final Logger LOG = LoggerFactory.getLogger(RemitIntake.class);
    /** Prefix of a remit being analysed: hidden, so the route does not offer it again. */
    private static final String TAKING = ".taking-";

    private final GatewaySettings.Folders folders;
    private final Ledger ledger;
    private final RemitCodes codes;
    private final DenialReport report;

    public RemitIntake(GatewaySettings settings, Ledger ledger, RemitCodes codes, DenialReport report)
            throws IOException {
        this.folders = settings.folders();
        this.ledger = ledger;
        this.codes = codes;
        this.report = report;
        Files.createDirectories(folders.remits());
        Files.createDirectories(folders.out().resolve("denials"));
        try (java.util.stream.Stream<Path> left = Files.list(folders.remits())) {
            for (Path p : left.filter(p -> p.getFileName().toString().startsWith(TAKING)).toList()) {
                // a run stopped while analysing it: offered again
                Path back = p.resolveSibling(p.getFileName().toString().substring(TAKING.length()));
                if (!Files.exists(back, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(p, back, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    /**
     * Analyses one remit of the remit inbox; returns the folder its outputs went to (null when it was gone or is not
     * a regular file). The entry is renamed to a hidden name first and looked at there, so what is read is a regular
     * file with one name (never a link, never a FIFO a read would wait on); anything else is put back, for the
     * route's filter to report.
     */
    public Path receive(Path arrived) throws IOException {
        if (Intake.kind(arrived) != Intake.Kind.REGULAR) {
            return null;
        }
        Path file = arrived.resolveSibling(TAKING + Gateway.plainOr(arrived.getFileName().toString(), "remit"));
        try {
            Files.move(arrived, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (Intake.kind(file) != Intake.Kind.REGULAR) {
            Files.move(file, arrived, StandardCopyOption.ATOMIC_MOVE);
            return null;
        }
        InterchangeScan scan;
        try {
            scan = InterchangeScan.of(file);
        } catch (IOException | RuntimeException e) {
            Files.move(file, arrived, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        String name = Gateway.outputName(scan);
        String sha12 = scan.sha256().substring(0, 12);
        Path outDir = folders.out().resolve("denials").resolve(name);
        DenialSummary summary;
        try (SpilledRows<DenialRow> rows = DenialRow.rows()) {
            DenialAnalysis analysis = new DenialAnalysis(codes, ledger::submitted, rows::add);
            analysis.file(Gateway.plainOr(arrived.getFileName().toString(), name));
            try (InputStream in = Files.newInputStream(file)) {
                RemitReader.validating().read(in, analysis);
            }
            summary = new DenialSummary(analysis);
            report.write(outDir, rows, summary);
        } catch (RuntimeException e) {
            Path q = folders.quarantine().resolve(sha12 + "-" + Gateway.plainOr(arrived.getFileName().toString(),
                    "remit"));
            Files.writeString(q.resolveSibling(q.getFileName() + ".reason"), "reason=REMIT-FAILED "
                    + e.getClass().getSimpleName() + "\nsha256=" + scan.sha256() + "\n");
            Files.move(file, q, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("remit sha256={} to=quarantined reason=REMIT-FAILED error={}", sha12, e.getClass().getSimpleName());
            return null;
        }
        Path day = folders.archive().resolve("remits").resolve(LocalDate.now(ZoneOffset.UTC).toString());
        Files.createDirectories(day);
        Files.move(file, day.resolve(sha12 + "-" + Gateway.plainOr(arrived.getFileName().toString(), "remit")),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("remit sha256={} interchanges={} claims={} lines={} denied={} unmatched={} outputs={}", sha12,
                scan.interchanges().size(), summary.getClaims(), summary.getLines(), summary.getDeniedLines(),
                summary.getUnmatchedClaims(), DenialReport.OUTPUTS.size());
        return outDir;
    }
}
