package io.claimgate.finding;

/**
 * A check the gateway makes, listed once with a stable id. Ids are part of the interface: reports, tests and
 * users key on them, so an id is never renamed or reused.
 */
public interface Rule {
    /** Stable id, e.g. {@code X12-SEGMENT-MISSING} or {@code CPT97530-MUE}. */
    String id();

    /** Severity of a finding of this rule unless the finding says otherwise. */
    Severity severity();

    /** What the gateway does when the rule fires. */
    Outcome outcome();

    /** The document and section the rule enforces (TR3 section, X12 code list, CMS manual, payer policy). */
    String reference();

    /** One line saying what the rule checks; also the default message, so it never holds input data. */
    String summary();

    /** The acknowledgment code this rule reports as, or {@code null} when it goes only to the report. */
    AckCode ackCode();

    /**
     * The 277CA claim status this rule reports a rejected claim with, as {@code category:status} (code sources 507
     * and 508), or {@code null} for rules that reject in the 999 or TA1 instead.
     */
    default String claimStatus() {
        return null;
    }
}
