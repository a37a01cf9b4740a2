package io.claimgate.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One 2300 claim with its 2400 lines and the hierarchy above it, as read.
 *
 * @param ordinal         the claim's number within the file, from 0, in reading order
 * @param id              CLM01, the patient control number
 * @param totalCharge     CLM02, or {@code null} when it is not a number
 * @param source          interchange, group and set the claim came from
 * @param header          the set's header segments (BHT, 1000A, 1000B), shared by the set's claims
 * @param billingProvider the 2000A level
 * @param subscriber      the 2000B level
 * @param patient         the 2000C level, or {@code null} when the subscriber is the patient
 * @param lines           the service lines
 * @param segments        every segment of the claim from CLM to the end of its last line, as read
 */
public record Claim(long ordinal, String id, BigDecimal totalCharge, TransactionRef source,
                    List<RawSegment> header, HierarchyLevel billingProvider, HierarchyLevel subscriber,
                    HierarchyLevel patient, List<ServiceLine> lines, List<RawSegment> segments) {

    public Claim {
        lines = List.copyOf(lines);
        segments = List.copyOf(segments);
    }

    /** Ordinal and position only: the claim id and its values are patient data. */
    @Override
    public String toString() {
        return "Claim#" + ordinal + "@" + position() + "(" + lines.size() + " lines)";
    }

    /** The same claim with its segments replaced (after a correction); lines and hierarchy stay as read. */
    public Claim withSegments(List<RawSegment> replaced) {
        return new Claim(ordinal, id, totalCharge, source, header, billingProvider, subscriber, patient, lines,
                replaced);
    }

    /** Position of the CLM segment counted from ST = 1. */
    public int position() {
        return segments.isEmpty() ? 0 : segments.get(0).position();
    }
}
