package io.claimgate.x12;

import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.implementation.EDITypeImplementation;
import io.xlate.edi.schema.implementation.LoopImplementation;
import io.xlate.edi.schema.implementation.PolymorphicImplementation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which segment tags each implementation loop holds directly, read from the schema. A missing segment is reported
 * by StAEDI where its absence is noticed, often inside the next (child) loop; the 999 must name the loop the
 * segment belongs to, which is the innermost open loop that holds that tag.
 */
final class LoopIndex {
    private final Map<String, Set<String>> segmentsByLoop = new HashMap<>();

    LoopIndex(Schema schema) {
        if (schema != null && schema.getImplementation() != null) {
            walk(schema.getImplementation());
        }
    }

    private void walk(PolymorphicImplementation loop) {
        String loopId = X12Schemas.loopId(loop.getCode());
        Set<String> tags = segmentsByLoop.computeIfAbsent(loopId, k -> new HashSet<>());
        for (EDITypeImplementation child : loop.getSequence()) {
            if (child == null) {
                continue;
            }
            if (child instanceof LoopImplementation inner) {
                walk(inner);
            } else if (child.getType() == EDIType.Type.SEGMENT) {
                EDIType standard = child.getReferencedType();
                tags.add(standard != null ? standard.getCode() : child.getCode());
            }
        }
    }

    /** The innermost of {@code openLoops} (innermost first) that holds {@code tag}, or the innermost loop. */
    String owner(String tag, Iterable<String> openLoops) {
        String first = null;
        for (String loop : openLoops) {
            if (first == null) {
                first = loop;
            }
            Set<String> tags = segmentsByLoop.get(loop);
            if (tags != null && tags.contains(tag)) {
                return loop;
            }
        }
        return first;
    }
}
