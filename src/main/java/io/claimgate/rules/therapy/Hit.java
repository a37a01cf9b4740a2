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
public record Hit(TherapyRule rule, int position, String segment, int element, int component,
                  io.claimgate.finding.Correction correction) {

    public Hit(TherapyRule rule, int position, String segment, int element, int component) {
        this(rule, position, segment, element, component, null);
    }

    static Hit line(TherapyRule rule, LineReview line, int element, int component) {
        return new Hit(rule, line.position(), "SV1", element, component);
    }

    /** A fault on a line that is corrected by adding or removing one modifier. */
    static Hit modifierFix(TherapyRule rule, LineReview line, io.claimgate.finding.Correction.Action action,
                           String modifier) {
        java.util.List<String> before = new java.util.ArrayList<>(java.util.List.of("HC", line.code()));
        before.addAll(line.modifiers());
        java.util.List<String> after = new java.util.ArrayList<>(before);
        if (action == io.claimgate.finding.Correction.Action.ADD_MODIFIER) {
            after.add(modifier);
        } else {
            after.remove(modifier);
        }
        int component = action == io.claimgate.finding.Correction.Action.ADD_MODIFIER ? after.size()
                : line.modifierComponent(modifier);
        return new Hit(rule, line.position(), "SV1", 1, component, new io.claimgate.finding.Correction(
                line.position(), "SV101", action, modifier, String.join(":", before), String.join(":", after)));
    }
}
