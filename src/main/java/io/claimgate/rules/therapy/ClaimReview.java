package io.claimgate.rules.therapy;

import jakarta.validation.Valid;

import java.util.List;

/**
 * A claim as the therapy rules see it: its lines, how many diagnoses its HI segments hold, and the NPIs it names.
 */
@UnitsMixedBasis
@NcciPairs
@GroupSameDay
@AddOnPrimary
@DiagnosisPointers
@NpiCheckDigits
public record ClaimReview(@Valid List<LineReview> lines, int diagnoses, List<Npi> npis) {

    /** An NPI and where it was read. */
    public record Npi(String value, String segment, int position, int element) {
    }

    public ClaimReview {
        lines = List.copyOf(lines);
        npis = List.copyOf(npis);
    }
}
