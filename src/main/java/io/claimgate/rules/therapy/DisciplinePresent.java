package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Rule {@code CPT97530-DISCIPLINE-MISSING}: see {@link TherapyRule}. The modifier is derived from, in order: the
 * line's rendering provider taxonomy (2420A), the claim's rendering provider taxonomy (2310B), the billing
 * provider taxonomy (2000A), else the one discipline modifier every other therapy line of the claim carries.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DisciplinePresent.Validator.class)
public @interface DisciplinePresent {
    String message() default "{io.claimgate.rule.CPT97530-DISCIPLINE-MISSING}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<DisciplinePresent, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
            for (LineReview line : claim.lines()) {
                if (!line.is97530() || line.hasAny(LineReview.DISCIPLINES)) {
                    continue;
                }
                Optional<String> derived = context.tables().discipline(line.renderingTaxonomy())
                        .or(() -> context.tables().discipline(claim.renderingTaxonomy()))
                        .or(() -> context.tables().discipline(claim.billingTaxonomy()))
                        .or(() -> fromOtherLines(claim, line, context));
                if (derived.isPresent() && line.modifiers().size() < 4) {
                    faults.add(Hit.modifierFix(TherapyRule.DISCIPLINE_MISSING, line,
                            Correction.Action.ADD_MODIFIER, derived.get()));
                } else {
                    faults.add(Hit.line(TherapyRule.DISCIPLINE_MISSING, line, 1, 0));
                }
            }
        }

        /** The discipline modifier all other therapy lines share, when they all carry the same single one. */
        private static Optional<String> fromOtherLines(ClaimReview claim, LineReview line, RuleContext context) {
            Set<String> seen = new HashSet<>();
            for (LineReview other : claim.lines()) {
                boolean therapy = context.tables().timedCodes().contains(other.code())
                        || context.tables().untimedCodes().contains(other.code());
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
}
