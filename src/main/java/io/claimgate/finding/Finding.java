package io.claimgate.finding;

import java.util.Objects;

/**
 * One thing a check found.
 *
 * @param rule       the rule that fired
 * @param severity   severity of this finding (normally the rule's)
 * @param position   where it was found
 * @param message    human-readable text; built only from rule text, codes and counts, never from element values
 * @param badValue   the offending element value when the acknowledgment may echo it (IK404), else {@code null};
 *                   it goes to the 999 sent back to the submitter, never to logs or messages
 * @param outcome    what was done about it
 * @param correction the change made, when the outcome is {@link Outcome#CORRECTED}, else {@code null}
 */
public record Finding(Rule rule, Severity severity, X12Position position, String message, String badValue,
                      Outcome outcome, Correction correction) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.CORRECTED) != (correction != null)) {
            throw new IllegalArgumentException("a correction goes with outcome CORRECTED, and only with it");
        }
    }

    public Finding(Rule rule, Severity severity, X12Position position, String message, String badValue,
                   Outcome outcome) {
        this(rule, severity, position, message, badValue, outcome, null);
    }

    /** A finding whose claim was corrected, reported as a warning. */
    public static Finding corrected(Rule rule, X12Position position, String message, Correction correction) {
        return new Finding(rule, Severity.WARNING, position, message, null, Outcome.CORRECTED, correction);
    }

    /** A finding with the rule's own severity, message and outcome. */
    public static Finding of(Rule rule, X12Position position) {
        return new Finding(rule, rule.severity(), position, rule.summary(), null, rule.outcome());
    }

    public static Finding of(Rule rule, X12Position position, String message) {
        return new Finding(rule, rule.severity(), position, message, null, rule.outcome());
    }

    public Finding withBadValue(String value) {
        return new Finding(rule, severity, position, message, value, outcome, correction);
    }

    public String ruleId() {
        return rule.id();
    }

    /** Rule and position; never the bad value (it may be patient data). */
    @Override
    public String toString() {
        return rule.id() + "@" + position.segmentId() + ":" + position.segmentPosition()
                + (position.element() > 0 ? "/" + position.elementReference() : "");
    }

    public boolean rejects() {
        return severity.rejects() && outcome == Outcome.REJECTED;
    }
}
