package io.claimgate.x12;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.EDISyntaxRule;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.implementation.CompositeImplementation;
import io.xlate.edi.schema.implementation.Discriminator;
import io.xlate.edi.schema.implementation.EDITypeImplementation;
import io.xlate.edi.schema.implementation.LoopImplementation;
import io.xlate.edi.schema.implementation.PolymorphicImplementation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An implementation guide compiled for validation: the transaction's loops and segments as read from a StAEDI
 * schema (the same generated schema StAEDI validates with), in arrays a {@link GuideValidator} walks without
 * allocating. Immutable; one per schema, shared by every thread.
 *
 * <p>Each loop's children are <em>slots</em>, one per position of the standard transaction; a slot holds the
 * guide's alternatives for that position (the implementation loops or segments that use it, told apart by a
 * discriminator value such as NM101 or HL03) and a standard-only fallback used when no alternative fits.
 */
final class Guide {
    private static final Map<Schema, Guide> COMPILED = new ConcurrentHashMap<>();

    final Loop root;
    /** Every segment tag the schema defines (a tag outside it is not in the transaction set at all). */
    private final Set<String> knownTags;

    private Guide(Schema schema) {
        EDIComplexType standard = schema.getStandard();
        LoopImplementation implementation = schema.getImplementation();
        this.root = loop(standard, implementation, "", 1, 1);
        Set<String> tags = new HashSet<>();
        collectTags(standard, tags);
        this.knownTags = Set.copyOf(tags);
    }

    /** The guide of {@code schema}, compiled on first use. */
    static Guide of(Schema schema) {
        return COMPILED.computeIfAbsent(schema, Guide::new);
    }

    boolean knows(String tag) {
        return knownTags.contains(tag);
    }

    /** A loop: its slots, in the standard's order. Slot 0 holds the loop's first (trigger) segment. */
    static final class Loop {
        final String id;
        final int min;
        final int max;
        final Discriminator discriminator;
        final Slot[] slots;
        /** Counter index of this loop among the alternatives of its parent loop (see {@link #counters}). */
        int counter;
        /** Number of counters a frame of this loop needs: one per slot and one per alternative. */
        int counters;

        Loop(String id, int min, int max, Discriminator discriminator, Slot[] slots) {
            this.id = id;
            this.min = min;
            this.max = max;
            this.discriminator = discriminator;
            this.slots = slots;
        }

        String trigger() {
            return slots.length == 0 ? null : slots[0].tag;
        }
    }

    /** One position of the standard transaction within a loop. */
    static final class Slot {
        final String tag;
        final boolean loop;
        final int standardMin;
        final int standardMax;
        /** The guide's segments ({@link Segment}) or loops ({@link Loop}) for this position; may be empty. */
        final Object[] alternatives;
        /** The standard's own definition, for data the guide has no alternative for. */
        final Object standard;
        /** Counter index of the slot's own use count. */
        int counter;

        Slot(String tag, boolean loop, int standardMin, int standardMax, Object[] alternatives, Object standard) {
            this.tag = tag;
            this.loop = loop;
            this.standardMin = standardMin;
            this.standardMax = standardMax;
            this.alternatives = alternatives;
            this.standard = standard;
        }
    }

    /** A segment as the guide (or the standard) defines it at one place. */
    static final class Segment {
        final String tag;
        final int min;
        final int max;
        final Discriminator discriminator;
        /** By position - 1; as many as the standard segment has. */
        final Element[] elements;
        final List<EDISyntaxRule> syntax;
        /** Whether this is the guide's definition (element usage and code values apply) or the standard's. */
        final boolean implementation;
        int counter;

        Segment(String tag, int min, int max, Discriminator discriminator, Element[] elements,
                List<EDISyntaxRule> syntax, boolean implementation) {
            this.tag = tag;
            this.min = min;
            this.max = max;
            this.discriminator = discriminator;
            this.elements = elements;
            this.syntax = syntax;
            this.implementation = implementation;
        }
    }

    /**
     * An element (or a component) at one position. {@code used} is false where the guide marks the position not
     * used; {@code required} where the standard or the guide requires it.
     */
    static final class Element {
        final boolean used;
        final boolean required;
        final int maxRepeat;
        /** Null for a composite. */
        final Simple simple;
        /** Components of a composite (by position - 1); null for a simple element. */
        final Element[] components;
        /** A composite whose components the schema leaves open ({@code <any>}). */
        final boolean open;
        final List<EDISyntaxRule> syntax;
        /** Data element reference for the 999's IK404 (e.g. 355), or the composite's id (C003). */
        final String reference;

        Element(boolean used, boolean required, int maxRepeat, Simple simple, Element[] components,
                boolean open, List<EDISyntaxRule> syntax, String reference) {
            this.used = used;
            this.required = required;
            this.maxRepeat = maxRepeat;
            this.simple = simple;
            this.components = components;
            this.open = open;
            this.syntax = syntax;
            this.reference = reference;
        }
    }

    /** A simple element's type: base, lengths, the standard's code values and the guide's (empty: any). */
    record Simple(EDISimpleType.Base base, int minLength, int maxLength, Set<String> standardValues,
                  Set<String> guideValues) {
    }

    // ---- compiling ----------------------------------------------------------------------------------------------

