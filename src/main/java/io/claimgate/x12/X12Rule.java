package io.claimgate.x12;

import io.claimgate.finding.AckCode;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Rule;
import io.claimgate.finding.Severity;

/**
 * The envelope, implementation-guide (SNIP 1-2) and balancing (SNIP 3) checks, each listed once with its stable
 * id, the acknowledgment code it reports as and the reference it enforces. TR3 = ASC X12N 005010X222A1;
 * 999 codes from 005010X231A1 (IK304 = element 620, IK403 = element 621, IK502 = 618, AK905 = 716);
 * TA1 note codes from the X12 control standard (TA105 = I18).
 */
public enum X12Rule implements Rule {
    // ---- file and interchange: reported in a TA1 (or only in the report when no ISA could be read)
    /** The file holds no readable ISA interchange header. */
    NOT_X12("X12-NOT-X12", Severity.FATAL, null, "X12 control standard, ISA",
            "file is not an X12 interchange: no readable ISA header"),
    /** An ISA element is not its fixed width or holds an invalid value. */
    INTERCHANGE_HEADER_INVALID("X12-INTERCHANGE-HEADER", Severity.FATAL, AckCode.ta105("024"),
            "X12 control standard, ISA (fixed width, 106 characters)",
            "interchange header ISA is malformed"),
    /** IEA02 does not repeat ISA13. */
    INTERCHANGE_CONTROL_MISMATCH("X12-INTERCHANGE-CONTROL-MISMATCH", Severity.FATAL, AckCode.ta105("001"),
            "X12 control standard, IEA02 = ISA13",
            "interchange control number in IEA02 does not match ISA13"),
    /** IEA01 is not the number of functional groups. */
    INTERCHANGE_GROUP_COUNT("X12-INTERCHANGE-GROUP-COUNT", Severity.FATAL, AckCode.ta105("021"),
            "X12 control standard, IEA01", "IEA01 does not match the number of functional groups"),
    /** The same sender, receiver and ISA13 arrived earlier with other content (found by the gateway's ledger). */
    INTERCHANGE_DUPLICATE("X12-INTERCHANGE-DUPLICATE", Severity.FATAL, AckCode.ta105("025"),
            "X12 control standard, ISA13 unique per sender and receiver",
            "duplicate interchange: this sender, receiver and ISA13 arrived earlier with other content"),
    /** The interchange ends before its IEA trailer. */
    INTERCHANGE_TRUNCATED("X12-INTERCHANGE-TRUNCATED", Severity.FATAL, AckCode.ta105("023"),
            "X12 control standard, IEA", "interchange ends before its IEA trailer (improper end of file)"),
    /** Envelope segments out of order: ST outside a group, GS inside a group, a set without SE, and the like. */
    INTERCHANGE_STRUCTURE("X12-INTERCHANGE-STRUCTURE", Severity.FATAL, AckCode.ta105("024"),
            "X12 control standard (ISA/GS/ST nesting)",
            "envelope segments out of order; the interchange is not read past this point"),
    /** The file goes on after its last complete interchange with something that is not an interchange. */
    TRAILING_DATA("X12-FILE-TRAILING-DATA", Severity.ERROR, null, "X12 control standard",
            "data after the last complete interchange cannot be read as X12"),
    /** CLM segments the reader could not reach (after a point where the file became unreadable). */
    CLAIMS_NOT_READ("X12-CLAIMS-NOT-READ", Severity.FATAL, null, "claimgate conservation check",
            "claims in the file that could not be read; they are in no output and the input is kept"),
    /** The file is larger than the configured limit: not read (only hashed and its CLM segments counted). */
    FILE_TOO_LARGE("X12-LIMIT-FILE-SIZE", Severity.FATAL, null, "claimgate limits (claimgate.limits.max-file-bytes)",
            "the file is larger than the configured limit; it is not read and the input is kept"),
    /** The interchange cannot be tokenized past some point (bad delimiters, binary data). */
    INTERCHANGE_UNREADABLE("X12-INTERCHANGE-UNREADABLE", Severity.FATAL, AckCode.ta105("024"),
            "X12 control standard", "interchange content cannot be read as X12"),

