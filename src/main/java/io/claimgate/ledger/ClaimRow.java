package io.claimgate.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One routed claim as the ledger keeps it.
 *
 * @param patientKey a hash of who the patient is (16 hex digits), never the member id or name
 * @param ruleIds    the rules that fired on the claim, on its lines included
 * @param lines      its service lines, in order
 */
public record ClaimRow(String setControl, String claimId, String patientKey, LocalDate serviceFrom,
                       LocalDate serviceTo, String payerId, BigDecimal charge, String status, List<String> ruleIds,
                       List<LineRow> lines) {
    public ClaimRow {
        ruleIds = List.copyOf(ruleIds);
        lines = List.copyOf(lines);
    }
}
