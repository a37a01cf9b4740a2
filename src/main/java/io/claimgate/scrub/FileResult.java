package io.claimgate.scrub;

import java.util.List;

/**
 * What scrubbing one input file produced: the conservation counts (claims in = accepted + rejected), the envelope
 * control numbers read, the output files written (relative to the output folder), and what its accepted claims
 * added to the units and amounts the rules that span batches count (when the service decides them over a
 * {@linkplain ScrubService#history history}; otherwise {@code Accepted.NONE}: the service's own batch state keeps
 * them, off the heap).
 */
public record FileResult(String file, String sha256, long bytes, List<String> interchangeControls,
                         long claimsIn, long accepted, long corrected, long rejected, boolean anythingRejected,
                         List<String> fileFindingRules, List<String> outputs,
                         io.claimgate.rules.therapy.BatchRules.Accepted added) {

    public FileResult {
        interchangeControls = List.copyOf(interchangeControls);
        fileFindingRules = List.copyOf(fileFindingRules);
        outputs = List.copyOf(outputs);
    }

    /** Claims in the file that could not be read (and so are in no output). */
    public long notRead() {
        return claimsIn - accepted - rejected;
    }

    /** Whether claims in = accepted + rejected. */
    public boolean conserved() {
        return claimsIn == accepted + rejected;
    }
}
