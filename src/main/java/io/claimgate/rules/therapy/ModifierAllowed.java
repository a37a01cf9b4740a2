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

/** Rule {@code CPT97530-MODIFIER-INVALID}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ModifierAllowed.Validator.class)
public @interface ModifierAllowed {
    String message() default "{io.claimgate.rule.CPT97530-MODIFIER-INVALID}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<ModifierAllowed, LineReview> {
    /** Modifiers with no meaning on 97530 (PFS indicators; CPM §20.2 one line per date; 51: MPPR is automatic). */
    static final Set<String> NOT_FOR_97530 = Set.of("26", "TC", "50", "62", "66", "80", "81", "82", "AS", "76", "77");

        @Override
        void check(LineReview line, RuleContext context, Faults faults) {
        if (!line.is97530()) {
            return;
        }
        boolean invalid = false;
        for (String m : line.modifiers()) {
            if (NOT_FOR_97530.contains(m)) {
                faults.add(Hit.line(TherapyRule.MODIFIER_INVALID, line, 1, line.modifierComponent(m)));
                invalid = true;
            }
        }
        if (!invalid && line.modifiers().contains("51")) {
            // therapy MPPR is applied by the payer on its own: 51 alone is taken out
            faults.add(Hit.modifierFix(TherapyRule.MODIFIER_INVALID, line,
                    io.claimgate.finding.Correction.Action.REMOVE_MODIFIER, "51"));
        }
        }
    }
}
