package io.claimgate.model;

import java.util.List;

/**
 * One segment exactly as read: its tag, its position counted from ST = 1 (0 for envelope segments), and its
 * elements. Each element is a list of repetitions, each repetition a list of components (a simple element is one
 * repetition with one component). Empty elements are kept, so writing the lists back reproduces the segment.
 */
public record RawSegment(String tag, int position, List<List<List<String>>> elements) {

    public RawSegment {
        elements = List.copyOf(elements);
    }

    /** Number of elements, trailing empty ones included as read. */
    public int elementCount() {
        return elements.size();
    }

    /** Element {@code n} (1-based), first repetition, first component; {@code ""} when absent. */
    public String element(int n) {
        return component(n, 1);
    }

    /** Component {@code c} of element {@code n} (both 1-based), first repetition; {@code ""} when absent. */
    public String component(int n, int c) {
        if (n < 1 || n > elements.size()) {
            return "";
        }
        List<List<String>> reps = elements.get(n - 1);
        if (reps.isEmpty()) {
            return "";
        }
        List<String> comps = reps.get(0);
        return c >= 1 && c <= comps.size() ? comps.get(c - 1) : "";
    }

    /** All components of element {@code n}, first repetition. */
    public List<String> components(int n) {
        if (n < 1 || n > elements.size() || elements.get(n - 1).isEmpty()) {
            return List.of();
        }
        return elements.get(n - 1).get(0);
    }

    public boolean is(String tag) {
        return this.tag.equals(tag);
    }

    /** Tag and position only: element values may be patient data and must not reach logs or messages. */
    @Override
    public String toString() {
        return tag + "@" + position + "(" + elements.size() + " elements)";
    }
}
