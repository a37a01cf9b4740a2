/**
 * The domain records read from an 837P: {@link io.claimgate.model.Claim} with its
 * {@link io.claimgate.model.ServiceLine}s and the hierarchy above it ({@link io.claimgate.model.HierarchyLevel}),
 * each carrying the raw segments ({@link io.claimgate.model.RawSegment}) it was read from, so an unchanged claim can
 * be written back exactly. Plain immutable Java; depends on nothing else in claimgate.
 */
package io.claimgate.model;
