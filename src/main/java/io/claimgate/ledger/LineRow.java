package io.claimgate.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One service line of a routed claim as the ledger keeps it.
 *
 * @param lineSeq     1-based position of the line in its claim
 * @param lineControl the line item control number (2400 REF*6R), or null
 * @param ruleIds     the rules that fired on this line
 * @param action      what the gateway did with the line: ACCEPTED, CORRECTED, WARNED or REJECTED
 */
public record LineRow(int lineSeq, String lineControl, String procedure, List<String> modifiers,
                      LocalDate serviceDate, BigDecimal charge, BigDecimal units, List<String> ruleIds,
                      String action) {
    public LineRow {
        modifiers = List.copyOf(modifiers);
        ruleIds = List.copyOf(ruleIds);
    }
}
