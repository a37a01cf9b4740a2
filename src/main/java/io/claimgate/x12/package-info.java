/**
 * The X12 layer: StAEDI adapters. Loads the 005010X222A1 schema, streams 837P files into claim records with the
 * findings of envelope and implementation-guide validation, writes 837P files back, and builds 999, TA1 and
 * 277CA acknowledgments from findings. The only package that imports {@code io.xlate}; X12 names (SV104, loop 2400) live
 * here and in messages and positions, domain names everywhere else.
 */
package io.claimgate.x12;
