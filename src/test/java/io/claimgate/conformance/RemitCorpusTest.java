package io.claimgate.conformance;

import io.claimgate.Samples;
import io.claimgate.config.RemitCodes;
import io.claimgate.remit.DenialAnalysis;
import io.claimgate.remit.DenialSummary;
import io.claimgate.report.DenialRow;
import io.claimgate.report.SpilledRows;
import io.claimgate.x12.RemitReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 835 of {@code ../shared/corpus/835} (public samples from other projects, see its PROVENANCE.md) is analysed
 * without an exception, with the claims and service lines PROVENANCE.md counts for it, and — for the remits whose
 * amounts balance — without a balancing finding. Skipped when the shared corpus is not present.
 */
class RemitCorpusTest {
    private static final RemitCodes CODES = RemitCodes.load(Samples.CONFIG.resolve("reference"));

    /**
     * Remits whose amounts do not balance, with the balancing findings they must give, each checked by hand:
     * <ul>
     *   <li>moov__sample1: claim 1 charges 385.21, its line adjusts PR-27 385.20 and pays 0.01, CLP04 says 0;</li>
     *   <li>moov__sample2: 4,199.68 less PR 1,199.68 and 2.00 is 2,998.00, CLP04 says 4,000.00;</li>
     *   <li>chs test.835: claim-level PR-2 499.50 repeats the lines' PR-2 400 and CO-45 99.50: 2,000 less
     *       999.00 is 1,001.00, CLP04 says 1,500.50;</li>
     *   <li>lfh tertiary-payment: the broken {@code SVC*HC*24599.00*...} (PROVENANCE) leaves the line unbalanced;</li>
     *   <li>affect sample_835: set 1002 pays 1.78 on its claims, PLB placeholder amount 5, BPR02 1.78;</li>
     *   <li>affect sample_835_with_interests: the same set 1002, and set 1001 pays 141.13 on its claims with PLB
     *       L6 -10.30 interest, so BPR02 should be 151.43 but is 141.13.</li>
     * </ul>
     */
    private static final Map<String, List<String>> UNBALANCED = Map.of(
            "moov__sample1.txt", List.of("REMIT-CLAIM-UNBALANCED"),
            "moov__sample2.txt", List.of("REMIT-CLAIM-UNBALANCED"),
            "edi835p-chs__test.835", List.of("REMIT-CLAIM-UNBALANCED"),
            "lfh__tertiary-payment.835", List.of("REMIT-LINE-UNBALANCED"),
            "edi835p-affect__sample_835.txt", List.of("REMIT-PAYMENT-UNBALANCED"),
            "edi835p-affect__sample_835_with_interests.txt",
            List.of("REMIT-PAYMENT-UNBALANCED", "REMIT-PAYMENT-UNBALANCED"));

    /** PROVENANCE: "ENVELOPE MISSING" (two files) and an unpadded ISA (Nevada): not readable as X12 at all. */
    private static final List<String> NO_ENVELOPE = List.of("edi835p-affect__exhaustive_sample.txt",
            "edi835p__blue_cross_nc_sample.txt", "edi835p-affect__nevada_medicaid.txt");

    @TestFactory
    Stream<DynamicTest> everyRemitIsAnalysed() throws IOException {
        Optional<Path> corpus = Samples.corpus("835");
        Assumptions.assumeTrue(corpus.isPresent(), "../shared/corpus/835 not present");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Samples.files(corpus.get(), ".*")) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> analyse(file)));
        }
        return tests.stream();
    }

    private void analyse(Path file) throws IOException {
        String name = file.getFileName().toString();
        long[] counted = CorpusCounts.claimsAndLines(file.getParent().resolveSibling("PROVENANCE.md"), name);
        try (SpilledRows<DenialRow> rows = DenialRow.rows()) {
            DenialAnalysis analysis = new DenialAnalysis(CODES, id -> Optional.empty(), rows::add);
            analysis.file(name);
            try (InputStream in = Files.newInputStream(file)) {
                RemitReader.validating().read(in, analysis);
            }
            DenialSummary s = new DenialSummary(analysis);
            List<String> balancing = s.getFindings().stream().map(f -> (String) f.get("ruleId"))
                    .filter(r -> r.endsWith("-UNBALANCED")).toList();
            long claimsSeen = s.getClaims() + 2L * s.getReversals();
            System.out.printf("835 corpus %s: claims %d, lines %d, balancing %s, findings %s%n", name, claimsSeen,
                    s.getLines(), balancing, s.getFindings().stream().map(f -> f.get("ruleId")).distinct().toList());
            List<String> ruleIds = s.getFindings().stream().map(f -> (String) f.get("ruleId")).toList();
            if (NO_ENVELOPE.contains(name)) {
                assertThat(ruleIds).contains("X12-NOT-X12");
                assertThat(claimsSeen).isZero();
                return;
            }
            assertThat(counted).as("PROVENANCE.md counts for " + name).isNotNull();
            assertThat(claimsSeen).as("claims, as PROVENANCE.md counts them").isEqualTo(counted[0]);
            assertThat(balancing).as("balancing findings").isEqualTo(UNBALANCED.getOrDefault(name, List.of()));
        }
    }
}
