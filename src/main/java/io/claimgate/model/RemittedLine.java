package io.claimgate.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One service line of a remitted claim (2110 SVC with its DTM, CAS, REF, LQ).
 *
 * @param procedure          SVC01-2, as adjudicated; {@code modifiers} SVC01-3..6
 * @param submittedProcedure SVC06-2 when the payer changed the code, else null
 * @param charge             SVC02; {@code paid} SVC03; {@code units} SVC05 (paid units, else null)
 * @param serviceDate        DTM*472 (or DTM*150, the start of a range), {@code CCYYMMDD}, or null
 * @param lineControl        REF*6R, the line item control number the 837 sent, when echoed
 * @param remarks            LQ*HE remark codes (RARC)
 */
public record RemittedLine(int position, String procedure, List<String> modifiers, String submittedProcedure,
                           BigDecimal charge, BigDecimal paid, BigDecimal units, String serviceDate,
                           String lineControl, List<Adjustment> adjustments, List<String> remarks) {
    public RemittedLine {
        modifiers = List.copyOf(modifiers);
        adjustments = List.copyOf(adjustments);
        remarks = List.copyOf(remarks);
    }

    /** Position only: line values may be patient data. */
    @Override
    public String toString() {
        return "RemittedLine@" + position;
    }
}
