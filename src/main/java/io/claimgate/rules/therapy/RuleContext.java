package io.claimgate.rules.therapy;

import io.claimgate.config.PayerPolicy;
import io.claimgate.config.ReferenceTables;

/** What validators need besides the value: the claim's payer policy and the reference tables. */
public record RuleContext(PayerPolicy policy, ReferenceTables tables) {
}
