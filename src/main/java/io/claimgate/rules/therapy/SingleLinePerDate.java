package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule {@code CPT97530-DUPLICATE-LINE}: see {@link TherapyRule}. Lines in units (UN) with whole units and charges
 * are merged into the first line of their date and modifiers (modifiers compared in any order).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SingleLinePerDate.Validator.class)
public @interface SingleLinePerDate {
    String message() default "{io.claimgate.rule.CPT97530-DUPLICATE-LINE}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Validator extends TherapyCheck<SingleLinePerDate, ClaimReview> {
        @Override
        void check(ClaimReview claim, RuleContext context, Faults faults) {
            Map<String, LineReview> first = new HashMap<>();
            for (LineReview line : claim.lines()) {
                if (!line.is97530() || !"UN".equals(line.basis()) || line.quantity() == null || line.charge() == null
                        || line.quantity().signum() <= 0 || line.quantity().stripTrailingZeros().scale() > 0) {
                    continue; // lines in minutes or with invalid units belong to other rules
                }
                // compared as they will be after the modifier corrections, so a second scrub finds nothing new
                List<String> after = new java.util.ArrayList<>(Disciplines.kept(line.modifiers()));
                if (!line.hasAny(LineReview.DISCIPLINES)) {
                    Disciplines.derive(claim, line, context.tables()).ifPresent(after::add);
                }
                String key = line.date() + "|" + after.stream().sorted().toList();
                LineReview kept = first.putIfAbsent(key, line);
                if (kept != null) {
                    faults.add(new Hit(TherapyRule.DUPLICATE_LINE, kept.position(), "SV1", 4, 0,
                            new Correction(kept.position(), "SV1", Correction.Action.MERGE_LINE,
                                    Integer.toString(line.position()),
                                    "lines " + (kept.index() + 1) + " and " + (line.index() + 1),
                                    "line " + (kept.index() + 1))));
                }
            }
        }
    }
}
