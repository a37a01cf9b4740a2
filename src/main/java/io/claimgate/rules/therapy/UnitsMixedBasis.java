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

/** Rule {@code CPT97530-UNITS-MIXED-BASIS}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UnitsMixedBasis.Validator.class)
public @interface UnitsMixedBasis {
    String message() default "{io.claimgate.rule.CPT97530-UNITS-MIXED-BASIS}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<UnitsMixedBasis, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
        // per date: are the timed lines in minutes and units at once?
        Map<String, Set<String>> bases = new HashMap<>();
        for (LineReview l : claim.lines()) {
            if (context.tables().timedCodes().contains(l.code()) && ("MJ".equals(l.basis()) || "UN".equals(l.basis()))) {
                bases.computeIfAbsent(l.date(), d -> new HashSet<>()).add(l.basis());
            }
        }
        for (LineReview l : claim.lines()) {
            if (l.is97530() && "MJ".equals(l.basis()) && bases.getOrDefault(l.date(), Set.of()).size() > 1) {
                faults.add(Hit.line(TherapyRule.UNITS_MIXED_BASIS, l, 3, 0));
            }
        }
        }
    }
}
