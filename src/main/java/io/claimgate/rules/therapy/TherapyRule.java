package io.claimgate.rules.therapy;

import io.claimgate.finding.AckCode;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Rule;
import io.claimgate.finding.Severity;

/**
 * The CPT 97530 rules, each listed once. References: CPM = Medicare Claims Processing Manual, Pub. 100-04, ch. 5;
 * TR3 = 005010X222A1; NCCI = the CMS NCCI policy manual and PTP tables. 277CA statuses are category:status
 * (code sources 507/508); A7 = "acknowledgement/rejected for invalid information", A6 = "... missing information".
 */
public enum TherapyRule implements Rule {
    /** SV103 = UN and SV104 missing, not above zero, or not a whole number. */
    UNITS_INVALID("CPT97530-UNITS-INVALID", "CPM §20.2; TR3 2400 SV104",
            "97530 units (SV104) must be a whole number above zero", "A7:458"),
    /** SV103 = MJ: the line's SV104 holds minutes, turned into units by the payer's time rule. */
    UNITS_FROM_MINUTES("CPT97530-UNITS-FROM-MINUTES", "CPM §20.2 (CMS total minutes); AMA per-code rule",
            "timed line billed in minutes (SV103 = MJ): turned into units by the payer's time rule (CMS pools the "
                    + "day's timed minutes in the claim); a line left with 0 units is rejected", "A7:458",
            Outcome.CORRECTED),
    /** On one patient and date, some timed lines are in minutes (MJ) and others in units (UN). */
    UNITS_MIXED_BASIS("CPT97530-UNITS-MIXED-BASIS", "CPM §20.2 (total timed minutes)",
            "timed lines of one patient and date mix minutes (MJ) and units (UN); the day's units cannot be computed",
            "A7:458"),
    /** More than one of GP, GO, GN on a 97530 line. */
    DISCIPLINE_CONFLICT("CPT97530-DISCIPLINE-CONFLICT", "CPM §20.1 (one discipline modifier per line)",
            "97530 line carries more than one of the discipline modifiers GP, GO, GN", "A7:453"),
    /** CQ without GP, or CO without GO. */
    ASSISTANT_MISMATCH("CPT97530-ASSISTANT-MISMATCH", "CMS Therapy Services (CQ with GP, CO with GO)",
            "therapy assistant modifier CQ needs GP, and CO needs GO", "A7:453"),
    /** A modifier that has no meaning on 97530. */
    MODIFIER_INVALID("CPT97530-MODIFIER-INVALID", "PFS indicators for 97530; CPM §20.2 (one line per date)",
            "97530 line carries a modifier that does not apply to it (26, TC, 50, 62, 66, 80, 81, 82, AS, 76, 77); "
                    + "51 alone is removed instead", "A7:453"),
    /** No GP, GO or GN on a 97530 line: added when it can be derived and a slot is free, else rejected. */
    DISCIPLINE_MISSING("CPT97530-DISCIPLINE-MISSING", "CPM §20.1; CR 10176 (always-therapy codes)",
            "97530 line has no discipline modifier (GP, GO, GN): added from the rendering or billing provider "
                    + "taxonomy or the claim's other therapy lines when a slot is free, else rejected", "A6:453",
            Outcome.CORRECTED),
    /** 59 together with an X modifier: 59 is removed. */
    DISTINCT_DOUBLE("CPT97530-DISTINCT-DOUBLE", "CMS MLN1783722 (59 only when no X modifier describes the case)",
            "59 and an X modifier (XE, XS, XP, XU) on the same line: 59 is removed", "A7:453", Outcome.CORRECTED),
    /** A patient's 97530 units on one date, over the batch's lines and claims, pass the payer's daily limit. */
    MUE("CPT97530-MUE", "CMS practitioner MUE (MAI 3, date of service); payer policy mue.units",
            "97530 units for this patient and date, with the batch's earlier lines and claims, pass the payer's "
                    + "daily limit", "A7:458"),
    /** Two or more 97530 lines for one date with the same modifiers: merged into one. */
    DUPLICATE_LINE("CPT97530-DUPLICATE-LINE", "FCSO: one line per timed code and date (from 19 Apr 2021); CPM §20.2",
            "two or more 97530 lines for one date with the same modifiers: merged into one line (units and charges "
                    + "added, CLM02 unchanged)", "A7:458", Outcome.CORRECTED),
    /** Medicare: the year's estimated therapy spend passes the KX threshold on a line without KX. */
    KX_THRESHOLD("CPT97530-KX-THRESHOLD", "CPM §10.3; CMS Therapy Services (KX threshold, config/reference/kx-thresholds.csv)",
            "the beneficiary's estimated therapy amount for the year (PT and SLP together, OT apart) passes the KX "
                    + "threshold on a line without KX: held for review, KX is never added", "A7:454"),
    /** KX on a line while the estimated amount is under the threshold. */
    KX_UNSUPPORTED("CPT97530-KX-UNSUPPORTED", "CMS Therapy Services (KX attests the threshold was passed)",
            "KX on a line whose estimated year-to-date therapy amount is still under the threshold", null,
            Outcome.WARNED),
    /** A PTP partner of 97530 billed on the same date without a valid bypass. */
    NCCI_PTP("CPT97530-NCCI-PTP", "NCCI PTP edits, practitioner table (config/reference/ncci-ptp-*.csv)",
            "97530 billed with an NCCI procedure-to-procedure partner on the same date without an allowed bypass",
            "A7:454"),
    /** 97530 and the group code 97150 on the same date, neither with 59/X. */
    GROUP_SAME_DAY("CPT97530-GROUP-SAME-DAY", "NCCI manual ch. XI (group and one-on-one for the same time)",
            "97530 and group therapy 97150 on the same date with no distinct-service modifier on either", "A7:454"),
    /** 0770T without an eligible primary code on the same date. */
    ADDON_ORPHAN("CPT97530-ADDON-ORPHAN", "CPT 0770T add-on rules",
            "add-on 0770T billed without an eligible primary service on the same date", "A7:454"),
    /** An SV107 pointer names a diagnosis position the HI segment does not have. */
    DX_POINTER("CPT97530-DX-POINTER", "TR3 2400 SV107 (pointers to 2300 HI)",
            "a diagnosis pointer (SV107) names a diagnosis the claim does not have", "A7:255"),
    /** SV102 not above zero on a 97530 line. */
    CHARGE("CPT97530-CHARGE", "TR3 2400 SV102", "97530 line charge (SV102) must be above zero", "A7:178"),
    /** A billing, rendering or referring NPI fails the check digit. */
    NPI_CHECK_DIGIT("NPI-CHECK-DIGIT", "45 CFR 162.406; NPI check digit (Luhn with prefix 80840)",
            "an NPI fails its check digit", "A7:562");

    private final String id;
    private final String reference;
    private final String summary;
    private final String claimStatus;
    private final Outcome outcome;

    TherapyRule(String id, String reference, String summary, String claimStatus) {
        this(id, reference, summary, claimStatus, Outcome.REJECTED);
    }

    TherapyRule(String id, String reference, String summary, String claimStatus, Outcome outcome) {
        this.id = id;
        this.reference = reference;
        this.summary = summary;
        this.claimStatus = claimStatus;
        this.outcome = outcome;
    }

    @Override public String id() { return id; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public Outcome outcome() { return outcome; }
    @Override public String reference() { return reference; }
    @Override public String summary() { return summary; }
    @Override public AckCode ackCode() { return null; }
    @Override public String claimStatus() { return claimStatus; }

    /** The message key of the rule's constraint (ValidationMessages.properties). */
    public String messageKey() {
        return "{io.claimgate.rule." + id + "}";
    }
}
