package io.claimgate.ledger;

import io.claimgate.rules.therapy.BatchRules;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's rules on both databases: states and transitions, duplicates, poison, what batches accepted. */
class LedgerTest {
    static final List<String> KINDS = Databases.KINDS;
    static final Duration WINDOW = Duration.ofDays(365);
    static final Duration STALE = Duration.ofMinutes(30);

    @TempDir
    Path dir;

    /** A distinct content hash per letter. */
    private static String sha(char c) {
        return Ledger.spendKey(String.valueOf(c));
    }

    private static Arrival arrival(char c, String name, String... controls) {
        return new Arrival(sha(c), name, 100, java.util.Arrays.stream(controls)
                .map(ctl -> new Arrival.InterchangeId("SENDER", "RECEIVER", ctl)).toList());
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void aFileGoesFromReceivedThroughProcessingToOneTerminalState(String kind) {
        try (Ledger ledger = Ledger.open(Databases.fresh(kind, dir, "node-a"))) {
            Admission a = ledger.admit(arrival('a', "in.837", "000000001"), WINDOW, 3, STALE);
            assertThat(a.decision()).isEqualTo(Admission.Decision.PROCESS);
            assertThat(a.file().state()).isEqualTo(FileState.PROCESSING);
            assertThat(a.file().attempts()).isEqualTo(1);
            assertThat(a.file().ownerNode()).isEqualTo("node-a");

            FileRecord done = ledger.finish(a.file().id(), FileState.DONE, null, List.of("acks/x.999"), 3, 2, 1,
                    BatchRules.Accepted.NONE);
            assertThat(done.state()).isEqualTo(FileState.DONE);
            assertThat(done.outputs()).containsExactly("acks/x.999");
            assertThat(done.claimsIn()).isEqualTo(3L);
            assertThat(ledger.transitions(a.file().id()))
                    .containsExactly("null>received", "received>processing", "processing>done");

            // a second terminal transition is refused, whichever it is
            assertThatThrownBy(() -> ledger.finish(a.file().id(), FileState.REJECTED, null, List.of(), 0, 0, 0,
                    BatchRules.Accepted.NONE)).isInstanceOf(LedgerException.class).hasMessageContaining("done");
            assertThatThrownBy(() -> ledger.quarantine(a.file().id(), "X"))
                    .isInstanceOf(LedgerException.class);
            assertThat(ledger.file(a.file().id()).state()).isEqualTo(FileState.DONE);
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void theSameBytesAgainAreAnsweredWithTheOriginalOutcome(String kind) {
        try (Ledger ledger = Ledger.open(Databases.fresh(kind, dir, "node-a"))) {
            Admission first = ledger.admit(arrival('b', "one.837", "000000002"), WINDOW, 3, STALE);
            ledger.finish(first.file().id(), FileState.REJECTED, "X12-SET-SEGMENT-COUNT", List.of("acks/y.999"), 1,
                    0, 1, BatchRules.Accepted.NONE);

            Admission again = ledger.admit(arrival('b', "one-again.837", "000000002"), WINDOW, 3, STALE);
            assertThat(again.decision()).isEqualTo(Admission.Decision.DUPLICATE);
            assertThat(again.original().id()).isEqualTo(first.file().id());
            assertThat(again.file().id()).isNotEqualTo(first.file().id());
            assertThat(again.file().duplicateOf()).isEqualTo(first.file().id());
            assertThat(again.file().state()).isEqualTo(FileState.REJECTED);
            assertThat(again.file().outputs()).containsExactly("acks/y.999");
            assertThat(again.file().attempts()).isZero();
            assertThat(ledger.files()).hasSize(2);
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void aRepeatedSenderReceiverAndIsa13WithOtherContentIsFlaggedWithinTheWindow(String kind) {
        try (Ledger ledger = Ledger.open(Databases.fresh(kind, dir, "node-a"))) {
            Admission first = ledger.admit(arrival('c', "a.837", "000000003", "000000004"), WINDOW, 3, STALE);
            assertThat(first.duplicateControls()).isEmpty();
            ledger.finish(first.file().id(), FileState.DONE, null, List.of(), 1, 1, 0, BatchRules.Accepted.NONE);

            Admission other = ledger.admit(arrival('d', "b.837", "000000004", "000000005"), WINDOW, 3, STALE);
            assertThat(other.decision()).isEqualTo(Admission.Decision.PROCESS);
            assertThat(other.duplicateControls()).containsExactly("000000004");

            // outside the window the same control number is no longer a duplicate
            Admission later = ledger.admit(arrival('e', "c.837", "000000003"), Duration.ZERO, 3, STALE);
            assertThat(later.duplicateControls()).isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void aFileStartedTheMaximumNumberOfTimesWithoutFinishingIsQuarantined(String kind) {
        try (Ledger ledger = Ledger.open(Databases.fresh(kind, dir, "node-a"))) {
            Arrival poison = arrival('f', "poison.837", "000000006");
            for (int start = 1; start <= 3; start++) {
                Admission a = ledger.admit(poison, WINDOW, 3, STALE); // each start "crashes": never finished
                assertThat(a.decision()).isEqualTo(Admission.Decision.PROCESS);
                assertThat(a.file().attempts()).isEqualTo(start);
            }
            Admission fourth = ledger.admit(poison, WINDOW, 3, STALE);
            assertThat(fourth.decision()).isEqualTo(Admission.Decision.POISON);
            assertThat(fourth.file().state()).isEqualTo(FileState.QUARANTINED);
            assertThat(fourth.file().reason()).isEqualTo("POISON");
            assertThat(fourth.file().attempts()).isEqualTo(3);

            // a released attempt (disk full, say) is not held against the file
            Arrival unlucky = arrival('g', "unlucky.837", "000000007");
            for (int i = 0; i < 4; i++) {
                Admission a = ledger.admit(unlucky, WINDOW, 3, STALE);
                assertThat(a.decision()).isEqualTo(Admission.Decision.PROCESS);
                ledger.release(a.file().id(), "retry after IOException");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void aFileAnotherNodeIsProcessingWaitsUntilThatClaimGoesStale(String kind) {
        LedgerSettings a = Databases.fresh(kind, dir, "node-a");
        LedgerSettings b = new LedgerSettings(a.url(), a.user(), a.password(), "node-b", 4);
        try (Ledger nodeA = Ledger.open(a)) {
            Admission taken = nodeA.admit(arrival('h', "x.837", "000000008"), WINDOW, 3, STALE);
            assertThat(taken.decision()).isEqualTo(Admission.Decision.PROCESS);
            if (kind.equals("h2")) {
                nodeA.close(); // an embedded H2 file has one process at a time; the second node opens it after
            }
            try (Ledger nodeB = Ledger.open(b)) {
                assertThat(nodeB.admit(arrival('h', "x-copy.837", "000000008"), WINDOW, 3, STALE).decision())
                        .isEqualTo(Admission.Decision.WAIT);
                Admission takenOver = nodeB.admit(arrival('h', "x-copy.837", "000000008"), WINDOW, 3,
                        Duration.ZERO);
                assertThat(takenOver.decision()).isEqualTo(Admission.Decision.PROCESS);
                assertThat(takenOver.file().ownerNode()).isEqualTo("node-b");
                // the node that lost its claim cannot finish the file any more
                if (kind.equals("postgresql")) {
                    assertThatThrownBy(() -> nodeA.finish(taken.file().id(), FileState.DONE, null, List.of(), 0, 0,
                            0, BatchRules.Accepted.NONE)).isInstanceOf(LedgerException.class);
                }
                nodeB.finish(takenOver.file().id(), FileState.DONE, null, List.of(), 0, 0, 0,
                        BatchRules.Accepted.NONE);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void unitsAndAmountsAcceptedEarlierAreSummedForLaterBatches(String kind) {
        try (Ledger ledger = Ledger.open(Databases.fresh(kind, dir, "node-a"))) {
            Admission one = ledger.admit(arrival('i', "1.837", "000000009"), WINDOW, 3, STALE);
            ledger.finish(one.file().id(), FileState.DONE, null, List.of(), 1, 1, 0, new BatchRules.Accepted(
                    Map.of(42L, 2, 7L, 1), Map.of("M1|2026|PT_SLP", new BigDecimal("61.00"))));
            Admission two = ledger.admit(arrival('j', "2.837", "000000010"), WINDOW, 3, STALE);
            ledger.finish(two.file().id(), FileState.DONE, null, List.of(), 1, 1, 0, new BatchRules.Accepted(
                    Map.of(42L, 3), Map.of("M1|2026|PT_SLP", new BigDecimal("30.50"))));

            BatchRules.History history = ledger.history();
            assertThat(history.units(Set.of(42L, 7L, 99L))).containsOnly(Map.entry(42L, 5), Map.entry(7L, 1));
            assertThat(history.spent(Set.of("M1|2026|PT_SLP", "M2|2026|OT")))
                    .containsOnlyKeys("M1|2026|PT_SLP");
            assertThat(history.spent(Set.of("M1|2026|PT_SLP")).get("M1|2026|PT_SLP"))
                    .isEqualByComparingTo("91.50");
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void claimRowsOfAReprocessedFileReplaceTheEarlierAttempts(String kind) {
        try (Ledger ledger = Ledger.open(Databases.fresh(kind, dir, "node-a"))) {
            Admission a = ledger.admit(arrival('k', "k.837", "000000011"), WINDOW, 3, STALE);
            ClaimRow row = new ClaimRow("0001", "PCN-1", "0123456789abcdef", java.time.LocalDate.of(2026, 1, 8),
                    java.time.LocalDate.of(2026, 1, 9), "CGPAYER01", new BigDecimal("120.00"), "ACCEPTED",
                    List.of("CPT97530-MUE", "X12-SEGMENT-MISSING"), List.of(new LineRow(1, "LN-1", "97530",
                    List.of("GP", "59"), java.time.LocalDate.of(2026, 1, 8), new BigDecimal("120.00"),
                    new BigDecimal("2.000"), List.of("CPT97530-MUE"), "REJECTED")));
            try (Ledger.ClaimWriter w = ledger.claims(a.file().id())) {
                w.add(row);
                w.add(row);
            }
            try (Ledger.ClaimWriter w = ledger.claims(a.file().id())) {
                w.add(row);
            }
            assertThat(ledger.claimsOf(a.file().id())).containsExactly(row);
            assertThat(ledger.submitted("PCN-1")).isEmpty(); // not yet finished
            ledger.finish(a.file().id(), FileState.DONE, null, List.of(), 1, 0, 1, BatchRules.Accepted.NONE);
            assertThat(ledger.submitted("PCN-1")).hasValueSatisfying(s -> {
                assertThat(s.fileId()).isEqualTo(a.file().id());
                assertThat(s.claim()).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo,
                        BigDecimal.class).isEqualTo(row);
            });
            assertThat(ledger.submitted("PCN-unknown")).isEmpty();
        }
    }
}
