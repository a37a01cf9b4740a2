package io.claimgate.rules;

import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;

import java.util.List;

/** A check on one claim, run as the claim is read; returns its findings (empty when the claim passes). */
@FunctionalInterface
public interface ClaimCheck {
    List<Finding> check(Claim claim);

    /** The claim's entries for the batch's patient-day index (97530 units per patient and date). */
    default List<io.claimgate.rules.therapy.DailyUnits.Contribution> dailyUnits(Claim claim) {
        return List.of();
    }

    /** The claim's lines for the batch's KX threshold tracking (policies with KX only). */
    default List<io.claimgate.rules.therapy.KxThreshold.Line> kxLines(Claim claim) {
        return List.of();
    }

    /** Imported year-to-date therapy amounts ({@code member|year|bucket}). */
    default java.util.Map<String, java.math.BigDecimal> importedYearToDate() {
        return java.util.Map.of();
    }

    /** No checks at all. */
    ClaimCheck NONE = claim -> List.of();
}
