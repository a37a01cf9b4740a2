package io.claimgate.correct;

import io.claimgate.finding.Correction;
import io.claimgate.model.Claim;
import io.claimgate.model.RawSegment;

import java.util.ArrayList;
import java.util.List;

/** Applies corrections to a claim's raw segments in {@link Correction#ORDER}; segments not named stay as they were. */
public final class Corrections {
    private Corrections() {
    }

    public static Claim apply(Claim claim, List<Correction> corrections) {
        if (corrections.isEmpty()) {
            return claim;
        }
        List<Correction> ordered = new ArrayList<>(corrections);
        ordered.sort(Correction.ORDER);
        List<RawSegment> segments = new ArrayList<>(claim.segments());
        for (Correction c : ordered) {
            if (c.action() == Correction.Action.MERGE_LINE) {
                segments = merge(segments, claim, c);
                continue;
            }
            for (int i = 0; i < segments.size(); i++) {
                RawSegment s = segments.get(i);
                if (s.position() == c.segmentPosition()) {
                    segments.set(i, apply(s, c));
                }
            }
        }
        return claim.withSegments(segments);
    }

    /** Folds one line into another: units and charges summed on the kept SV1, the other line's segments gone. */
    static List<RawSegment> merge(List<RawSegment> segments, Claim claim, Correction c) {
        int mergedSv1 = Integer.parseInt(c.value());
        io.claimgate.model.ServiceLine gone = claim.lines().stream().filter(l -> l.position() == mergedSv1)
                .findFirst().orElseThrow(() -> new IllegalStateException("no line to merge at " + mergedSv1));
        java.util.Set<Integer> goneSegments = new java.util.HashSet<>();
        gone.segments().forEach(s -> goneSegments.add(s.position()));
        List<RawSegment> out = new ArrayList<>(segments.size());
        int lx = 0;
        for (RawSegment s : segments) {
            if (goneSegments.contains(s.position())) {
                continue;
            }
            if (s.is("SV1") && s.position() == c.segmentPosition()) {
                List<List<List<String>>> elements = new ArrayList<>(s.elements());
                elements.set(1, List.of(List.of(plain(decimal(s.element(2)).add(gone.charge())))));
                elements.set(3, List.of(List.of(plain(decimal(s.element(4)).add(gone.quantity())))));
                s = new RawSegment(s.tag(), s.position(), elements);
            } else if (s.is("LX")) {
                lx++;
                if (!s.element(1).equals(Integer.toString(lx))) {
                    List<List<List<String>>> elements = new ArrayList<>(s.elements());
                    elements.set(0, List.of(List.of(Integer.toString(lx))));
                    s = new RawSegment(s.tag(), s.position(), elements);
                }
            }
            out.add(s);
        }
        return out;
    }

    private static java.math.BigDecimal decimal(String text) {
        return new java.math.BigDecimal(text);
    }

    /** An X12 R value: no exponent, no trailing zeros after the point. */
    private static String plain(java.math.BigDecimal value) {
        java.math.BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /** One correction on one segment. */
    static RawSegment apply(RawSegment segment, Correction c) {
        if (!segment.is("SV1")) {
            throw new IllegalArgumentException("modifier corrections apply to SV1, not " + segment.tag());
        }
        if (c.action() == Correction.Action.SET_UNITS || c.action() == Correction.Action.MINUTES_TO_UNITS) {
            List<List<List<String>>> elements = new ArrayList<>(segment.elements());
            if (c.action() == Correction.Action.MINUTES_TO_UNITS) {
                elements.set(2, List.of(List.of("UN")));
            }
            elements.set(3, List.of(List.of(c.value())));
            return new RawSegment(segment.tag(), segment.position(), elements);
        }
        List<String> composite = new ArrayList<>(segment.components(1));
        switch (c.action()) {
            case ADD_MODIFIER -> {
                if (composite.size() >= 6 && composite.subList(2, 6).stream().noneMatch(String::isEmpty)) {
                    throw new IllegalStateException("no free modifier slot for a correction");
                }
                int slot = 2;
                while (slot < composite.size() && !composite.get(slot).isEmpty()) {
                    slot++;
                }
                if (slot < composite.size()) {
                    composite.set(slot, c.value());
                } else {
                    composite.add(c.value());
                }
            }
            case SET_UNITS, MINUTES_TO_UNITS, MERGE_LINE -> throw new IllegalStateException("handled above");
            case REMOVE_MODIFIER -> {
                // modifiers are components 3..6; later ones move up, component 7 (description) stays where it is
                List<String> modifiers = new ArrayList<>();
                for (int i = 2; i < Math.min(composite.size(), 6); i++) {
                    modifiers.add(composite.get(i));
                }
                if (!modifiers.remove(c.value())) {
                    return segment; // already gone (two rules removing the same modifier)
                }
                modifiers.add("");
                for (int i = 0; i < modifiers.size(); i++) {
                    composite.set(i + 2, modifiers.get(i));
                }
            }
        }
        while (composite.size() > 2 && composite.get(composite.size() - 1).isEmpty()) {
            composite.remove(composite.size() - 1);
        }
        List<List<List<String>>> elements = new ArrayList<>(segment.elements());
        elements.set(0, List.of(List.copyOf(composite)));
        return new RawSegment(segment.tag(), segment.position(), elements);
    }

    /** SV101 as text with {@code :} between components, for reports. */
    public static String text(List<String> composite) {
        return String.join(":", composite);
    }
}
