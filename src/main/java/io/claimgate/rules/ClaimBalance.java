package io.claimgate.rules;

import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Claim;
import io.claimgate.model.ServiceLine;
import io.claimgate.x12.X12Rule;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * SNIP 3 balancing: the claim's total charge (CLM02) must equal the sum of its line charges (SV102). Compared as
 * decimals, so {@code 120}, {@code 120.0} and {@code 120.00} are equal. A claim whose amounts are not numbers is
 * left to the implementation-guide validation, which reports them.
 */
public final class ClaimBalance {
    private ClaimBalance() {
    }

    public static Optional<Finding> check(Claim claim, X12Position clmPosition) {
        if (claim.totalCharge() == null || claim.lines().isEmpty()) {
            return Optional.empty();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (ServiceLine line : claim.lines()) {
            if (line.charge() == null) {
                return Optional.empty();
            }
            sum = sum.add(line.charge());
        }
        if (sum.compareTo(claim.totalCharge()) == 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(X12Rule.CLAIM_CHARGE_BALANCE, clmPosition.withElement(2, 0, 0),
                "claim total charge CLM02 does not equal the sum of its " + claim.lines().size()
                        + " line charges SV102"));
    }
}
