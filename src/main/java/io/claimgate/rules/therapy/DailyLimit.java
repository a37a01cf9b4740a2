package io.claimgate.rules.therapy;

import io.claimgate.config.PayerPolicy;
import io.claimgate.config.Policies;
import io.claimgate.config.ReferenceTables;

/** The daily 97530 unit limit of a policy: its own setting, else the MUE table. */
final class DailyLimit {
    private DailyLimit() {
    }

    static int of(PayerPolicy policy, ReferenceTables tables) {
        return Policies.mueUnits(policy, tables, LineReview.CODE);
    }
}
