/**
 * Findings: what a check found, where, and what was done about it.
 *
 * <p>A {@link io.claimgate.finding.Finding} is plain data: the {@link io.claimgate.finding.Rule} that fired,
 * its {@link io.claimgate.finding.Severity}, the {@link io.claimgate.finding.X12Position} captured when it was
 * detected, the acknowledgment code it maps to, and a message that never echoes patient data. This package
 * depends on nothing else in claimgate; every other package may use it.
 */
package io.claimgate.finding;
