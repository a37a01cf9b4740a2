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

/** Rule {@code CPT97530-ASSISTANT-MISMATCH}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AssistantModifier.Validator.class)
public @interface AssistantModifier {
    String message() default "{io.claimgate.rule.CPT97530-ASSISTANT-MISMATCH}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<AssistantModifier, LineReview> {
        @Override
        void check(LineReview line, RuleContext context, Faults faults) {
        if (!line.is97530()) {
            return;
        }
        List<String> m = line.modifiers();
        if (m.contains("CQ") && !m.contains("GP")) {
            faults.add(Hit.line(TherapyRule.ASSISTANT_MISMATCH, line, 1, line.modifierComponent("CQ")));
        }
        if (m.contains("CO") && !m.contains("GO")) {
            faults.add(Hit.line(TherapyRule.ASSISTANT_MISMATCH, line, 1, line.modifierComponent("CO")));
        }
        }
    }
}
