package io.claimgate.ledger;

/** The ledger refused a change (a second terminal transition, a file it does not know) or could not be reached. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
