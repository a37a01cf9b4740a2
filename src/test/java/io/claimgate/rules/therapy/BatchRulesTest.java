package io.claimgate.rules.therapy;

import io.claimgate.finding.Finding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch index spilled per reader and merged in reading order, and the state's tables. */
class BatchRulesTest {
    private static final long DAY = 0x5eed_0000_0000_0001L;

    private static BatchRules.Line line(long claim, int position, int units, String member, boolean kx) {
        return new BatchRules.Line(claim, (int) (claim / 2), position, DAY, units, 5, false, member, 2026,
                member == null ? null : "PT_SLP", new BigDecimal("30.50"), member == null ? null
                : new BigDecimal("150.00"), kx, "000000101", "101", String.format("%04d", claim / 2 + 1));
    }

    private static Map<Long, List<String>> decide(BatchRules.Index index, BatchRules.State state) {
        Map<Long, List<String>> found = new TreeMap<>();
        List<Long> order = new ArrayList<>();
        BatchRules.decide(index, state, claim -> false, (claim, findings) -> {
            order.add(claim);
            found.put(claim, findings.stream().map(f -> f.ruleId() + "@" + f.position().transactionControl() + ":"
                    + f.position().segmentPosition()).toList());
        });
        assertThat(order).isSorted();
        return found;
    }

    @Test
    void linesAreDecidedInReadingOrder() {
        try (BatchRules.Index index = new BatchRules.Index()) {
            // claims 0 to 3, 2 units each on the same patient-day (claim 3 on two lines)
            index.add(line(0, 10, 2, null, false));
            index.add(line(1, 10, 2, null, false));
            index.add(line(2, 10, 2, null, false));
            index.add(line(3, 10, 1, null, false));
            index.add(line(3, 14, 1, null, false));
            assertThat(index.size()).isEqualTo(5);
            BatchRules.State state = new BatchRules.State(Map.of());
            // claims 0 and 1 fill 4 of 5 units; claim 2 crosses the limit, claim 3 at its second line
            assertThat(decide(index, state)).containsExactly(
                    Map.entry(2L, List.of("CPT97530-MUE@0002:10")),
                    Map.entry(3L, List.of("CPT97530-MUE@0002:14")));
            assertThat(state.units(DAY)).isEqualTo(4);
        }
    }

    @Test
    void linesMustComeInReadingOrder() {
        try (BatchRules.Index index = new BatchRules.Index()) {
            index.add(line(4, 10, 1, null, false));
            assertThatThrownBy(() -> index.add(line(3, 10, 1, null, false)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void historyAndImportedAmountsCountAndTheFileSaysWhatItAdded() {
        Map<Long, Integer> earlierUnits = Map.of(DAY, 1);
        Map<String, BigDecimal> earlierSpend = Map.of("M1|2026|PT_SLP", new BigDecimal("20.00"));
        List<Set<?>> asked = new ArrayList<>();
        BatchRules.History history = new BatchRules.History() {
            @Override
            public Map<Long, Integer> units(Set<Long> dayKeys) {
                asked.add(Set.copyOf(dayKeys));
                Map<Long, Integer> out = new HashMap<>(earlierUnits);
                out.keySet().retainAll(dayKeys);
                return out;
            }

            @Override
            public Map<String, BigDecimal> spent(Set<String> spendKeys) {
                asked.add(Set.copyOf(spendKeys));
                Map<String, BigDecimal> out = new HashMap<>(earlierSpend);
                out.keySet().retainAll(spendKeys);
                return out;
            }
        };
        try (BatchRules.Index index = new BatchRules.Index()) {
            index.add(line(0, 10, 2, "M1", false)); // 20.00 + 10.00 imported + 61.00 = 91.00
            index.add(line(1, 10, 1, "M1", true)); // 121.50: still under 150, KX not supported
            index.add(line(2, 10, 1, "M1", false)); // 152.00: over without KX, rejected
            index.add(line(3, 10, 1, "M2", false));
            BatchRules.State state = BatchRules.State.fromHistory(Map.of("M1|2026|PT_SLP", new BigDecimal("10.00")),
                    history, index);
            assertThat(asked).containsExactly(Set.of(DAY), Set.of("M1|2026|PT_SLP", "M2|2026|PT_SLP"));
            assertThat(decide(index, state)).containsExactly(
                    Map.entry(1L, List.of("CPT97530-KX-UNSUPPORTED@0001:10")),
                    Map.entry(2L, List.of("CPT97530-KX-THRESHOLD@0002:10")));
            BatchRules.Accepted added = state.added(index);
            assertThat(added.units()).containsExactly(Map.entry(DAY, 4));
            assertThat(added.spent()).containsOnlyKeys("M1|2026|PT_SLP", "M2|2026|PT_SLP");
            assertThat(added.spent().get("M1|2026|PT_SLP")).isEqualByComparingTo("91.50");
            assertThat(added.spent().get("M2|2026|PT_SLP")).isEqualByComparingTo("30.50");
        }
    }

    @Test
    void aForkKeepsItsOwnChangesUntilAdopted() {
        BatchRules.State batch = new BatchRules.State(Map.of());
        try (BatchRules.Index first = new BatchRules.Index(); BatchRules.Index second = new BatchRules.Index()) {
            first.add(line(0, 10, 3, "M1", false));
            BatchRules.State one = batch.fork();
            assertThat(decide(first, one)).isEmpty();
            assertThat(batch.units(DAY)).isZero();
            batch.adopt(one);
            assertThat(batch.units(DAY)).isEqualTo(3);
            assertThat(batch.spent(BatchRules.spendId("M1|2026|PT_SLP")))
                    .isEqualTo(BatchRules.amount(new BigDecimal("91.50")));

            second.add(line(0, 10, 3, "M1", false));
            BatchRules.State two = batch.fork();
            assertThat(decide(second, two)).containsOnlyKeys(0L); // 3 + 3 units pass the limit of 5
            assertThat(two.added(second)).isEqualTo(BatchRules.Accepted.NONE);
        }
    }

    @Test
    void amountsAreCountedExactly() {
        assertThat(BatchRules.amount(new BigDecimal("30.125"))).isEqualTo(30_125_000L);
        assertThat(BatchRules.amount(91_500_000L)).isEqualByComparingTo("91.50").hasScaleOf(2);
        assertThat(BatchRules.amount(30_125_000L)).hasScaleOf(3);
        assertThatThrownBy(() -> BatchRules.amount(new BigDecimal("0.0000001")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
