package io.claimgate.x12;

import io.claimgate.model.RawSegment;
import io.xlate.edi.schema.EDISyntaxRule;
import io.xlate.edi.schema.implementation.Discriminator;

import java.util.List;

/**
 * Validates one transaction set at a time against a compiled {@link Guide}, segment by segment, on the segments
 * StAEDI's tokenizer hands over (so without StAEDI's schema validation, which costs about fourteen times the
 * tokenizing). It checks what an X12 999 reports:
 * <ul>
 *   <li>where each segment belongs: loops entered by their first segment and told apart by the guide's
 *       discriminator (NM101, HL03, ...), segments in the standard's order, repeats over the maximum, required
 *       segments and loops missing (reported on the segment where the absence is noticed), segments the guide does
 *       not use, segments out of sequence, unexpected or outside the transaction set;</li>
 *   <li>each element: required and not-used elements, repetitions and components, lengths, numeric, decimal, date
 *       and time forms, the standard's and the guide's code values, and the segment's syntax notes (paired,
 *       required, exclusion, conditional, list).</li>
 * </ul>
 * The rules and their 999 codes are the ones StAEDI's validation events map to ({@link ValidationErrors}); the
 * differences from StAEDI are deliberate and listed in {@code GuideValidatorTest}. Not thread-safe: one per reader.
 */
final class GuideValidator {

    /** Receives what the validator finds on the segment just given to it. */
    interface Sink {
        /**
         * A problem with a segment or loop. {@code absence}: something required is missing before this segment (it
         * belongs to the content read before it, e.g. the previous claim), not a problem of the segment itself.
         */
        void segment(X12Rule rule, String tag, String loopId, boolean absence);

        /** A problem with an element ({@code component} 0 for a simple element; {@code repetition} 0 if single). */
        void element(X12Rule rule, String tag, String loopId, int element, int component, int repetition,
                     String reference, String badValue);
    }

    private final Guide guide;
    private Frame[] stack = new Frame[8];
    private int depth;

    /** Pending absences found while looking for a segment's place; reported only once the place is found. */
    private X12Rule[] pendingRules = new X12Rule[16];
    private String[] pendingTags = new String[16];
    private String[] pendingLoops = new String[16];
    private int pending;

    private boolean[] present = new boolean[32];
    /** Which components of the composite being checked hold a value (reused: composites are checked one by one). */
    private boolean[] componentPresent = new boolean[16];

    GuideValidator(Guide guide) {
        this.guide = guide;
    }

    /** One open loop: where in it the last segment was, and how often each slot and alternative was used. */
    private static final class Frame {
        Guide.Loop loop;
        boolean guided;
        int slot;
        int[] uses = new int[0];

        void enter(Guide.Loop loop, boolean guided) {
            this.loop = loop;
            this.guided = guided;
            this.slot = 0;
            if (uses.length < loop.counters) {
                uses = new int[loop.counters];
            } else {
                java.util.Arrays.fill(uses, 0, loop.counters, 0);
            }
        }
    }

    /** Starts a transaction set (after its ST). */
    void startSet() {
        depth = 0;
        push(guide.root, true);
        stack[0].slot = 0;
    }

    /** Ends the set at its SE: whatever is still required and missing is reported on the SE. */
    void endSet(Sink sink) {
        if (depth == 0) {
            return;
        }
        pending = 0;
        for (int d = depth - 1; d >= 0; d--) {
            Frame f = stack[d];
            for (int s = Math.max(f.slot, 0); s < f.loop.slots.length; s++) {
                absences(f, s, "SE");
            }
        }
        flushPending(sink);
        depth = 0;
    }