    // ---- functional group: AK9
    /** GE02 does not repeat GS06. */
    GROUP_CONTROL_MISMATCH("X12-GROUP-CONTROL-MISMATCH", Severity.ERROR, AckCode.ak905("4"),
            "X12 control standard, GE02 = GS06", "group control number in GE02 does not match GS06"),
    /** GE01 is not the number of transaction sets. */
    GROUP_SET_COUNT("X12-GROUP-SET-COUNT", Severity.ERROR, AckCode.ak905("5"),
            "X12 control standard, GE01", "GE01 does not match the number of transaction sets"),
    /** GS08 is not the 837P implementation guide. */
    GROUP_VERSION("X12-GROUP-VERSION", Severity.ERROR, AckCode.ak905("2"),
            "TR3 1.4 (GS08 = 005010X222A1)", "functional group version GS08 is not 005010X222A1"),

    // ---- transaction set: IK5
    /** ST01 is not 837. */
    SET_NOT_SUPPORTED("X12-SET-NOT-SUPPORTED", Severity.ERROR, AckCode.ik502("1"),
            "TR3 ST01 = 837", "transaction set identifier ST01 is not 837"),
    /** ST03 is not 005010X222A1. */
    SET_VERSION("X12-SET-VERSION", Severity.ERROR, AckCode.ik502("I6"),
            "TR3 ST03 = 005010X222A1", "implementation convention ST03 is not 005010X222A1"),
    /** SE02 does not repeat ST02. */
    SET_CONTROL_MISMATCH("X12-SET-CONTROL-MISMATCH", Severity.ERROR, AckCode.ik502("3"),
            "X12 control standard, SE02 = ST02", "transaction set control number in SE02 does not match ST02"),
    /** SE01 is not the number of segments from ST to SE. */
    SET_SEGMENT_COUNT("X12-SET-SEGMENT-COUNT", Severity.ERROR, AckCode.ik502("4"),
            "X12 control standard, SE01", "SE01 does not match the number of segments from ST to SE"),
    /** A segment longer than the configured limit (checked while reading, before it is held). */
    SEGMENT_TOO_LONG("X12-LIMIT-SEGMENT-LENGTH", Severity.ERROR, AckCode.ik502("5"),
            "claimgate limits (claimgate.limits.max-segment-length)",
            "a segment is longer than the configured limit; the rest of the set is not read into claims"),
    /** More CLM segments in one set than the configured limit (the TR3 recommends at most 5,000). */
    SET_TOO_MANY_CLAIMS("X12-LIMIT-CLAIMS-PER-SET", Severity.ERROR, AckCode.ik502("5"),
            "TR3 1.4 (at most 5,000 claims per transaction set); claimgate.limits.max-claims-per-set",
            "more claims in the transaction set than the configured limit; the rest of the set is not read"),
    /** More service lines in a claim than the configured limit (the guide's 2400 loop repeats at most 50 times). */
    CLAIM_TOO_MANY_LINES("X12-LIMIT-LINES-PER-CLAIM", Severity.ERROR, AckCode.ik502("5"),
            "TR3 loop 2400 (at most 50); claimgate.limits.max-lines-per-claim",
            "more service lines in a claim than the configured limit; the rest of the set is not read"),
    /** A claim, hierarchy level or set header holding more segments than the configured limit. */
    TOO_MANY_SEGMENTS("X12-LIMIT-SEGMENTS-PER-CLAIM", Severity.ERROR, AckCode.ik502("5"),
            "claimgate limits (claimgate.limits.max-segments-per-claim)",
            "a claim, hierarchy level or set header holds more segments than the configured limit; the rest of "
                    + "the set is not read"),
    /** The set ends before its SE trailer. */
    SET_TRAILER_MISSING("X12-SET-TRAILER-MISSING", Severity.ERROR, AckCode.ik502("2"),
            "X12 control standard, SE", "transaction set trailer SE missing"),

