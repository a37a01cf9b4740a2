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

/** Rule {@code CPT97530-CHARGE}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ChargePositive.Validator.class)
public @interface ChargePositive {
    String message() default "{io.claimgate.rule.CPT97530-CHARGE}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<ChargePositive, LineReview> {
        @Override
        void check(LineReview line, RuleContext context, Faults faults) {
        if (line.is97530() && line.charge() != null && line.charge().signum() <= 0) {
            faults.add(Hit.line(TherapyRule.CHARGE, line, 2, 0));
        }
        }
    }
}
