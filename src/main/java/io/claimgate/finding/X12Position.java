package io.claimgate.finding;

/**
 * Where in the X12 input a finding was detected, copied as values at detection time.
 *
 * @param interchangeControl ISA13 of the interchange, or {@code null} before an ISA was read
 * @param groupControl       GS06 of the functional group, or {@code null} outside a group
 * @param transactionControl ST02 of the transaction set, or {@code null} outside a set
 * @param segmentId          the segment tag (e.g. {@code SV1}), or {@code null} for file-level findings
 * @param segmentPosition    position of the segment counted from ST = 1 (0 outside a transaction set)
 * @param loopId             TR3 loop id (e.g. {@code 2400}), or {@code null}
 * @param element            element position in the segment (1-based), 0 when the finding is about the segment
 * @param component          component position in the element (1-based), 0 when not a component
 * @param repetition         repetition of the element (1-based), 0 when not repeated
 * @param dataElement        X12 data element reference number (e.g. {@code 1331}) when known, else {@code null}
 */
public record X12Position(String interchangeControl, String groupControl, String transactionControl,
                          String segmentId, int segmentPosition, String loopId,
                          int element, int component, int repetition, String dataElement) {

    public static final X12Position FILE = new X12Position(null, null, null, null, 0, null, 0, 0, 0, null);

    /** The element reference as a biller reads it: {@code SV103}, {@code SV101-2}; {@code null} for a segment. */
    public String elementReference() {
        if (segmentId == null || element <= 0) {
            return null;
        }
        String ref = segmentId + (element < 10 ? "0" : "") + element;
        return component > 0 ? ref + "-" + component : ref;
    }

    /** IK401 form: {@code element[:component[:repetition]]}. */
    public String ik401() {
        StringBuilder sb = new StringBuilder().append(element);
        if (component > 0 || repetition > 1) {
            sb.append(':').append(component > 0 ? component : "");
        }
        if (repetition > 1) {
            sb.append(':').append(repetition);
        }
        return sb.toString();
    }

    public X12Position withElement(int element, int component, int repetition) {
        return new X12Position(interchangeControl, groupControl, transactionControl, segmentId, segmentPosition,
                loopId, element, component, repetition, dataElement);
    }

    public X12Position withDataElement(String dataElement) {
        return new X12Position(interchangeControl, groupControl, transactionControl, segmentId, segmentPosition,
                loopId, element, component, repetition, dataElement);
    }
}
