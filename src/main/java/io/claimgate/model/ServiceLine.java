package io.claimgate.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One 2400 service line.
 *
 * @param lineNumber    LX01 as read
 * @param procedureCode SV101-2
 * @param modifiers     SV101-3..6, as read, empty ones left out
 * @param charge        SV102, or {@code null} when it is not a number
 * @param unitBasis     SV103 ({@code UN} units, {@code MJ} minutes)
 * @param quantity      SV104, or {@code null} when missing or not a number
 * @param serviceDate   DTP*472 DTP03 as read ({@code CCYYMMDD} or a {@code CCYYMMDD-CCYYMMDD} range), or {@code ""}
 * @param position      position of the SV1 segment counted from ST = 1
 * @param segments      the line's segments from LX up to the next LX or the end of the claim
 */
public record ServiceLine(String lineNumber, String procedureCode, List<String> modifiers, BigDecimal charge,
                          String unitBasis, BigDecimal quantity, String serviceDate, int position,
                          List<RawSegment> segments) {

    public ServiceLine {
        modifiers = List.copyOf(modifiers);
        segments = List.copyOf(segments);
    }

    /** Position only: line values may be patient data. */
    @Override
    public String toString() {
        return "ServiceLine@" + position;
    }
}