    /** Validates the next segment of the set (not ST or SE). */
    void segment(RawSegment segment, Sink sink) {
        if (depth == 0) {
            return;
        }
        String tag = segment.tag();
        pending = 0;
        int foundDepth = -1;
        int foundSlot = -1;
        for (int d = depth - 1; d >= 0 && foundDepth < 0; d--) {
            Frame f = stack[d];
            Guide.Slot[] slots = f.loop.slots;
            for (int s = Math.max(f.slot, 0); s < slots.length; s++) {
                // slot 0 of a loop is its first segment: seen again, it starts the next occurrence (in the parent)
                if (slots[s].tag.equals(tag) && !(s == 0 && d > 0)) {
                    foundDepth = d;
                    foundSlot = s;
                    break;
                }
                absences(f, s, tag);
            }
        }
        if (foundDepth < 0) {
            pending = 0;
            outOfPlace(segment, sink);
            return;
        }
        flushPending(sink);
        depth = foundDepth + 1;
        Frame f = stack[foundDepth];
        f.slot = foundSlot;
        Guide.Slot slot = f.loop.slots[foundSlot];
        if (!slot.loop) {
            placeSegment(f, slot, segment, sink, false);
            return;
        }
        int used = ++f.uses[slot.counter];
        Guide.Loop chosen = f.guided ? chooseLoop(slot.alternatives, segment) : null;
        boolean over = used > slot.standardMax;
        if (chosen != null && !over) {
            over = ++f.uses[chosen.counter] > chosen.max;
        } else if (chosen != null) {
            f.uses[chosen.counter]++;
        }
        Guide.Loop entered = chosen != null ? chosen : (Guide.Loop) slot.standard;
        if (over) {
            sink.segment(X12Rule.LOOP_OVER_MAXIMUM, tag, entered.id, false);
        }
        if (chosen == null && f.guided) {
            sink.segment(X12Rule.SEGMENT_NOT_USED, tag, entered.id, false);
        }
        push(entered, chosen != null);
        Frame inner = stack[depth - 1];
        inner.uses[entered.slots[0].counter] = 0; // counted by placeSegment
        placeSegment(inner, entered.slots[0], segment, sink, false);
    }

    private void placeSegment(Frame f, Guide.Slot slot, RawSegment segment, Sink sink, boolean outOfSequence) {
        String tag = segment.tag();
        String loopId = loopId(f);
        if (outOfSequence) {
            sink.segment(X12Rule.SEGMENT_OUT_OF_SEQUENCE, tag, loopId, false);
        }
        boolean over = ++f.uses[slot.counter] > slot.standardMax;
        Guide.Segment chosen = f.guided ? chooseSegment(slot.alternatives, segment) : null;
        if (chosen != null && ++f.uses[chosen.counter] > chosen.max) {
            over = true;
        }
        if (over) {
            sink.segment(X12Rule.SEGMENT_OVER_MAXIMUM, tag, loopId, false);
        }
        if (chosen == null && f.guided) {
            sink.segment(X12Rule.SEGMENT_NOT_USED, tag, loopId, false);
        }
        elements(segment, chosen != null ? chosen : (Guide.Segment) slot.standard, loopId, sink);
    }

    /** A segment with no place after the current one: out of sequence in the current loop, or unexpected. */
    private void outOfPlace(RawSegment segment, Sink sink) {
        Frame top = stack[depth - 1];
        Guide.Slot[] slots = top.loop.slots;
        for (int s = depth > 1 ? 1 : 0; s < Math.max(top.slot, 0); s++) {
            if (!slots[s].loop && slots[s].tag.equals(segment.tag())) {
                placeSegment(top, slots[s], segment, sink, true);
                return;
            }
        }
        X12Rule rule = guide.knows(segment.tag()) ? X12Rule.SEGMENT_UNEXPECTED : X12Rule.SEGMENT_NOT_IN_SET;
        sink.segment(rule, segment.tag(), loopId(top), false);
    }

    private void push(Guide.Loop loop, boolean guided) {
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        if (stack[depth] == null) {
            stack[depth] = new Frame();
        }
        stack[depth].enter(loop, guided);
        depth++;
    }

    private static String loopId(Frame f) {
        return f.loop.id.isEmpty() ? null : f.loop.id;
    }

    /** What passing slot {@code s} of {@code f} leaves missing, noticed at the segment tagged {@code noticedAt}. */
    private void absences(Frame f, int s, String noticedAt) {
        Guide.Slot slot = f.loop.slots[s];
        int used = f.uses[slot.counter];
        if (used < slot.standardMin) {
            String loop = slot.loop ? ((Guide.Loop) (slot.alternatives.length > 0 && f.guided
                    ? slot.alternatives[0] : slot.standard)).id : loopId(f);
            addPending(X12Rule.SEGMENT_MISSING, slot.tag, loop);
            return;
        }
        if (!f.guided) {
            return;
        }
        for (Object alternative : slot.alternatives) {
            if (alternative instanceof Guide.Segment seg) {
                if (f.uses[seg.counter] < seg.min) {
                    addPending(X12Rule.SEGMENT_UNDER_MINIMUM, slot.tag, loopId(f));
                }
            } else {
                Guide.Loop loop = (Guide.Loop) alternative;
                if (f.uses[loop.counter] < loop.min) {
                    addPending(X12Rule.LOOP_UNDER_MINIMUM, noticedAt, loop.id);
                }
            }
        }
    }

