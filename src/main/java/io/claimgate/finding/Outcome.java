package io.claimgate.finding;

/** What the gateway did about a finding. */
public enum Outcome {
    /** The claim (or set, or file) was not passed on. */
    REJECTED,
    /** The value was changed by a catalogued, deterministic correction. */
    CORRECTED,
    /** Reported only; the claim was passed on as it was. */
    WARNED
}
