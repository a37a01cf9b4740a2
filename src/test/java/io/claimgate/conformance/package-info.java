/** Conformance over the shared public corpus (skipped when {@code ../shared/corpus} is absent). */
package io.claimgate.conformance;
