/**
 * Work split across two cores in reading order: {@link io.claimgate.flow.Handover} runs a producer on a thread of
 * its own and hands what it makes to the calling thread in batches, with a bound on what is in flight. Used to
 * tokenize an 837P ahead of the claim reader and to read the kept claims back ahead of the writing. Holds no
 * domain knowledge and depends on no other claimgate package.
 */
package io.claimgate.flow;
