package io.claimgate.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One claim of a remittance (2100 CLP with its CAS, NM1, MOA, REF, DTM and 2110 lines).
 *
 * @param claimId          CLP01, the patient control number the 837 sent as CLM01
 * @param status           CLP02 (1 primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal, ...)
 * @param charge           CLP03; {@code paid} CLP04; {@code patientResponsibility} CLP05
 * @param payerClaimNumber CLP07
 * @param remarks          MOA remark codes (MOA03-07) and MIA05/20-23 remarks
 * @param renderingNpi     NM1*82 NM109 when given
 * @param statementDate    DTM*232 ({@code CCYYMMDD}) or null
 */
public record RemittedClaim(Remittance remittance, int position, String claimId, String status, BigDecimal charge,
                            BigDecimal paid, BigDecimal patientResponsibility, String payerClaimNumber,
                            List<Adjustment> adjustments, List<String> remarks, String renderingNpi,
                            String statementDate, List<RemittedLine> lines) {
    public RemittedClaim {
        adjustments = List.copyOf(adjustments);
        remarks = List.copyOf(remarks);
        lines = List.copyOf(lines);
    }

    public boolean reversal() {
        return "22".equals(status);
    }

    /** Position only: the claim id and its values are patient data. */
    @Override
    public String toString() {
        return "RemittedClaim@" + position + "(" + lines.size() + " lines)";
    }
}
