package io.claimgate.rules.therapy;

import io.claimgate.config.ReferenceTables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Discipline modifiers of a 97530 line: which one can be derived, and which modifiers stay after the removals. */
final class Disciplines {
    private Disciplines() {
    }

    /**
     * The discipline for a line without one: the line's rendering provider taxonomy (2420A), the claim's rendering
     * provider taxonomy (2310B), the billing provider taxonomy (2000A), else the one discipline modifier every other
     * therapy line of the claim carries.
     */
    static Optional<String> derive(ClaimReview claim, LineReview line, ReferenceTables tables) {
        return tables.discipline(line.renderingTaxonomy())
                .or(() -> tables.discipline(claim.renderingTaxonomy()))
                .or(() -> tables.discipline(claim.billingTaxonomy()))
                .or(() -> fromOtherLines(claim, line, tables));
    }

    /** The line's discipline modifier as it will be after correction (its own, else the derived one). */
    static Optional<String> effective(ClaimReview claim, LineReview line, ReferenceTables tables) {
        return line.modifiers().stream().filter(LineReview.DISCIPLINES::contains).findFirst()
                .or(() -> derive(claim, line, tables));
    }

    /**
     * The modifiers that stay after the catalogued removals: 59 next to an X modifier, and 51 when no other
     * modifier of the line is invalid (then the line is rejected and nothing is removed).
     */
    static List<String> kept(List<String> modifiers) {
        List<String> kept = new ArrayList<>(modifiers);
        if (kept.contains("59") && kept.stream().anyMatch(LineReview.X_MODIFIERS::contains)) {
            kept.remove("59");
        }
        if (kept.contains("51") && kept.stream().noneMatch(ModifierAllowed.Validator.NOT_FOR_97530::contains)) {
            kept.remove("51");
        }
        return kept;
    }

    private static Optional<String> fromOtherLines(ClaimReview claim, LineReview line, ReferenceTables tables) {
        Set<String> seen = new HashSet<>();
        for (LineReview other : claim.lines()) {
            boolean therapy = tables.timedCodes().contains(other.code()) || tables.untimedCodes().contains(other.code());
            if (other == line || !therapy) {
                continue;
            }
            other.modifiers().stream().filter(LineReview.DISCIPLINES::contains).forEach(seen::add);
            if (!other.hasAny(LineReview.DISCIPLINES)) {
                return Optional.empty();
            }
        }
        return seen.size() == 1 ? Optional.of(seen.iterator().next()) : Optional.empty();
    }
}
