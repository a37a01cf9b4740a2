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

/** Rule {@code CPT97530-ADDON-ORPHAN}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AddOnPrimary.Validator.class)
public @interface AddOnPrimary {
    String message() default "{io.claimgate.rule.CPT97530-ADDON-ORPHAN}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<AddOnPrimary, ClaimReview> {
    /** Primary codes 0770T may be billed with that claimgate checks (CPT; domain-facts.md §4.3). */
    static final Set<String> VR_PRIMARIES = Set.of("97110", "97112", "97129", "97150", "97530", "97533", "97535",
            "97537", "92507", "92508");

        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
        for (LineReview l : claim.lines()) {
            if (!"0770T".equals(l.code())) {
                continue;
            }
            boolean primary = claim.lines().stream()
                    .anyMatch(o -> o.date().equals(l.date()) && VR_PRIMARIES.contains(o.code()));
            if (!primary) {
                faults.add(Hit.line(TherapyRule.ADDON_ORPHAN, l, 1, 2));
            }
        }
        }
    }
}
