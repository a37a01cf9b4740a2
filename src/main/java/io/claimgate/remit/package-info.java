/**
 * The 835 denial analysis: reads remittances ({@link io.claimgate.x12.RemitReader}), checks their balancing,
 * classifies every adjustment by the CARC/RARC catalogue of {@code config/reference}, nets reversals, joins each
 * claim and line back to what the gateway submitted (the ledger), and says which claimgate rule would have prevented
 * each denial and whether it fired. Rows stream out; totals and rollups stay compact.
 */
package io.claimgate.remit;