    // ---- segments: IK3 / IK304
    SEGMENT_UNRECOGNIZED("X12-SEGMENT-UNRECOGNIZED", Severity.ERROR, AckCode.ik304("1"), "TR3 2.3",
            "unrecognized segment id"),
    SEGMENT_UNEXPECTED("X12-SEGMENT-UNEXPECTED", Severity.ERROR, AckCode.ik304("2"), "TR3 2.3",
            "segment not expected at this point"),
    SEGMENT_MISSING("X12-SEGMENT-MISSING", Severity.ERROR, AckCode.ik304("3"), "TR3 2.3",
            "required segment missing"),
    LOOP_OVER_MAXIMUM("X12-LOOP-OVER-MAXIMUM", Severity.ERROR, AckCode.ik304("4"), "TR3 2.3",
            "loop occurs more often than allowed"),
    SEGMENT_OVER_MAXIMUM("X12-SEGMENT-OVER-MAXIMUM", Severity.ERROR, AckCode.ik304("5"), "TR3 2.3",
            "segment occurs more often than allowed"),
    SEGMENT_NOT_IN_SET("X12-SEGMENT-NOT-IN-SET", Severity.ERROR, AckCode.ik304("6"), "TR3 2.3",
            "segment not defined in the 837 transaction set"),
    SEGMENT_OUT_OF_SEQUENCE("X12-SEGMENT-OUT-OF-SEQUENCE", Severity.ERROR, AckCode.ik304("7"), "TR3 2.3",
            "segment not in proper sequence"),
    SEGMENT_HAS_ELEMENT_ERRORS("X12-SEGMENT-ELEMENT-ERRORS", Severity.ERROR, AckCode.ik304("8"), "TR3 2.3",
            "segment has data element errors"),
    SEGMENT_NOT_USED("X12-SEGMENT-NOT-USED", Severity.ERROR, AckCode.ik304("I4"), "TR3 2.3",
            "segment marked not used in the implementation guide is present"),
    SEGMENT_SITUATIONAL_MISSING("X12-SEGMENT-SITUATIONAL-MISSING", Severity.ERROR, AckCode.ik304("I6"),
            "TR3 2.3", "implementation-dependent segment missing"),
    LOOP_UNDER_MINIMUM("X12-LOOP-UNDER-MINIMUM", Severity.ERROR, AckCode.ik304("I7"), "TR3 2.3",
            "loop occurs fewer times than required"),
    SEGMENT_UNDER_MINIMUM("X12-SEGMENT-UNDER-MINIMUM", Severity.ERROR, AckCode.ik304("I8"), "TR3 2.3",
            "segment occurs fewer times than required"),
    SEGMENT_SITUATIONAL_NOT_USED("X12-SEGMENT-SITUATIONAL-NOT-USED", Severity.ERROR, AckCode.ik304("I9"),
            "TR3 2.3", "implementation-dependent segment present where not used"),
    SEGMENT_CONDITION("X12-SEGMENT-CONDITION", Severity.ERROR, AckCode.ik304("2"), "TR3 2.3",
            "segment conditional or exclusion requirement violated"),

