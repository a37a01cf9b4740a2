/**
 * Claim-level checks on the domain records: balancing (SNIP 3) now, the CPT 97530 rules next. Depends on
 * {@code model} and {@code finding} (and on {@code x12} only for the rule catalogue of X12 rule ids).
 */
package io.claimgate.rules;
