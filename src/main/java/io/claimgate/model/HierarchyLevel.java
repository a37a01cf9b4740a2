package io.claimgate.model;

import java.util.List;

/**
 * One HL level of the 837P hierarchy with the segments that belong to it up to the next HL or claim:
 * the billing provider (2000A, HL03 = 20), the subscriber (2000B, 22) or the patient (2000C, 23).
 *
 * @param ordinal  a number unique for the level within the file (the reader's count), used to tell levels apart
 * @param levelId  HL01 as read
 * @param parentId HL02 as read ({@code ""} for the billing provider)
 * @param levelCode HL03 as read
 * @param segments the HL segment first, then the rest of the level's segments as read
 */
public record HierarchyLevel(long ordinal, String levelId, String parentId, String levelCode,
                             List<RawSegment> segments) {

    public static final String BILLING_PROVIDER = "20";
    public static final String SUBSCRIBER = "22";
    public static final String PATIENT = "23";

    public HierarchyLevel {
        segments = List.copyOf(segments);
    }

    /** Level code and ordinal only: names and member ids are patient data. */
    @Override
    public String toString() {
        return "HL" + levelCode + "#" + ordinal;
    }

    /** The first segment with this tag in the level, or {@code null}. */
    public RawSegment first(String tag) {
        for (RawSegment s : segments) {
            if (s.is(tag)) {
                return s;
            }
        }
        return null;
    }
}
