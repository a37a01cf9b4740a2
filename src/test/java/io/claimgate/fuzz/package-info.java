/**
 * Jazzer fuzz tests ({@code @FuzzTest}) for the two ways data comes in: an 837P through the whole scrub (reader,
 * implementation guide, therapy rules, corrections, every writer) and an 835 through the reader and the denial
 * analysis. The contract they check: every input ends in findings or a clean rejection, never an unexpected
 * exception, a hang or running out of memory.
 *
 * <p>Without {@code JAZZER_FUZZ} (so in {@code mvn verify}) each {@code @FuzzTest} replays the files under
 * {@code src/test/resources/io/claimgate/fuzz/<Class>Inputs/} (the seed corpus, and crash inputs kept as regression
 * inputs in {@code <Class>Inputs/<method>/}); {@code tools/fuzz/run} fuzzes one of them for a while.
 */
package io.claimgate.fuzz;
