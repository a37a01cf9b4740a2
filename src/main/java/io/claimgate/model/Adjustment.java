package io.claimgate.model;

import java.math.BigDecimal;

/**
 * One adjustment of a remittance (a CAS triplet): group code (CO, OA, PI, PR), reason code (CARC), amount, quantity.
 * Amounts are as paid: positive reduces the payment, negative (in a reversal) gives it back.
 */
public record Adjustment(String group, String reason, BigDecimal amount, BigDecimal quantity) {
}