    private void addPending(X12Rule rule, String tag, String loop) {
        if (pending == pendingRules.length) {
            pendingRules = java.util.Arrays.copyOf(pendingRules, pending * 2);
            pendingTags = java.util.Arrays.copyOf(pendingTags, pending * 2);
            pendingLoops = java.util.Arrays.copyOf(pendingLoops, pending * 2);
        }
        pendingRules[pending] = rule;
        pendingTags[pending] = tag;
        pendingLoops[pending] = loop;
        pending++;
    }

    private void flushPending(Sink sink) {
        for (int i = 0; i < pending; i++) {
            sink.segment(pendingRules[i], pendingTags[i], pendingLoops[i], true);
        }
        pending = 0;
    }

    private static Guide.Segment chooseSegment(Object[] alternatives, RawSegment segment) {
        for (Object alternative : alternatives) {
            Guide.Segment s = (Guide.Segment) alternative;
            if (matches(s.discriminator, segment)) {
                return s;
            }
        }
        return null;
    }

    private static Guide.Loop chooseLoop(Object[] alternatives, RawSegment segment) {
        for (Object alternative : alternatives) {
            Guide.Loop l = (Guide.Loop) alternative;
            if (matches(l.discriminator, segment)) {
                return l;
            }
        }
        return null;
    }

    private static boolean matches(Discriminator discriminator, RawSegment segment) {
        if (discriminator == null) {
            return true;
        }
        String value = segment.component(discriminator.getElementPosition(),
                Math.max(discriminator.getComponentPosition(), 1));
        return discriminator.getValueSet().contains(value);
    }

    // ---- elements -----------------------------------------------------------------------------------------------

    private void elements(RawSegment segment, Guide.Segment definition, String loopId, Sink sink) {
        String tag = segment.tag();
        List<List<List<String>>> values = segment.elements();
        Guide.Element[] defs = definition.elements;
        int n = values.size();
        int positions = Math.max(n, defs.length);
        if (present.length < positions + 1) {
            present = new boolean[positions + 1];
        }
        for (int i = 0; i < positions; i++) {
            boolean has = i < n && hasValue(values.get(i));
            present[i + 1] = has;
            if (i >= defs.length) {
                if (has) {
                    sink.element(X12Rule.ELEMENT_TOO_MANY, tag, loopId, i + 1, 0, 0, null, null);
                }
                continue;
            }
            Guide.Element e = defs[i];
            if (!has) {
                if (e.required) {
                    sink.element(X12Rule.ELEMENT_MISSING, tag, loopId, i + 1, 0, 0, e.reference, null);
                }
                continue;
            }
            if (!e.used) {
                sink.element(X12Rule.ELEMENT_NOT_USED, tag, loopId, i + 1, 0, 0, e.reference, null);
                continue;
            }
            List<List<String>> repetitions = values.get(i);
            int count = repetitions.size();
            if (count > e.maxRepeat) {
                sink.element(X12Rule.ELEMENT_TOO_MANY_REPETITIONS, tag, loopId, i + 1, 0, e.maxRepeat + 1,
                        e.reference, null);
            }
            for (int r = 0; r < count; r++) {
                int repetition = count > 1 ? r + 1 : 0;
                List<String> components = repetitions.get(r);
                if (e.simple != null) {
                    if (components.size() > 1) {
                        sink.element(X12Rule.ELEMENT_TOO_MANY_COMPONENTS, tag, loopId, i + 1, 0, repetition,
                                e.reference, null);
                    }
                    String value = components.isEmpty() ? "" : components.get(0);
                    if (!value.isEmpty()) {
                        value(e.simple, value, tag, loopId, i + 1, 0, repetition, e.reference, sink);
                    }
                } else if (!e.open) {
                    composite(e, components, tag, loopId, i + 1, repetition, sink);
                }
            }
        }
        int last = Math.min(n, defs.length);
        for (EDISyntaxRule rule : definition.syntax) {
            applySyntax(rule, present, last, tag, loopId, 0, sink);
        }
    }

