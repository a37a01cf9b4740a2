package io.claimgate.model;

import java.math.BigDecimal;

/**
 * The header of one 835 transaction set: who pays whom, how much in total (BPR02), how and when.
 *
 * @param payerId     1000A N104 (or TRN03 when N1*PR carries no id)
 * @param creditDebit BPR03 (C credit, D debit)
 * @param paymentDate BPR16 ({@code CCYYMMDD})
 */
public record Remittance(String interchangeControl, String setControl, String payerId, String payerName,
                         String payeeId, BigDecimal totalPaid, String handling, String creditDebit,
                         String paymentMethod, String paymentDate, String trace) {
    /** Control numbers only: payer and payee names are business data, not for logs. */
    @Override
    public String toString() {
        return "Remittance(" + interchangeControl + "/" + setControl + ")";
    }
}
