package io.claimgate.ledger;

/** Where a received file stands. Done, rejected and quarantined are terminal: a file reaches one of them once. */
public enum FileState {
    RECEIVED, PROCESSING, DONE, REJECTED, QUARANTINED;

    /** The value stored in the ledger. */
    public String db() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean terminal() {
        return this == DONE || this == REJECTED || this == QUARANTINED;
    }

    static FileState of(String db) {
        return valueOf(db.toUpperCase(java.util.Locale.ROOT));
    }
}
