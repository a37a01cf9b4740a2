package io.claimgate.rules.therapy;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the therapy validators: gives each the payer policy (the constraint validator payload, never static
 * state) and turns each fault it reports into its own violation carrying a {@link Hit}. A validator returns true
 * for values its rule does not concern (other codes, missing data another rule owns).
 */
abstract class TherapyCheck<A extends Annotation, T> implements ConstraintValidator<A, T> {

    /** Collects the faults of one value. */
    static final class Faults {
        private final List<Hit> hits = new ArrayList<>();

        void add(Hit hit) {
            hits.add(hit);
        }
    }

    abstract void check(T value, RuleContext context, Faults faults);

    @Override
    public final boolean isValid(T value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
        RuleContext rules = hibernate.getConstraintValidatorPayload(RuleContext.class);
        if (rules == null) {
            throw new IllegalStateException("therapy rules need a RuleContext as constraint validator payload");
        }
        Faults faults = new Faults();
        check(value, rules, faults);
        if (faults.hits.isEmpty()) {
            return true;
        }
        hibernate.disableDefaultConstraintViolation();
        for (Hit hit : faults.hits) {
            // a node naming the element keeps two faults of one rule apart (equal violations would be merged)
            hibernate.withDynamicPayload(hit)
                    .buildConstraintViolationWithTemplate(hit.rule().messageKey())
                    .addPropertyNode(hit.segment() + "@" + hit.position() + "." + hit.element() + "." + hit.component())
                    .addConstraintViolation();
        }
        return false;
    }
}
