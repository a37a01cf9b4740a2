package io.claimgate.x12;

import io.xlate.edi.stream.EDIStreamValidationError;

import java.util.EnumMap;
import java.util.Map;

/** Maps StAEDI's validation errors onto claimgate's X12 rules (and so onto 999 codes). */
final class ValidationErrors {
    private static final Map<EDIStreamValidationError, X12Rule> RULES = new EnumMap<>(EDIStreamValidationError.class);

    static {
        RULES.put(EDIStreamValidationError.UNRECOGNIZED_SEGMENT_ID, X12Rule.SEGMENT_UNRECOGNIZED);
        RULES.put(EDIStreamValidationError.UNEXPECTED_SEGMENT, X12Rule.SEGMENT_UNEXPECTED);
        RULES.put(EDIStreamValidationError.MANDATORY_SEGMENT_MISSING, X12Rule.SEGMENT_MISSING);
        RULES.put(EDIStreamValidationError.LOOP_OCCURS_OVER_MAXIMUM_TIMES, X12Rule.LOOP_OVER_MAXIMUM);
        RULES.put(EDIStreamValidationError.SEGMENT_EXCEEDS_MAXIMUM_USE, X12Rule.SEGMENT_OVER_MAXIMUM);
        RULES.put(EDIStreamValidationError.SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET, X12Rule.SEGMENT_NOT_IN_SET);
        RULES.put(EDIStreamValidationError.SEGMENT_NOT_IN_PROPER_SEQUENCE, X12Rule.SEGMENT_OUT_OF_SEQUENCE);
        RULES.put(EDIStreamValidationError.SEGMENT_HAS_DATA_ELEMENT_ERRORS, X12Rule.SEGMENT_HAS_ELEMENT_ERRORS);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_UNUSED_SEGMENT_PRESENT, X12Rule.SEGMENT_NOT_USED);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING, X12Rule.SEGMENT_SITUATIONAL_MISSING);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES, X12Rule.LOOP_UNDER_MINIMUM);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE, X12Rule.SEGMENT_UNDER_MINIMUM);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT, X12Rule.SEGMENT_SITUATIONAL_NOT_USED);
        RULES.put(EDIStreamValidationError.CONDITIONAL_REQUIRED_SEGMENT_MISSING, X12Rule.SEGMENT_CONDITION);
        RULES.put(EDIStreamValidationError.SEGMENT_EXCLUSION_CONDITION_VIOLATED, X12Rule.SEGMENT_CONDITION);
        RULES.put(EDIStreamValidationError.REQUIRED_DATA_ELEMENT_MISSING, X12Rule.ELEMENT_MISSING);
        RULES.put(EDIStreamValidationError.CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING, X12Rule.ELEMENT_CONDITIONAL_MISSING);
        RULES.put(EDIStreamValidationError.TOO_MANY_DATA_ELEMENTS, X12Rule.ELEMENT_TOO_MANY);
        RULES.put(EDIStreamValidationError.EXCLUSION_CONDITION_VIOLATED, X12Rule.ELEMENT_EXCLUSION);
        RULES.put(EDIStreamValidationError.TOO_MANY_REPETITIONS, X12Rule.ELEMENT_TOO_MANY_REPETITIONS);
        RULES.put(EDIStreamValidationError.TOO_MANY_COMPONENTS, X12Rule.ELEMENT_TOO_MANY_COMPONENTS);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING, X12Rule.ELEMENT_SITUATIONAL_MISSING);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT, X12Rule.ELEMENT_NOT_USED);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_TOO_FEW_REPETITIONS, X12Rule.ELEMENT_TOO_FEW_REPETITIONS);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT, X12Rule.ELEMENT_SITUATIONAL_NOT_USED);
        RULES.put(EDIStreamValidationError.DATA_ELEMENT_TOO_SHORT, X12Rule.ELEMENT_TOO_SHORT);
        RULES.put(EDIStreamValidationError.DATA_ELEMENT_TOO_LONG, X12Rule.ELEMENT_TOO_LONG);
        RULES.put(EDIStreamValidationError.INVALID_CHARACTER_DATA, X12Rule.ELEMENT_INVALID_CHARACTER);
        RULES.put(EDIStreamValidationError.INVALID_CODE_VALUE, X12Rule.ELEMENT_INVALID_CODE);
        RULES.put(EDIStreamValidationError.INVALID_DATE, X12Rule.ELEMENT_INVALID_DATE);
        RULES.put(EDIStreamValidationError.INVALID_TIME, X12Rule.ELEMENT_INVALID_TIME);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_INVALID_CODE_VALUE, X12Rule.ELEMENT_CODE_NOT_USED);
        RULES.put(EDIStreamValidationError.IMPLEMENTATION_PATTERN_MATCH_FAILURE, X12Rule.ELEMENT_PATTERN);
        // control checks: mapped to the set's rules here; the reader moves them to the group or interchange
        // according to the trailer (GE, IEA) they were found on
        RULES.put(EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH, X12Rule.SET_CONTROL_MISMATCH);
        RULES.put(EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT, X12Rule.SET_SEGMENT_COUNT);
    }

    private ValidationErrors() {
    }

    /** The rule for a StAEDI error, or {@code null} for {@code NONE}. */
    static X12Rule rule(EDIStreamValidationError error) {
        return error == null ? null : RULES.get(error);
    }

    /** Whether the 999 may echo the bad value (IK404) for this error: only for values that are present. */
    static boolean echoesValue(EDIStreamValidationError error) {
        return switch (error) {
            case DATA_ELEMENT_TOO_SHORT, DATA_ELEMENT_TOO_LONG, INVALID_CHARACTER_DATA, INVALID_CODE_VALUE,
                 INVALID_DATE, INVALID_TIME, IMPLEMENTATION_INVALID_CODE_VALUE,
                 IMPLEMENTATION_PATTERN_MATCH_FAILURE -> true;
            default -> false;
        };
    }
}
