/**
 * Claim-level checks on the domain records and the rule catalogue: SNIP 3 balancing here, the CPT 97530 rules in
 * {@code rules.therapy}. Every rule claimgate applies is listed in {@link io.claimgate.rules.RuleCatalogue}. Depends
 * on {@code model}, {@code finding}, {@code config}, and on {@code x12} only for the X12 rule list.
 */
package io.claimgate.rules;
