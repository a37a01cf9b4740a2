package io.claimgate.remit;

import java.math.BigDecimal;

/**
 * Counts and dollars of one rollup key (a payer, a CARC, a month ...), a JavaBean for the templates. Line counts
 * net reversals (a reversed line counts -1).
 */
public final class Rollup {
    private final String key;
    private long lines;
    private long denied;
    private BigDecimal charges = BigDecimal.ZERO;
    private BigDecimal deniedAmount = BigDecimal.ZERO;

    Rollup(String key) {
        this.key = key;
    }

    void line(int sign, BigDecimal charge) {
        lines += sign;
        charges = charges.add(charge);
    }

    void denied(int sign, BigDecimal amount) {
        denied += sign;
        deniedAmount = deniedAmount.add(amount);
    }

    void amount(BigDecimal amount) {
        deniedAmount = deniedAmount.add(amount);
    }

    public String getKey() { return key; }
    public long getLines() { return lines; }
    public long getDenied() { return denied; }
    public BigDecimal getCharges() { return charges; }
    public BigDecimal getDeniedAmount() { return deniedAmount; }

    /** Denied lines over remitted lines (0 to 1, four decimals), or null without lines. */
    public BigDecimal getDenialRate() {
        return lines <= 0 ? null : BigDecimal.valueOf(denied).divide(BigDecimal.valueOf(lines), 4,
                java.math.RoundingMode.HALF_UP);
    }
}
