package io.claimgate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * How one payer (or family of payers) wants therapy lines billed. Read from {@code config/payers/NAME.yaml}.
 *
 * @param name      the policy's name, shown in findings
 * @param match     which claims it applies to
 * @param isDefault whether it applies to claims no other policy matches (exactly one policy must say so)
 * @param timeRule  how minutes become units
 * @param mue       the daily unit limit for 97530
 * @param ncci      whether the NCCI procedure-to-procedure pairs are checked
 * @param kx        the Medicare KX threshold settings
 */
public record PayerPolicy(String name, Match match, @JsonProperty("default") boolean isDefault, TimeRule timeRule,
                          Mue mue, boolean ncci, Kx kx) {

    /** Minutes to units. */
    public enum TimeRule {
        /** CMS: the minutes of all timed lines of a patient and date are pooled, then distributed (CPM ch. 5 §20.2). */
        CMS_TOTAL_MINUTES,
        /** AMA: each line's own minutes, {@code floor((m + 7) / 15)}. */
        PER_CODE
    }

    /** What happens when a day's 97530 units pass the limit. */
    public enum OverCap { REJECT, CAP }

    /** Payer ids (2010BB NM109) and claim filing indicators (SBR09) this policy applies to. */
    public record Match(List<String> payerIds, List<String> filingIndicators) {
        public Match {
            payerIds = payerIds == null ? List.of() : List.copyOf(payerIds);
            filingIndicators = filingIndicators == null ? List.of() : List.copyOf(filingIndicators);
        }
    }

    /**
     * @param units   97530 units allowed per patient per date; {@code null} to take the MUE reference table
     * @param overCap what to do with the line that crosses the limit
     */
    public record Mue(Integer units, OverCap overCap) {
        public Mue {
            overCap = overCap == null ? OverCap.REJECT : overCap;
        }
    }

    /**
     * @param enabled         whether the KX threshold applies (Medicare)
     * @param estimatePerUnit the estimated allowed amount of one 97530 unit, to value lines year to date
     */
    public record Kx(boolean enabled, BigDecimal estimatePerUnit) {
    }

    public PayerPolicy {
        match = match == null ? new Match(List.of(), List.of()) : match;
        mue = mue == null ? new Mue(null, OverCap.REJECT) : mue;
        kx = kx == null ? new Kx(false, null) : kx;
    }
}
