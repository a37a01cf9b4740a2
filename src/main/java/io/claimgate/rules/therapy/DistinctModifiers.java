package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Rule {@code CPT97530-DISTINCT-DOUBLE}: see {@link TherapyRule}. Corrected by removing 59. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctModifiers.Validator.class)
public @interface DistinctModifiers {
    String message() default "{io.claimgate.rule.CPT97530-DISTINCT-DOUBLE}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<DistinctModifiers, LineReview> {
        @Override
        void check(LineReview line, RuleContext context, Faults faults) {
            if (line.is97530() && line.modifiers().contains("59") && line.hasAny(LineReview.X_MODIFIERS)) {
                faults.add(Hit.modifierFix(TherapyRule.DISTINCT_DOUBLE, line, Correction.Action.REMOVE_MODIFIER,
                        "59"));
            }
        }
    }
}
