/**
 * Synthetic 837P batches of any size, and the matching 835 remittance with denials, deterministic from a seed:
 * invented names, member ids and claim ids only, NPIs with valid check digits (a planted defect aside). For
 * benchmarks, capacity tests and demonstrations ({@code claimgate generate}); depends on nothing else in claimgate.
 */
package io.claimgate.synthetic;
