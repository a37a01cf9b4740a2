package io.claimgate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.claimgate.Samples;
import io.claimgate.config.RemitCodes;
import io.claimgate.ledger.ClaimRow;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LineRow;
import io.claimgate.remit.DenialAnalysis;
import io.claimgate.remit.DenialSummary;
import io.claimgate.x12.RemitReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the 835 path: the validating {@link RemitReader} into the {@link DenialAnalysis} (classification, claim
 * and line matching, rollups, predictions) and its {@link DenialSummary}. Problems in the data are findings; nothing
 * may be thrown. Seeds: {@code RemitFuzzTestInputs/} (see the README beside it).
 */
class RemitFuzzTest {
    private static final RemitCodes CODES = RemitCodes.load(Samples.CONFIG.resolve("reference"));

    /**
     * A stand-in ledger, so that matching runs too: every claim id starting {@code CG-} (the samples' own) was
     * "submitted" with the same three lines, one matched by its REF*6R, two by code, date and charge.
     */
    private static final ClaimRow SUBMITTED = new ClaimRow("0001", "CG-FUZZ", "0123456789abcdef",
            LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 7), "SYNPAYER01", new BigDecimal("207.50"), "REJECTED",
            List.of("CPT97530-DISCIPLINE-MISSING", "CPT97530-NCCI-PTP"), List.of(
                    new LineRow(1, "1", "97530", List.of("GP"), LocalDate.of(2026, 1, 5), new BigDecimal("120"),
                            new BigDecimal("2"), List.of("CPT97530-DISCIPLINE-MISSING"), "REJECTED"),
                    new LineRow(2, null, "97110", List.of("GP"), LocalDate.of(2026, 1, 5), new BigDecimal("45"),
                            BigDecimal.ONE, List.of(), "ACCEPTED"),
                    new LineRow(3, null, "97140", List.of("GP"), LocalDate.of(2026, 1, 7), new BigDecimal("42.5"),
                            BigDecimal.ONE, List.of("CPT97530-NCCI-PTP"), "CORRECTED")));

    @FuzzTest(maxDuration = "5m")
    void analyse(byte[] data) throws IOException {
        AtomicLong rows = new AtomicLong();
        DenialAnalysis analysis = new DenialAnalysis(CODES,
                id -> id.startsWith("CG-") ? Optional.of(new Ledger.SubmittedClaim(1, SUBMITTED)) : Optional.empty(),
                row -> rows.incrementAndGet(), true);
        analysis.file("fuzz.835");
        RemitReader.validating().read(new ByteArrayInputStream(data), analysis);

        // the summary as the reports read it
        DenialSummary s = new DenialSummary(analysis);
        s.getFindings();
        s.getByPayer();
        s.getByProcedure();
        s.getByRenderingNpi();
        s.getByGroup();
        s.getByCarc();
        s.getByRarc();
        s.getByMonth();
        s.getPredictions();
        s.getUnknownCodes();
        s.getDenialRate();
        // every claim analysed was a CLP segment of the input (a reversal counts -1, so add it back twice)
        long claimsRead = s.getClaims() + 2 * s.getReversals();
        assertThat(claimsRead).as("claims read").isBetween(0L, occurrences(data, "CLP"));
        if (claimsRead == 0) {
            assertThat(rows.get()).as("denial rows without a claim").isZero();
        }
    }

    private static long occurrences(byte[] data, String tag) {
        byte[] t = tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long n = 0;
        outer:
        for (int i = 0; i + t.length <= data.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (data[i + j] != t[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }
}
