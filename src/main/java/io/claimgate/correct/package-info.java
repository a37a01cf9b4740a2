/**
 * Auto-corrections: each catalogued, deterministic change ({@link io.claimgate.finding.Correction.Action}) applied
 * to the raw segments of a claim, leaving every other byte as it was read. Depends on {@code model} and
 * {@code finding}.
 */
package io.claimgate.correct;
