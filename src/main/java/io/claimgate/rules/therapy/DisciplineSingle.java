package io.claimgate.rules.therapy;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rule {@code CPT97530-DISCIPLINE-CONFLICT}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DisciplineSingle.Validator.class)
public @interface DisciplineSingle {
    String message() default "{io.claimgate.rule.CPT97530-DISCIPLINE-CONFLICT}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<DisciplineSingle, LineReview> {
        @Override
        void check(LineReview line, RuleContext context, Faults faults) {
        if (line.is97530() && line.modifiers().stream().filter(LineReview.DISCIPLINES::contains).count() > 1) {
            faults.add(Hit.line(TherapyRule.DISCIPLINE_CONFLICT, line, 1, 0));
        }
        }
    }
}
