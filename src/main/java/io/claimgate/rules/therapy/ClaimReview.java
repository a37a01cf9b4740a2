package io.claimgate.rules.therapy;

import jakarta.validation.Valid;

import java.util.List;

/**
 * A claim as the therapy rules see it: its lines, how many diagnoses its HI segments hold, the NPIs it names, and
 * the taxonomy codes of its rendering (2310B PRV) and billing (2000A PRV) providers ({@code ""} when absent).
 */
@UnitsMixedBasis
@NcciPairs
@GroupSameDay
@AddOnPrimary
@DiagnosisPointers
@NpiCheckDigits
@DisciplinePresent
@MinutesToUnits
@SingleLinePerDate
public record ClaimReview(List<@Valid LineReview> lines, int diagnoses, List<Npi> npis,
                          String renderingTaxonomy, String billingTaxonomy) {

    /** An NPI and where it was read. */
    public record Npi(String value, String segment, int position, int element) {
    }

    public ClaimReview {
        lines = List.copyOf(lines);
        npis = List.copyOf(npis);
    }
}
