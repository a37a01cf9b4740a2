package io.claimgate.rules;

import io.claimgate.finding.AckCode;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Rule;
import io.claimgate.finding.Severity;

/**
 * The checks of the 835 denial analysis. A remittance that fails them is reported and still analysed: they are
 * findings about what the payer sent, not rejections.
 */
public enum RemitRule implements Rule {
    LINE_UNBALANCED("REMIT-LINE-UNBALANCED", "005010X221A1 1.10.2 (line balancing)",
            "service line does not balance: SVC02 minus the line's adjustments is not SVC03"),
    CLAIM_UNBALANCED("REMIT-CLAIM-UNBALANCED", "005010X221A1 1.10.2 (claim balancing)",
            "claim does not balance: CLP03 minus claim and line adjustments is not CLP04"),
    PAYMENT_UNBALANCED("REMIT-PAYMENT-UNBALANCED", "005010X221A1 1.10.2 (transaction balancing)",
            "remittance does not balance: BPR02 is not the claims' payments less the provider adjustments"),
    CODE_UNKNOWN("REMIT-CODE-UNKNOWN", "X12 code lists 139 (CARC) and 411 (RARC); config/reference/remit-codes.csv",
            "adjustment reason or remark code not in claimgate's catalogue; counted and listed as unknown"),
    CLAIM_UNMATCHED("REMIT-CLAIM-UNMATCHED", "claimgate ledger (CLP01 = CLM01)",
            "remitted claim whose CLP01 is not a claim the gateway submitted"),
    LINE_UNMATCHED("REMIT-LINE-UNMATCHED", "claimgate ledger (REF*6R, else code, modifiers, date and charge)",
            "remitted service line that matches no line of the submitted claim");

    private final String id;
    private final String reference;
    private final String summary;

    RemitRule(String id, String reference, String summary) {
        this.id = id;
        this.reference = reference;
        this.summary = summary;
    }

    @Override public String id() { return id; }
    @Override public Severity severity() { return Severity.WARNING; }
    @Override public Outcome outcome() { return Outcome.WARNED; }
    @Override public String reference() { return reference; }
    @Override public String summary() { return summary; }
    @Override public AckCode ackCode() { return null; }
}
