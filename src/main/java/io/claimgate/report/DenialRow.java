package io.claimgate.report;

import java.math.BigDecimal;

/**
 * One adjustment of a remitted line (or of a claim without lines), classified, a JavaBean for the denial export
 * templates. Amounts are numbers ({@link BigDecimal}); the fields are listed in {@code mappings/denials-csv.xml}.
 */
public final class DenialRow {
    static final String[] FIELDS = {"file", "payer", "claimId", "payerClaimNumber", "claimStatus", "reversal",
        "serviceDate", "procedure", "modifiers", "units", "charge", "paid", "group", "carc", "rarc", "category",
        "kind", "amount", "meaning", "rule", "flagged", "gatewayAction", "gatewayRules", "action", "match"};
    private final String[] v;

    private DenialRow(String[] v) {
        this.v = v;
    }

    /** A row from values in the order of {@link #FIELDS}. */
    public static DenialRow of(String... values) {
        if (values.length != FIELDS.length) {
            throw new IllegalArgumentException("a denial row has " + FIELDS.length + " fields");
        }
        return new DenialRow(values.clone());
    }

    String[] fields() {
        return v.clone();
    }

    static DenialRow fromFields(String[] fields) {
        return new DenialRow(java.util.Arrays.copyOf(fields, FIELDS.length));
    }

    /** Rows spilled to disk beyond the first few thousand. */
    public static SpilledRows<DenialRow> rows() {
        return new SpilledRows<>("denials", DenialRow::fields, DenialRow::fromFields);
    }

    private static BigDecimal number(String s) {
        return s == null || s.isEmpty() ? null : new BigDecimal(s);
    }

    public String getFile() { return v[0]; }
    public String getPayer() { return v[1]; }
    public String getClaimId() { return v[2]; }
    public String getPayerClaimNumber() { return v[3]; }
    public String getClaimStatus() { return v[4]; }
    public String getReversal() { return v[5]; }
    public String getServiceDate() { return v[6]; }
    public String getProcedure() { return v[7]; }
    public String getModifiers() { return v[8]; }
    public BigDecimal getUnits() { return number(v[9]); }
    public BigDecimal getCharge() { return number(v[10]); }
    public BigDecimal getPaid() { return number(v[11]); }
    public String getGroup() { return v[12]; }
    public String getCarc() { return v[13]; }
    public String getRarc() { return v[14]; }
    public String getCategory() { return v[15]; }
    /** DENIED, ADJUSTED, CONTRACTUAL or PATIENT (see the README's denial definition). */
    public String getKind() { return v[16]; }
    public BigDecimal getAmount() { return number(v[17]); }
    public String getMeaning() { return v[18]; }
    /** The claimgate rule that would have prevented this denial, or empty. */
    public String getRule() { return v[19]; }
    /** Y when the gateway had flagged the submitted line (or claim) with that rule. */
    public String getFlagged() { return v[20]; }
    public String getGatewayAction() { return v[21]; }
    public String getGatewayRules() { return v[22]; }
    public String getAction() { return v[23]; }
    /** How the remitted line was matched to the submitted one: REF-6R, CODE-DATE-CHARGE, CLAIM or NONE. */
    public String getMatch() { return v[24]; }
}
