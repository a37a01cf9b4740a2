/**
 * The scrub service: takes one 837P file through validation and writes its outputs. The command line (and, later,
 * the Camel routes) call {@link io.claimgate.scrub.ScrubService}; nothing here knows where a file came from.
 *
 * <p>Two passes over the file keep memory flat: the first validates and keeps only verdicts and findings
 * ({@link io.claimgate.scrub.ValidationPass}); the second reads the claims again and routes each to the accepted or
 * rejected 837P (with its corrections made), the 277CA and the findings report
 * ({@link io.claimgate.scrub.RoutingPass}), reading on a second thread while this one writes
 * ({@link io.claimgate.scrub.ReadAhead}). Verdicts on a set, group or interchange are only known at its trailer,
 * and the patient-day rules (daily units, KX threshold) are decided between the passes, in reading order, over
 * compact indexes; so a claim cannot be routed while it is first read. One service is one batch: the patient-day
 * rules count what its earlier files accepted.
 */
package io.claimgate.scrub;
