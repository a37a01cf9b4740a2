/**
 * The X12 layer: StAEDI adapters. Loads the 005010X222A1 (837P), 005010X221A1 (835) and 277CA schemas, validates
 * the implementation guides in claimgate's own code on StAEDI's tokenizer ({@link io.claimgate.x12.Guide},
 * {@link io.claimgate.x12.GuideValidator}; StAEDI's schema validation is kept as the reference), streams 837P and
 * 835 files into claim and remittance records with the findings of envelope and guide validation, writes 837P files
 * back, and builds 999, TA1 and 277CA acknowledgments from findings. The only package that imports {@code io.xlate}; X12 names (SV104, loop 2400) live
 * here and in messages and positions, domain names everywhere else.
 */
package io.claimgate.x12;
