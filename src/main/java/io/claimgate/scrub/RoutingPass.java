package io.claimgate.scrub;

import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Claim;
import io.claimgate.report.FindingRows;
import io.claimgate.report.FindingsReportWriter;
import io.claimgate.report.ReportFinding;
import io.claimgate.x12.ClaimFileWriter;
import io.claimgate.x12.ClaimStatusWriter;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;
import io.claimgate.x12.EnvelopeOutcome;
import io.claimgate.x12.X12Rule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Second pass: takes the claims the validation pass read, in reading order, now that the verdicts are known, and
 * routes each one, unchanged (a passing one with its corrections made), to the accepted or rejected 837P, the 277CA
 * and the findings report.
 */
final class RoutingPass implements ClaimReader.Handler {
    static final String ACCEPTED = "ACCEPTED";
    static final String REJECTED = "REJECTED";
    static final String CORRECTED = "CORRECTED";

    private final ValidationPass verdicts;
    private final String fileName;
    private final Function<String, AtomicFile> open;
    private final java.util.function.Supplier<String> controlNumbers;
    private final java.time.LocalDateTime now;
    private final FindingsReportWriter report;
    private final FindingRows rows;
    private final ScrubService.ClaimSink sink;

    private Envelope.Interchange interchange;
    private Envelope.Group group;
    private Envelope.Set set;

    private AtomicFile acceptedFile;
    private AtomicFile rejectedFile;
    private ClaimFileWriter acceptedWriter;
    private AtomicFile statusFile;
    private ClaimStatusWriter statusWriter;
    private EnvelopeOutcome.Set totalsFor;
    private ClaimStatusWriter.SetTotals totals;
    private ClaimFileWriter rejectedWriter;
    private java.util.Iterator<SpilledFindings.Entry> findings;
    private SpilledFindings.Entry nextFindings;
    long accepted;
    long rejected;
    long corrected;

    RoutingPass(ValidationPass verdicts, String fileName, Function<String, AtomicFile> open,
                java.util.function.Supplier<String> controlNumbers, java.time.LocalDateTime now,
                FindingsReportWriter report, FindingRows rows, ScrubService.ClaimSink sink) {
        this.verdicts = verdicts;
        this.fileName = fileName;
        this.open = open;
        this.controlNumbers = controlNumbers;
        this.now = now;
        this.report = report;
        this.rows = rows;
        this.sink = sink;
    }