    // ---- elements: IK4 / IK403
    ELEMENT_MISSING("X12-ELEMENT-MISSING", Severity.ERROR, AckCode.ik403("1"), "TR3 2.3",
            "required data element missing"),
    ELEMENT_CONDITIONAL_MISSING("X12-ELEMENT-CONDITIONAL-MISSING", Severity.ERROR, AckCode.ik403("2"),
            "TR3 2.3 (syntax notes)", "conditionally required data element missing"),
    ELEMENT_TOO_MANY("X12-ELEMENT-TOO-MANY", Severity.ERROR, AckCode.ik403("3"), "TR3 2.3",
            "too many data elements"),
    ELEMENT_TOO_SHORT("X12-ELEMENT-TOO-SHORT", Severity.ERROR, AckCode.ik403("4"), "TR3 2.3",
            "data element too short"),
    ELEMENT_TOO_LONG("X12-ELEMENT-TOO-LONG", Severity.ERROR, AckCode.ik403("5"), "TR3 2.3",
            "data element too long"),
    ELEMENT_INVALID_CHARACTER("X12-ELEMENT-INVALID-CHARACTER", Severity.ERROR, AckCode.ik403("6"),
            "TR3 B.1.1.2 (character set)", "invalid character in data element"),
    ELEMENT_INVALID_CODE("X12-ELEMENT-INVALID-CODE", Severity.ERROR, AckCode.ik403("7"), "TR3 2.3",
            "invalid code value"),
    ELEMENT_INVALID_DATE("X12-ELEMENT-INVALID-DATE", Severity.ERROR, AckCode.ik403("8"), "TR3 2.3",
            "invalid date"),
    ELEMENT_INVALID_TIME("X12-ELEMENT-INVALID-TIME", Severity.ERROR, AckCode.ik403("9"), "TR3 2.3",
            "invalid time"),
    ELEMENT_EXCLUSION("X12-ELEMENT-EXCLUSION", Severity.ERROR, AckCode.ik403("10"), "TR3 2.3 (syntax notes)",
            "exclusion condition violated"),
    ELEMENT_TOO_MANY_REPETITIONS("X12-ELEMENT-TOO-MANY-REPETITIONS", Severity.ERROR, AckCode.ik403("12"),
            "TR3 2.3", "too many repetitions"),
    ELEMENT_TOO_MANY_COMPONENTS("X12-ELEMENT-TOO-MANY-COMPONENTS", Severity.ERROR, AckCode.ik403("13"),
            "TR3 2.3", "too many components"),
    ELEMENT_CODE_NOT_USED("X12-ELEMENT-CODE-NOT-USED", Severity.ERROR, AckCode.ik403("I6"), "TR3 2.3",
            "code value not used in this implementation"),
    ELEMENT_SITUATIONAL_MISSING("X12-ELEMENT-SITUATIONAL-MISSING", Severity.ERROR, AckCode.ik403("I9"),
            "TR3 2.3", "implementation-dependent data element missing"),
    ELEMENT_NOT_USED("X12-ELEMENT-NOT-USED", Severity.ERROR, AckCode.ik403("I10"), "TR3 2.3",
            "data element marked not used in the implementation guide is present"),
    ELEMENT_TOO_FEW_REPETITIONS("X12-ELEMENT-TOO-FEW-REPETITIONS", Severity.ERROR, AckCode.ik403("I11"),
            "TR3 2.3", "too few repetitions"),
    ELEMENT_PATTERN("X12-ELEMENT-PATTERN", Severity.ERROR, AckCode.ik403("I12"), "TR3 2.3",
            "data element does not match the required pattern"),
    ELEMENT_SITUATIONAL_NOT_USED("X12-ELEMENT-SITUATIONAL-NOT-USED", Severity.ERROR, AckCode.ik403("I13"),
            "TR3 2.3", "implementation-dependent data element present where not used"),

    // ---- hierarchy (TR3 2.3.2.1): reported as an invalid HL01/HL02 value
    /** HL01 does not count 1, 2, 3… within the set. */
    HL_SEQUENCE("X12-HL-SEQUENCE", Severity.ERROR, AckCode.ik403("7"), "TR3 2.3.2.1 (HL01 begins with 1, +1 each HL)",
            "hierarchical id HL01 is not the previous HL01 plus one"),
    /** HL02 does not name the level above: a billing provider for a subscriber, the subscriber for a patient. */
    HL_PARENT("X12-HL-PARENT", Severity.ERROR, AckCode.ik403("7"), "TR3 2.3.2.1 (HL02 names the parent level)",
            "hierarchical parent id HL02 does not name the level above"),

    // ---- claim level (SNIP 3 balancing and consequences): findings report and, later, 277CA
    /** CLM02 is not the sum of the claim's SV102 line charges. */
    CLAIM_CHARGE_BALANCE("X12-CLAIM-CHARGE-BALANCE", Severity.ERROR, null,
            "TR3 2300 CLM02 note (SNIP 3 balancing)", "claim total charge CLM02 does not equal the sum of line charges SV102"),
    /** The claim's transaction set, group or interchange was rejected, so the claim was too. */
    ENVELOPE_REJECTED("X12-ENVELOPE-REJECTED", Severity.ERROR, null, "999 IK5/AK9, TA1",
            "claim rejected because its transaction set, group or interchange was rejected");

    private final String id;
    private final Severity severity;
    private final AckCode ackCode;
    private final String reference;
    private final String summary;

    X12Rule(String id, Severity severity, AckCode ackCode, String reference, String summary) {
        this.id = id;
        this.severity = severity;
        this.ackCode = ackCode;
        this.reference = reference;
        this.summary = summary;
    }

    @Override public String id() { return id; }
    @Override public Severity severity() { return severity; }
    @Override public Outcome outcome() { return Outcome.REJECTED; }
    @Override public String reference() { return reference; }
    @Override public String summary() { return summary; }
    @Override public AckCode ackCode() { return ackCode; }
}
