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

/** Rule {@code CPT97530-GROUP-SAME-DAY}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = GroupSameDay.Validator.class)
public @interface GroupSameDay {
    String message() default "{io.claimgate.rule.CPT97530-GROUP-SAME-DAY}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<GroupSameDay, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
        for (LineReview l : claim.lines()) {
            if (!l.is97530() || l.hasAny(LineReview.DISTINCT)) {
                continue;
            }
            for (LineReview other : claim.lines()) {
                if ("97150".equals(other.code()) && other.date().equals(l.date()) && !other.hasAny(LineReview.DISTINCT)) {
                    faults.add(Hit.line(TherapyRule.GROUP_SAME_DAY, l, 1, 2));
                    break;
                }
            }
        }
        }
    }
}
