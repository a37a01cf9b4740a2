/**
 * Keeping large batches off the heap: temporary files of binary records written once and read back in order
 * ({@link io.claimgate.spill.RunFile}), the merge of several ordered runs into one order
 * ({@link io.claimgate.spill.Merged}), and a hash table of long keys and values in a memory-mapped temporary file
 * ({@link io.claimgate.spill.LongTable}), so memory outside the Java heap holds what grows with the input; all in one
 * owner-only folder per process, which the next process deletes if this one was killed
 * ({@link io.claimgate.spill.TemporaryFiles}). Holds no domain knowledge and depends on no other claimgate package.
 */
package io.claimgate.spill;
