package io.claimgate.report;

import io.claimgate.finding.Finding;

import java.util.Objects;

/**
 * One finding as reports show it: a JavaBean (templates read its getters), built only from rule text, codes and
 * positions. {@code claimId} is CLM01, the submitter's own patient control number, needed to find the claim.
 */
public final class ReportFinding {
    private final String file;
    private final String level;
    private final String claimId;
    private final String claimStatus;
    private final Finding finding;

    public ReportFinding(String file, String level, String claimId, String claimStatus, Finding finding) {
        this.file = file;
        this.level = level;
        this.claimId = claimId;
        this.claimStatus = claimStatus;
        this.finding = Objects.requireNonNull(finding);
    }

    public String getFile() { return file; }
    /** FILE, INTERCHANGE, GROUP, SET or CLAIM. */
    public String getLevel() { return level; }
    public String getClaimId() { return claimId == null ? "" : claimId; }
    public String getClaimStatus() { return claimStatus == null ? "" : claimStatus; }
    public String getInterchangeControl() { return nz(finding.position().interchangeControl()); }
    public String getGroupControl() { return nz(finding.position().groupControl()); }
    public String getSetControl() { return nz(finding.position().transactionControl()); }
    public String getRuleId() { return finding.ruleId(); }
    public String getSeverity() { return finding.severity().name(); }
    public String getOutcome() { return finding.outcome().name(); }
    public String getSegment() { return nz(finding.position().segmentId()); }
    public String getPosition() {
        int p = finding.position().segmentPosition();
        return p > 0 ? Integer.toString(p) : "";
    }
    public String getLoop() { return nz(finding.position().loopId()); }
    public String getElement() { return nz(finding.position().elementReference()); }
    public String getAck() {
        return finding.rule().ackCode() == null ? "" : finding.rule().ackCode().toString();
    }
    public String getMessage() { return finding.message(); }
    public String getReference() { return finding.rule().reference(); }
    public String getCorrectionFrom() { return finding.correction() == null ? "" : finding.correction().from(); }
    public String getCorrectionTo() { return finding.correction() == null ? "" : finding.correction().to(); }

    /** The finding itself (not a bean property, so templates see only the getters above). */
    public Finding source() { return finding; }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
