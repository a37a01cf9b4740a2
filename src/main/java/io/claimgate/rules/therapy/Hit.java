package io.claimgate.rules.therapy;

/**
 * What a therapy validator attaches to its violation (as Hibernate Validator's dynamic payload): the rule and
 * where the fault is, so a finding can point at the element.
 *
 * @param rule      the rule
 * @param position  position of the segment counted from ST = 1
 * @param segment   segment tag
 * @param element   element position, 0 for the segment
 * @param component component position, 0 when none
 */
public record Hit(TherapyRule rule, int position, String segment, int element, int component) {

    static Hit line(TherapyRule rule, LineReview line, int element, int component) {
        return new Hit(rule, line.position(), "SV1", element, component);
    }
}
