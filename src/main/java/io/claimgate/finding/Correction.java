package io.claimgate.finding;

import java.util.Objects;

/**
 * A deterministic change made to a claim: what it does to which segment, and the element's value before and after
 * (as the findings report shows it). Values are X12 text of the claim's own codes (procedure and modifiers).
 *
 * @param segmentPosition position of the changed segment counted from ST = 1
 * @param element         element reference, e.g. {@code SV101}
 * @param action          the change
 * @param value           what the action adds or removes (a modifier)
 * @param from            the element before this change
 * @param to              the element after this change
 */
public record Correction(int segmentPosition, String element, Action action, String value, String from, String to) {

    /** The catalogued changes. */
    public enum Action {
        /** Put a modifier in the first free SV101 modifier slot. */
        ADD_MODIFIER,
        /** Take a modifier out of SV101, the later ones moving up. */
        REMOVE_MODIFIER,
        /** Set the units (SV104) to the value. */
        SET_UNITS,
        /** Turn minutes into units: SV103 MJ becomes UN and SV104 the value. */
        MINUTES_TO_UNITS,
        /**
         * Merge the line whose SV1 is at position {@code value} into this line: units (SV104) and charges (SV102)
         * added, the merged line's segments dropped, the following lines' LX01 renumbered.
         */
        MERGE_LINE
    }

    /**
     * The order corrections are made in: removals first (they free modifier slots), then additions, then unit
     * changes, merges last (they read the kept line's final units).
     */
    public static final java.util.Comparator<Correction> ORDER = java.util.Comparator.comparingInt(c -> switch (c.action()) {
        case REMOVE_MODIFIER -> 0;
        case ADD_MODIFIER -> 1;
        case SET_UNITS, MINUTES_TO_UNITS -> 2;
        case MERGE_LINE -> 3;
    });

    public Correction {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(value, "value");
    }
}
