package io.claimgate.ledger;

/** A child JVM for {@link FirstStartCrashTest}: opens the ledger at the URL given (its first start) and closes it. */
public final class OpenLedger {
    private OpenLedger() {
    }

    public static void main(String[] args) {
        try (Ledger ledger = Ledger.open(new LedgerSettings(args[0], "sa", "", "first-start", 2))) {
            System.err.println("claimgate-test: ledger open, node " + ledger.node());
        }
        System.exit(0);
    }
}
