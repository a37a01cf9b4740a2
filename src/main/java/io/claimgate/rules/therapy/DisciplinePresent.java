package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

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
                Optional<String> derived = Disciplines.derive(claim, line, context.tables());
                if (derived.isPresent() && Disciplines.kept(line.modifiers()).size() < 4) {
                    faults.add(Hit.modifierFix(TherapyRule.DISCIPLINE_MISSING, line,
                            Correction.Action.ADD_MODIFIER, derived.get()));
                } else {
                    faults.add(Hit.line(TherapyRule.DISCIPLINE_MISSING, line, 1, 0));
                }
            }
        }

    }
}
