package io.claimgate.rules;

import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;

import java.util.List;

/** A check on one claim, run as the claim is read; returns its findings (empty when the claim passes). */
@FunctionalInterface
public interface ClaimCheck {
    List<Finding> check(Claim claim);

    /** No checks at all. */
    ClaimCheck NONE = claim -> List.of();
}