    private void composite(Guide.Element e, List<String> components, String tag, String loopId, int position,
                           int repetition, Sink sink) {
        boolean any = false;
        for (String c : components) {
            if (!c.isEmpty()) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        Guide.Element[] parts = e.components;
        if (components.size() > parts.length) {
            sink.element(X12Rule.ELEMENT_TOO_MANY_COMPONENTS, tag, loopId, position, parts.length + 1, repetition,
                    e.reference, null);
        }
        if (componentPresent.length < parts.length + 1) {
            componentPresent = new boolean[parts.length + 1];
        }
        boolean[] had = componentPresent;
        java.util.Arrays.fill(had, false);
        for (int c = 0; c < parts.length; c++) {
            String value = c < components.size() ? components.get(c) : "";
            Guide.Element part = parts[c];
            if (value.isEmpty()) {
                if (part.required) {
                    sink.element(X12Rule.ELEMENT_MISSING, tag, loopId, position, c + 1, repetition, part.reference,
                            null);
                }
                continue;
            }
            had[c + 1] = true;
            if (!part.used) {
                sink.element(X12Rule.ELEMENT_NOT_USED, tag, loopId, position, c + 1, repetition, part.reference,
                        null);
                continue;
            }
            value(part.simple, value, tag, loopId, position, c + 1, repetition, part.reference, sink);
        }
        for (EDISyntaxRule rule : e.syntax) {
            applySyntax(rule, had, parts.length, tag, loopId, position, sink);
        }
    }

    /**
     * One syntax note over presence flags (index = position). {@code composite} is the element position when the
     * positions are a composite's components, 0 when they are a segment's elements.
     */
    private static void applySyntax(EDISyntaxRule rule, boolean[] had, int last, String tag, String loopId,
                                    int composite, Sink sink) {
        List<Integer> positions = rule.getPositions();
        int count = 0;
        boolean anchor = false;
        for (int k = 0; k < positions.size(); k++) {
            int p = positions.get(k);
            if (p <= last && had[p]) {
                count++;
                if (k == 0) {
                    anchor = true;
                }
            }
        }
        boolean missing;
        boolean excluded;
        switch (rule.getType()) {
            case PAIRED -> {
                missing = count > 0 && count < positions.size();
                excluded = false;
            }
            case REQUIRED -> {
                missing = count < 1;
                excluded = false;
            }
            case EXCLUSION -> {
                missing = false;
                excluded = count > 1;
            }
            case CONDITIONAL -> {
                missing = anchor && count < positions.size();
                excluded = false;
            }
            case LIST -> {
                missing = anchor && count == 1;
                excluded = false;
            }
            case SINGLE -> {
                missing = count == 0;
                excluded = count > 1;
            }
            case FIRSTONLY -> {
                missing = false;
                excluded = anchor && count > 1;
            }
            default -> {
                missing = false;
                excluded = false;
            }
        }
        if (missing) {
            for (int p : positions) {
                if (!(p <= last && had[p])) {
                    report(X12Rule.ELEMENT_CONDITIONAL_MISSING, tag, loopId, composite, p, sink);
                }
            }
        }
        if (excluded) {
            int tally = 0;
            for (int p : positions) {
                if (p <= last && had[p] && ++tally > 1) {
                    report(X12Rule.ELEMENT_EXCLUSION, tag, loopId, composite, p, sink);
                }
            }
        }
    }

    private static void report(X12Rule rule, String tag, String loopId, int composite, int position, Sink sink) {
        if (composite > 0) {
            sink.element(rule, tag, loopId, composite, position, 0, null, null);
        } else {
            sink.element(rule, tag, loopId, position, 0, 0, null, null);
        }
    }

    private static boolean hasValue(List<List<String>> element) {
        for (List<String> repetition : element) {
            for (String component : repetition) {
                if (!component.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- values -------------------------------------------------------------------------------------------------

    private static void value(Guide.Simple type, String value, String tag, String loopId, int element, int component,
                              int repetition, String reference, Sink sink) {
        int length = value.length();
        switch (type.base()) {
            case NUMERIC, DECIMAL -> {
                boolean numeric = type.base() == io.xlate.edi.schema.EDISimpleType.Base.NUMERIC;
                int size = significant(value, numeric);
                length(type, size, tag, loopId, element, component, repetition, reference, value, sink);
                if (size > 0 && !(numeric ? isNumeric(value) : isDecimal(value))) {
                    sink.element(X12Rule.ELEMENT_INVALID_CHARACTER, tag, loopId, element, component, repetition,
                            reference, value);
                }
            }
            case DATE -> {
                boolean fits = length(type, length, tag, loopId, element, component, repetition, reference, value,
                        sink);
                if (!fits || length % 2 != 0 || !validDate(value)) {
                    sink.element(X12Rule.ELEMENT_INVALID_DATE, tag, loopId, element, component, repetition,
                            reference, value);
                }
            }
            case TIME -> {
                boolean fits = length(type, length, tag, loopId, element, component, repetition, reference, value,
                        sink);
                if (!fits || (length < 6 && length % 2 != 0) || !validTime(value)) {
                    sink.element(X12Rule.ELEMENT_INVALID_TIME, tag, loopId, element, component, repetition,
                            reference, value);
                }
            }
            default -> {
                boolean fits = length(type, length, tag, loopId, element, component, repetition, reference, value,
                        sink);
                if (!type.standardValues().isEmpty() && !type.standardValues().contains(value)) {
                    sink.element(X12Rule.ELEMENT_INVALID_CODE, tag, loopId, element, component, repetition,
                            reference, value);
                    return;
                }
                if (!characters(value)) {
                    sink.element(X12Rule.ELEMENT_INVALID_CHARACTER, tag, loopId, element, component, repetition,
                            reference, value);
                    return;
                }
                if (fits && !type.guideValues().isEmpty() && !type.guideValues().contains(value)) {
                    sink.element(X12Rule.ELEMENT_CODE_NOT_USED, tag, loopId, element, component, repetition,
                            reference, value);
                }
            }
        }
    }

    private static boolean length(Guide.Simple type, int length, String tag, String loopId, int element,
                                  int component, int repetition, String reference, String value, Sink sink) {
        if (length > type.maxLength()) {
            sink.element(X12Rule.ELEMENT_TOO_LONG, tag, loopId, element, component, repetition, reference, value);
            return false;
        }
        if (length < type.minLength()) {
            sink.element(X12Rule.ELEMENT_TOO_SHORT, tag, loopId, element, component, repetition, reference, value);
            return false;
        }
        return true;
    }

    /** The length X12 counts for an N or R value: without its sign, decimal point or exponent mark. */
    static int significant(String value, boolean numeric) {
        int n = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '-' || (!numeric && (c == '.' || c == 'E'))) {
                n--;
            }
        }
        return n;
    }

    /** An N value: digits, optionally after a minus sign. */
    static boolean isNumeric(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        if (start == value.length()) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** An R value: an optional minus sign, digits with at most one decimal point, an optional exponent. */
    static boolean isDecimal(String value) {
        int digits = 0;
        int points = 0;
        int exponents = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == 'E') {
                if (++exponents > 1 || digits == 0) {
                    return false;
                }
            } else if (c == '-') {
                if (i > 0 && value.charAt(i - 1) != 'E') {
                    return false;
                }
            } else if (c == '.') {
                if (++points > 1 || exponents > 0) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return digits > 0 && !value.endsWith("E") && !value.endsWith("-");
    }

    /**
     * Whether a value keeps to the X12 basic and extended character sets: printable ASCII. Control characters,
     * NUL, DEL and any byte above 0x7E (UTF-8 or Latin-1 letters, UTF-16 halves) are not.
     */
    static boolean characters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static boolean validDate(String value) {
        int n = value.length();
        if (n != 6 && n != 8) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        int year = Integer.parseInt(value.substring(0, n - 4));
        int month = Integer.parseInt(value.substring(n - 4, n - 2));
        int day = Integer.parseInt(value.substring(n - 2));
        if (n == 6) {
            year += 2000;
        }
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    static boolean validTime(String value) {
        int n = value.length();
        if (n < 4) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        int hour = Integer.parseInt(value.substring(0, 2));
        int minute = Integer.parseInt(value.substring(2, 4));
        int second = n >= 6 ? Integer.parseInt(value.substring(4, 6)) : 0;
        return hour < 24 && minute < 60 && second < 60;
    }
}
