package io.claimgate.scrub;

import io.claimgate.finding.Correction;
import io.claimgate.finding.Finding;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Severity;
import io.claimgate.finding.X12Position;
import io.claimgate.rules.therapy.TherapyRule;
import io.claimgate.x12.X12Rule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpilledFindingsTest {
    private static Finding finding(int n) {
        X12Position where = new X12Position("000000101", "101", "0001", "SV1", n, "2400", 1, 2, 0, "234");
        return switch (n % 3) {
            case 0 -> Finding.of(X12Rule.SEGMENT_MISSING, X12Position.FILE);
            case 1 -> Finding.corrected(TherapyRule.MUE, where, "lowered", new Correction(n, "SV104",
                    Correction.Action.SET_UNITS, "2", "5", "2"));
            default -> new Finding(TherapyRule.KX_THRESHOLD, Severity.ERROR, where, "over", null, Outcome.REJECTED)
                    .withBadValue("B" + n);
        };
    }

    @Test
    void findingsComeBackByClaimAsFoundListedUpToTheLimit() {
        try (SpilledFindings spilled = new SpilledFindings()) {
            spilled.add(3, finding(1));
            spilled.add(1, finding(2)); // an earlier claim's finding while claim 3 is read
            spilled.claimRead(3);
            for (int i = 0; i < SpilledFindings.MAX_PER_CLAIM + 5; i++) {
                spilled.add(8, finding(i));
            }
            spilled.claimRead(8);
            spilled.add(3, finding(4)); // late: claim 3 is written already
            spilled.add(9, finding(5));
            spilled.finishReading();

            List<SpilledFindings.Entry> entries = read(spilled.entries());
            assertThat(entries).extracting(SpilledFindings.Entry::ordinal).containsExactly(1L, 3L, 8L, 9L);
            assertThat(entries.get(0).findings()).containsExactly(finding(2));
            assertThat(entries.get(1).findings()).containsExactly(finding(1), finding(4));
            assertThat(entries.get(2).findings()).hasSize(SpilledFindings.MAX_PER_CLAIM)
                    .startsWith(finding(0), finding(1), finding(2));
            assertThat(entries.get(2).omitted()).isEqualTo(5);
            assertThat(entries.get(3).findings()).containsExactly(finding(5));
        }
    }

    @Test
    void validationAndTheBatchRulesMergeIntoClaimOrder() {
        try (SpilledFindings a = new SpilledFindings(); SpilledFindings batch = new SpilledFindings()) {
            for (long claim = 0; claim < 100; claim++) {
                a.add(claim, finding((int) claim));
                a.claimRead(claim);
            }
            a.finishReading();
            for (long claim = 5; claim < 100; claim += 10) {
                List<Finding> more = new ArrayList<>();
                for (int i = 0; i < SpilledFindings.MAX_PER_CLAIM; i++) {
                    more.add(finding(i + 100));
                }
                batch.addClaim(claim, more);
            }
            List<SpilledFindings.Entry> entries = read(SpilledFindings.entries(List.of(a, batch)));
            assertThat(entries).hasSize(100);
            for (int i = 0; i < 100; i++) {
                SpilledFindings.Entry e = entries.get(i);
                assertThat(e.ordinal()).isEqualTo(i);
                assertThat(e.findings().get(0)).isEqualTo(finding(i));
                if (i % 10 == 5) {
                    // the batch rules' findings after validation's, the last one counted, not listed
                    assertThat(e.findings()).hasSize(SpilledFindings.MAX_PER_CLAIM);
                    assertThat(e.findings().get(1)).isEqualTo(finding(100));
                    assertThat(e.omitted()).isEqualTo(1);
                } else {
                    assertThat(e.findings()).hasSize(1);
                    assertThat(e.omitted()).isZero();
                }
            }
        }
    }

    private static List<SpilledFindings.Entry> read(Iterator<SpilledFindings.Entry> it) {
        List<SpilledFindings.Entry> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
