package io.claimgate.gateway;

import io.claimgate.finding.Finding;
import io.claimgate.ledger.ClaimRow;
import io.claimgate.ledger.LineRow;
import io.claimgate.model.Claim;
import io.claimgate.model.RawSegment;
import io.claimgate.model.ServiceLine;
import io.claimgate.rules.therapy.TherapyRules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the ledger keeps of a routed claim: its dates of service, payer, charge, status and rule ids, its lines with
 * the findings positioned on them and what routing did with each, and the patient as a hash only.
 */
final class ClaimRows {
    private ClaimRows() {
    }

    /** The ledger row of a claim as routed, with its status and the findings listed in the report. */
    static ClaimRow of(Claim claim, String status, List<Finding> findings) {
        LocalDate from = null;
        LocalDate to = null;
        List<LineRow> lines = new ArrayList<>(claim.lines().size());
        int seq = 0;
        for (ServiceLine l : claim.lines()) {
            LocalDate d = date(l.serviceDate());
            if (d != null) {
                from = from == null || d.isBefore(from) ? d : from;
                to = to == null || d.isAfter(to) ? d : to;
            }
            lines.add(lineRow(++seq, l, d, status, findings));
        }
        String payer = null;
        if (claim.subscriber() != null) {
            for (RawSegment s : claim.subscriber().segments()) {
                if (s.is("NM1") && "PR".equals(s.element(1))) {
                    payer = s.element(9);
                }
            }
        }
        return new ClaimRow(claim.source().setControl(), claim.id(), patientHash(claim), from, to, payer,
                claim.totalCharge(), status, findings.stream().map(Finding::ruleId).distinct().toList(), lines);
    }
    /** A line with the findings positioned on its segments and what routing did with it. */
    private static LineRow lineRow(int seq, ServiceLine line, LocalDate date, String claimStatus,
                                   List<Finding> findings) {
        java.util.Set<Integer> positions = new java.util.HashSet<>();
        String control = null;
        for (RawSegment s : line.segments()) {
            positions.add(s.position());
            if (control == null && s.is("REF") && "6R".equals(s.element(1))) {
                control = s.element(2);
            }
        }
        List<Finding> own = findings.stream().filter(f -> f.position() != null
                && positions.contains(f.position().segmentPosition())).toList();
        String action = "REJECTED".equals(claimStatus) ? "REJECTED"
                : own.stream().anyMatch(f -> f.correction() != null) ? "CORRECTED"
                : own.stream().anyMatch(f -> f.outcome() == io.claimgate.finding.Outcome.WARNED) ? "WARNED"
                : "ACCEPTED";
        return new LineRow(seq, control, line.procedureCode(), line.modifiers(), date, line.charge(),
                line.quantity(), own.stream().map(Finding::ruleId).distinct().toList(), action);
    }
    private static String patientHash(Claim claim) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(TherapyRules.patientKey(claim).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
    private static LocalDate date(String value) {
        if (value == null || value.length() < 8 || !value.substring(0, 8).matches("[0-9]{8}")) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
