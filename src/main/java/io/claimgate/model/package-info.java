/**
 * The domain records read from an 837P: {@link io.claimgate.model.Claim} with its
 * {@link io.claimgate.model.ServiceLine}s and the hierarchy above it ({@link io.claimgate.model.HierarchyLevel}),
 * each carrying the raw segments ({@link io.claimgate.model.RawSegment}) it was read from, so an unchanged claim can
 * be written back exactly; and the records read from an 835 remittance: {@link io.claimgate.model.Remittance},
 * {@link io.claimgate.model.RemittedClaim} with its {@link io.claimgate.model.RemittedLine}s and
 * {@link io.claimgate.model.Adjustment}s, and {@link io.claimgate.model.ProviderAdjustment}s. Plain immutable Java;
 * depends on nothing else in claimgate.
 */
package io.claimgate.model;
