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

/** Rule {@code CPT97530-DX-POINTER}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DiagnosisPointers.Validator.class)
public @interface DiagnosisPointers {
    String message() default "{io.claimgate.rule.CPT97530-DX-POINTER}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<DiagnosisPointers, ClaimReview> {
        private static final java.util.regex.Pattern POINTER = java.util.regex.Pattern.compile("[0-9]{1,2}");

        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
        for (LineReview l : claim.lines()) {
            if (!l.is97530()) {
                continue;
            }
            for (int i = 0; i < l.pointers().size(); i++) {
                String p = l.pointers().get(i);
                int n = POINTER.matcher(p).matches() ? Integer.parseInt(p) : -1;
                if (n < 1 || n > claim.diagnoses()) {
                    faults.add(Hit.line(TherapyRule.DX_POINTER, l, 7, i + 1));
                }
            }
        }
        }
    }
}
