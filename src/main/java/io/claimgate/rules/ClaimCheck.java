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

    /** No checks at all. */
    ClaimCheck NONE = claim -> List.of();
}
