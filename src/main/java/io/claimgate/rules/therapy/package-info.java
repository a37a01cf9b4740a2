/**
 * The CPT 97530 therapy rules as Jakarta Bean Validation constraints (annotation + validator + message key) on
 * review views of a claim and its lines, evaluated by Hibernate Validator with the payer policy handed to
 * validators as the constraint validator payload. Messages use {@code ParameterMessageInterpolator} and only
 * the rule's own text: no input value ever goes into a message. Depends on {@code model}, {@code finding},
 * {@code config}.
 */
package io.claimgate.rules.therapy;
