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

/** Rule {@code CPT97530-NCCI-PTP}: see {@link TherapyRule}. */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NcciPairs.Validator.class)
public @interface NcciPairs {
    String message() default "{io.claimgate.rule.CPT97530-NCCI-PTP}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<NcciPairs, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
        if (!context.policy().ncci()) {
            return;
        }
        for (LineReview l : claim.lines()) {
            if (!l.is97530()) {
                continue;
            }
            java.time.LocalDate date = Dates.first(l.date());
            for (LineReview other : claim.lines()) {
                if (other == l || !other.date().equals(l.date())) {
                    continue;
                }
                for (var pair : context.tables().ptpPairs()) {
                    boolean edit = pair.column1().equals(other.code()) && pair.column2().equals(l.code())
                            || pair.column1().equals(l.code()) && pair.column2().equals(other.code());
                    if (!edit || date == null || !pair.inForceOn(date)) {
                        continue;
                    }
                    LineReview column2 = pair.column2().equals(l.code()) ? l : other;
                    if (pair.modifierIndicator() == 0 || !column2.hasAny(LineReview.DISTINCT)) {
                        faults.add(Hit.line(TherapyRule.NCCI_PTP, column2, 1, 2));
                    }
                }
            }
        }
        }
    }
}
