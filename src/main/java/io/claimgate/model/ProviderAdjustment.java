package io.claimgate.model;

import java.math.BigDecimal;

/**
 * One provider-level adjustment (a PLB reason and amount pair). A positive amount reduces the payment (e.g. WO
 * overpayment recovery), a negative one increases it (e.g. L6 interest).
 */
public record ProviderAdjustment(Remittance remittance, int position, String provider, String fiscalDate,
                                 String reason, String reference, BigDecimal amount) {
}
