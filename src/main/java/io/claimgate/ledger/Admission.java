package io.claimgate.ledger;

import java.util.Set;

/**
 * What the ledger decided about an arrived file.
 *
 * @param decision         what to do with it
 * @param file             its ledger row (for {@link Decision#DUPLICATE}: the new row of this delivery)
 * @param original         for {@link Decision#DUPLICATE} and {@link Decision#WAIT}: the row of the first delivery
 * @param duplicateControls for {@link Decision#PROCESS}: the ISA13s whose (sender, receiver, ISA13) arrived earlier
 *                         with other content, within the window (to be rejected with TA1 025)
 */
public record Admission(Decision decision, FileRecord file, FileRecord original, Set<String> duplicateControls) {

    public enum Decision {
        /** Process it now; this node owns it and the attempt is counted. */
        PROCESS,
        /** The same bytes were processed before: answered with that outcome, not processed again. */
        DUPLICATE,
        /** The same bytes are being processed by another node right now: try again later. */
        WAIT,
        /** Its processing was started the maximum number of times without finishing: it is quarantined. */
        POISON
    }

    public Admission {
        duplicateControls = Set.copyOf(duplicateControls);
    }
}
