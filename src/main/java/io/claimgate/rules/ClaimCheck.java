package io.claimgate.rules;

import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;

import java.util.List;

/** A check on one claim, run as the claim is read; returns its findings (empty when the claim passes). */
@FunctionalInterface
public interface ClaimCheck {
    List<Finding> check(Claim claim);

    /** The claim's 97530 lines for the rules that span the batch (daily units, KX threshold). */
    default List<io.claimgate.rules.therapy.BatchRules.Line> batchLines(Claim claim) {
        return List.of();
    }

    /** Imported year-to-date therapy amounts ({@code member|year|bucket}). */
    default java.util.Map<String, java.math.BigDecimal> importedYearToDate() {
        return java.util.Map.of();
    }
}
