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

/** Rule {@code NPI-CHECK-DIGIT}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NpiCheckDigits.Validator.class)
public @interface NpiCheckDigits {
    String message() default "{io.claimgate.rule.NPI-CHECK-DIGIT}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<NpiCheckDigits, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
        for (ClaimReview.Npi npi : claim.npis()) {
            if (!Npis.valid(npi.value())) {
                faults.add(new Hit(TherapyRule.NPI_CHECK_DIGIT, npi.position(), npi.segment(), npi.element(), 0));
            }
        }
        }
    }
}
