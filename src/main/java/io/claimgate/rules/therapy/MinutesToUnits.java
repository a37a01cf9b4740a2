package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule {@code CPT97530-UNITS-FROM-MINUTES}: see {@link TherapyRule}. For each date of the claim, the timed lines
 * billed in minutes are turned into units by the policy's time rule ({@link TimedUnits}); a date that mixes
 * minutes and units is left to {@code CPT97530-UNITS-MIXED-BASIS}. A line left with 0 units, or whose minutes
 * are not a whole number, is rejected.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MinutesToUnits.Validator.class)
public @interface MinutesToUnits {
    String message() default "{io.claimgate.rule.CPT97530-UNITS-FROM-MINUTES}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<MinutesToUnits, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
            Map<String, List<LineReview>> byDate = new LinkedHashMap<>();
            for (LineReview l : claim.lines()) {
                if (context.tables().timedCodes().contains(l.code())) {
                    byDate.computeIfAbsent(l.date(), d -> new ArrayList<>()).add(l);
                }
            }
            for (List<LineReview> day : byDate.values()) {
                boolean minutes = day.stream().anyMatch(l -> "MJ".equals(l.basis()));
                boolean units = day.stream().anyMatch(l -> "UN".equals(l.basis()));
                if (!minutes || units || day.stream().noneMatch(LineReview::is97530)) {
                    continue;
                }
                int[] m = new int[day.size()];
                boolean valid = true;
                for (int i = 0; i < day.size(); i++) {
                    BigDecimal q = day.get(i).quantity();
                    if (q == null || q.signum() < 0 || q.stripTrailingZeros().scale() > 0 || q.compareTo(BigDecimal.valueOf(1440)) > 0) {
                        faults.add(Hit.line(TherapyRule.UNITS_FROM_MINUTES, day.get(i), 4, 0));
                        valid = false;
                    } else {
                        m[i] = q.intValueExact();
                    }
                }
                if (!valid) {
                    continue;
                }
                int[] u = TimedUnits.units(m, context.policy().timeRule());
                for (int i = 0; i < day.size(); i++) {
                    LineReview line = day.get(i);
                    if (u[i] == 0) {
                        faults.add(Hit.line(TherapyRule.UNITS_FROM_MINUTES, line, 4, 0));
                    } else {
                        faults.add(new Hit(TherapyRule.UNITS_FROM_MINUTES, line.position(), "SV1", 4, 0,
                                new Correction(line.position(), "SV103/SV104", Correction.Action.MINUTES_TO_UNITS,
                                        Integer.toString(u[i]), "MJ*" + m[i], "UN*" + u[i])));
                    }
                }
            }
        }
    }
}