    private static Loop loop(EDIComplexType standard, PolymorphicImplementation implementation, String id, int min,
                             int max) {
        List<EDIReference> references = standard.getReferences();
        List<EDITypeImplementation> sequence = implementation == null ? List.of() : implementation.getSequence();
        List<Slot> slots = new ArrayList<>();
        int next = 0;
        for (EDIReference reference : references) {
            EDIType type = reference.getReferencedType();
            List<EDITypeImplementation> uses = new ArrayList<>();
            while (implementation != null && next < sequence.size()) {
                EDITypeImplementation candidate = sequence.get(next);
                if (candidate == null) {
                    next++;
                    continue;
                }
                if (!sameType(candidate, type)) {
                    break;
                }
                uses.add(candidate);
                next++;
            }
            if (type.getType() == EDIType.Type.LOOP) {
                EDIComplexType loopType = (EDIComplexType) type;
                Loop standardLoop = loop(loopType, null, X12Schemas.loopId(loopType.getCode()),
                        reference.getMinOccurs(), reference.getMaxOccurs());
                List<Loop> alternatives = new ArrayList<>();
                for (EDITypeImplementation use : uses) {
                    alternatives.add(loop(loopType, (PolymorphicImplementation) use, X12Schemas.loopId(use.getCode()),
                            use.getMinOccurs(), use.getMaxOccurs()));
                }
                slots.add(new Slot(standardLoop.trigger(), true, reference.getMinOccurs(), reference.getMaxOccurs(),
                        alternatives.toArray(), standardLoop));
            } else {
                EDIComplexType segmentType = (EDIComplexType) type;
                Segment standardSegment = segment(segmentType, null, reference.getMinOccurs(),
                        reference.getMaxOccurs());
                List<Segment> alternatives = new ArrayList<>();
                for (EDITypeImplementation use : uses) {
                    alternatives.add(segment(segmentType, (PolymorphicImplementation) use, use.getMinOccurs(),
                            use.getMaxOccurs()));
                }
                slots.add(new Slot(segmentType.getCode(), false, reference.getMinOccurs(), reference.getMaxOccurs(),
                        alternatives.toArray(), standardSegment));
            }
        }
        Discriminator discriminator = implementation == null ? null : implementation.getDiscriminator();
        Loop loop = new Loop(id, min, max, discriminator, slots.toArray(new Slot[0]));
        number(loop);
        return loop;
    }

    /** Gives every slot and alternative of {@code loop} its counter index. */
    private static void number(Loop loop) {
        int n = 0;
        for (Slot slot : loop.slots) {
            slot.counter = n++;
            for (Object alternative : slot.alternatives) {
                if (alternative instanceof Segment s) {
                    s.counter = n++;
                } else {
                    ((Loop) alternative).counter = n++;
                }
            }
            if (slot.standard instanceof Segment s) {
                s.counter = slot.counter;
            } else {
                ((Loop) slot.standard).counter = slot.counter;
            }
        }
        loop.counters = n;
    }

    private static boolean sameType(EDITypeImplementation implementation, EDIType standard) {
        EDIType referenced = implementation.getReferencedType();
        return referenced != null && referenced.getType() == standard.getType()
                && referenced.getCode().equals(standard.getCode());
    }

    private static Segment segment(EDIComplexType standard, PolymorphicImplementation implementation, int min,
                                   int max) {
        List<EDIReference> references = standard.getReferences();
        List<EDITypeImplementation> sequence = implementation == null ? null : implementation.getSequence();
        Element[] elements = new Element[references.size()];
        for (int i = 0; i < references.size(); i++) {
            EDITypeImplementation use = sequence == null ? null : i < sequence.size() ? sequence.get(i) : null;
            elements[i] = element(references.get(i), use, implementation != null);
        }
        return new Segment(standard.getCode(), min, max,
                implementation == null ? null : implementation.getDiscriminator(), elements,
                List.copyOf(standard.getSyntaxRules()), implementation != null);
    }

    private static Element element(EDIReference reference, EDITypeImplementation use, boolean guided) {
        EDIType type = reference.getReferencedType();
        boolean used = !guided || use != null;
        boolean required = reference.getMinOccurs() > 0 || (use != null && use.getMinOccurs() > 0);
        int maxRepeat = use != null ? Math.max(1, use.getMaxOccurs()) : Math.max(1, reference.getMaxOccurs());
        if (type instanceof EDISimpleType simple) {
            Set<String> guideValues = use instanceof EDISimpleType implemented ? implemented.getValueSet() : Set.of();
            return new Element(used, required, maxRepeat, simple(simple, guideValues), null, false,
                    List.of(), simple.getCode());
        }
        EDIComplexType composite = (EDIComplexType) type;
        List<EDIReference> parts = composite.getReferences();
        List<EDITypeImplementation> partUses = use instanceof CompositeImplementation c ? c.getSequence() : null;
        List<Element> components = new ArrayList<>();
        boolean open = false;
        for (int i = 0; i < parts.size(); i++) {
            EDIReference part = parts.get(i);
            if (!(part.getReferencedType() instanceof EDISimpleType)) {
                open = true; // <any>: components not defined by the schema
                break;
            }
            EDITypeImplementation partUse = partUses == null ? null : i < partUses.size() ? partUses.get(i) : null;
            components.add(element(part, partUse, guided && use != null));
        }
        return new Element(used, required, maxRepeat, null, components.toArray(new Element[0]), open,
                List.copyOf(composite.getSyntaxRules()), composite.getCode());
    }

    private static Simple simple(EDISimpleType type, Set<String> guideValues) {
        return new Simple(type.getBase(), (int) Math.min(type.getMinLength(), Integer.MAX_VALUE),
                (int) Math.min(type.getMaxLength(), Integer.MAX_VALUE), Set.copyOf(type.getValueSet()),
                Set.copyOf(guideValues));
    }

    private static void collectTags(EDIComplexType type, Set<String> tags) {
        for (EDIReference reference : type.getReferences()) {
            EDIType child = reference.getReferencedType();
            if (child.getType() == EDIType.Type.SEGMENT) {
                tags.add(child.getCode());
            } else if (child.getType() == EDIType.Type.LOOP) {
                collectTags((EDIComplexType) child, tags);
            }
        }
    }
}
