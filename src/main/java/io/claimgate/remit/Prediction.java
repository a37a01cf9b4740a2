package io.claimgate.remit;

import java.math.BigDecimal;

/**
 * Predicted against actual for one claimgate rule: denials it flagged before submission, denials it should have
 * caught but did not fire on, and lines it fired on that the payer then paid (false alarms). A JavaBean.
 */
public final class Prediction {
    private final String rule;
    private long flaggedDenied;
    private BigDecimal flaggedDeniedAmount = BigDecimal.ZERO;
    private long missed;
    private BigDecimal missedAmount = BigDecimal.ZERO;
    private long flaggedPaid;

    Prediction(String rule) {
        this.rule = rule;
    }

    void denial(boolean flagged, int sign, BigDecimal amount) {
        if (flagged) {
            flaggedDenied += sign;
            flaggedDeniedAmount = flaggedDeniedAmount.add(amount);
        } else {
            missed += sign;
            missedAmount = missedAmount.add(amount);
        }
    }

    void paid(int sign) {
        flaggedPaid += sign;
    }

    public String getRule() { return rule; }
    public long getFlaggedDenied() { return flaggedDenied; }
    public BigDecimal getFlaggedDeniedAmount() { return flaggedDeniedAmount; }
    public long getMissed() { return missed; }
    public BigDecimal getMissedAmount() { return missedAmount; }
    public long getFlaggedPaid() { return flaggedPaid; }
}
