package io.claimgate.x12;

import io.xlate.edi.stream.Location;

import java.util.ArrayList;
import java.util.List;

/** Collects a segment's element values as StAEDI reports them: element → repetition → component, 1-based. */
final class SegmentElements {
    private SegmentElements() {
    }

    /** Adds the value at {@code location} (element data outside an element position is ignored). */
    static void add(List<List<List<String>>> elements, Location location, String text) {
        int e = location.getElementPosition();
        if (e < 1) {
            return;
        }
        int occurrence = Math.max(location.getElementOccurrence(), 1);
        int c = Math.max(location.getComponentPosition(), 1);
        while (elements.size() < e) {
            elements.add(new ArrayList<>(1));
        }
        List<List<String>> reps = elements.get(e - 1);
        while (reps.size() < occurrence) {
            reps.add(new ArrayList<>(1));
        }
        List<String> comps = reps.get(occurrence - 1);
        while (comps.size() < c - 1) {
            comps.add("");
        }
        comps.add(text);
    }
}