    @Override
    public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
        // everything was found in the validation pass
    }

    @Override
    public void claim(Claim claim) {
        int setOrdinal = claim.source().setOrdinal();
        if (setOrdinal < 0 || setOrdinal >= verdicts.sets.size()) {
            throw new IllegalStateException("a claim outside the sets the validation pass read");
        }
        EnvelopeOutcome.Set outcome = verdicts.sets.get(setOrdinal);
        set = outcome.header();
        group = outcome.group().header();
        interchange = outcome.group().interchange().header();
        SpilledFindings.Entry found = findingsOf(claim.ordinal());
        List<Finding> findings = new ArrayList<>(found == null ? List.of() : found.findings());
        boolean envelopeRejected = outcome.rejectedWithEnvelope();
        boolean claimRejected = verdicts.rejects(claim.ordinal(), setOrdinal);
        if (envelopeRejected) {
            findings.add(Finding.of(X12Rule.ENVELOPE_REJECTED, new X12Position(
                    claim.source().interchangeControl(), claim.source().groupControl(), claim.source().setControl(),
                    "CLM", claim.position(), "2300", 0, 0, 0, null)));
        }
        List<io.claimgate.finding.Correction> corrections = findings.stream().map(Finding::correction)
                .filter(java.util.Objects::nonNull).toList();
        String status = envelopeRejected || claimRejected ? REJECTED : corrections.isEmpty() ? ACCEPTED : CORRECTED;
        if (!status.equals(REJECTED)) {
            // a rejected claim goes out unchanged; a passing one with its corrections made
            accepted().write(io.claimgate.correct.Corrections.apply(claim, corrections), interchange, group, set);
            accepted++;
            if (status.equals(CORRECTED)) {
                corrected++;
            }
        } else {
            rejected().write(claim, interchange, group, set);
            rejected++;
        }
        if (!outcome.rejectedWithEnvelope()) {
            // the 277CA acknowledges the claims of sets the 999 accepted; the others were answered there
            claimStatus().claim(claim, interchange, group, set, totals(outcome),
                    findings.stream().filter(Finding::rejects).toList());
        }
        sink.claim(claim, status, java.util.Collections.unmodifiableList(findings));
        List<ReportFinding> reported = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            reported.add(new ReportFinding(fileName, "CLAIM", claim.id(), status, f));
        }
        rows.addAll(reported);
        report.claim(claim.id(), claim.source().interchangeControl(), claim.source().groupControl(),
                claim.source().setControl(), status, reported, found == null ? 0 : found.omitted());
    }

    /** The claim's findings, read on from the spilled findings (claims come in order). */
    private SpilledFindings.Entry findingsOf(long ordinal) {
        if (findings == null) {
            findings = verdicts.findings();
            nextFindings = findings.hasNext() ? findings.next() : null;
        }
        while (nextFindings != null && nextFindings.ordinal() < ordinal) {
            nextFindings = findings.hasNext() ? findings.next() : null;
        }
        return nextFindings != null && nextFindings.ordinal() == ordinal ? nextFindings : null;
    }

    private ClaimStatusWriter claimStatus() {
        if (statusWriter == null) {
            statusFile = open.apply("277");
            statusWriter = new ClaimStatusWriter(statusFile.stream(), controlNumbers, now,
                    provider -> java.math.BigDecimal.valueOf(verdicts.providerCharges.get(provider, 0L), 2));
        }
        return statusWriter;
    }

    /** Counts and amounts of a set's accepted and rejected claims, from the verdicts (known before pass 2). */
    private ClaimStatusWriter.SetTotals totals(EnvelopeOutcome.Set outcome) {
        if (outcome != totalsFor) {
            long[] t = verdicts.setTotals(verdicts.sets.indexOf(outcome));
            totals = new ClaimStatusWriter.SetTotals(t[0], java.math.BigDecimal.valueOf(t[1], 2),
                    t[2], java.math.BigDecimal.valueOf(t[3], 2));
            totalsFor = outcome;
        }
        return totals;
    }

    private ClaimFileWriter accepted() {
        if (acceptedWriter == null) {
            acceptedFile = open.apply("accepted");
            java.util.BitSet parents = verdicts.subscribersWithPatients(true);
            acceptedWriter = new ClaimFileWriter(acceptedFile.stream(), controlNumbers, now,
                    subscriber -> parents.get((int) subscriber));
        }
        return acceptedWriter;
    }

    private ClaimFileWriter rejected() {
        if (rejectedWriter == null) {
            rejectedFile = open.apply("rejected");
            java.util.BitSet parents = verdicts.subscribersWithPatients(false);
            rejectedWriter = new ClaimFileWriter(rejectedFile.stream(), controlNumbers, now,
                    subscriber -> parents.get((int) subscriber));
        }
        return rejectedWriter;
    }

    /** Closes the envelopes of the 837P outputs; returns their files, still to be committed by the caller. */
    List<AtomicFile> finish() {
        List<AtomicFile> done = new ArrayList<>(2);
        if (acceptedWriter != null) {
            acceptedWriter.close();
            done.add(acceptedFile);
        }
        if (rejectedWriter != null) {
            rejectedWriter.close();
            done.add(rejectedFile);
        }
        if (statusWriter != null) {
            statusWriter.close();
            done.add(statusFile);
        }
        return done;
    }

    /** Discards outputs that were not committed (a no-op for those that were). */
    void abandon() throws IOException {
        for (AtomicFile f : new AtomicFile[] {acceptedFile, rejectedFile, statusFile}) {
            if (f != null) {
                f.close();
            }
        }
    }
}
