package io.claimgate.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One routed claim as the ledger keeps it.
 *
 * @param patientKey a hash of who the patient is (16 hex digits), never the member id or name
 */
public record ClaimRow(String setControl, String claimId, String patientKey, LocalDate serviceFrom,
                       LocalDate serviceTo, String payerId, BigDecimal charge, String status, List<String> ruleIds) {
    public ClaimRow {
        ruleIds = List.copyOf(ruleIds);
    }
}
