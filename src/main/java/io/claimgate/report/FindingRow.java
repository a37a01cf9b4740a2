package io.claimgate.report;

/**
 * One finding as a flat row of text fields, a JavaBean for export templates. Its fields are listed in
 * {@code mappings/findings-csv.xml}.
 */
public final class FindingRow {
    private static final int FIELDS = 19;
    private final String[] v;

    private FindingRow(String[] values) {
        this.v = values;
    }

    static FindingRow of(ReportFinding f) {
        return new FindingRow(new String[] {f.getFile(), f.getLevel(), f.getInterchangeControl(),
                f.getGroupControl(), f.getSetControl(), f.getClaimId(), f.getClaimStatus(), f.getRuleId(),
                f.getSeverity(), f.getOutcome(), f.getSegment(), f.getPosition(), f.getLoop(), f.getElement(),
                f.getAck(), f.getMessage(), f.getReference(), f.getCorrectionFrom(), f.getCorrectionTo()});
    }

    public String getFile() { return v[0]; }
    public String getLevel() { return v[1]; }
    public String getInterchangeControl() { return v[2]; }
    public String getGroupControl() { return v[3]; }
    public String getSetControl() { return v[4]; }
    public String getClaimId() { return v[5]; }
    public String getClaimStatus() { return v[6]; }
    public String getRuleId() { return v[7]; }
    public String getSeverity() { return v[8]; }
    public String getOutcome() { return v[9]; }
    public String getSegment() { return v[10]; }
    public String getPosition() { return v[11]; }
    public String getLoop() { return v[12]; }
    public String getElement() { return v[13]; }
    public String getAck() { return v[14]; }
    public String getMessage() { return v[15]; }
    public String getReference() { return v[16]; }
    public String getCorrectionFrom() { return v[17]; }
    public String getCorrectionTo() { return v[18]; }

    /** The row's text fields (for spilling). */
    String[] fields() {
        return v.clone();
    }

    /** A row from its text fields; missing trailing fields are empty. */
    static FindingRow of(String[] fields) {
        String[] v = java.util.Arrays.copyOf(fields, FIELDS);
        for (int i = 0; i < FIELDS; i++) {
            if (v[i] == null) {
                v[i] = "";
            }
        }
        return new FindingRow(v);
    }
}
