package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import io.claimgate.finding.Finding;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Severity;
import io.claimgate.finding.X12Position;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The rules that span claims and files of one batch, decided together in reading order over a compact index of
 * 97530 lines (hashed patient and date, units as they will be billed, where the line is), never over held claims:
 * <ul>
 *   <li>{@code CPT97530-MUE}: a patient's 97530 units on one date may not pass the payer's daily limit; the claim
 *       whose line crosses it is rejected, or, when the policy says {@code CAP}, that line's units are lowered to
 *       fit and the claim is corrected;</li>
 *   <li>{@code CPT97530-KX-THRESHOLD} / {@code -KX-UNSUPPORTED} (policies with KX): the beneficiary's estimated
 *       therapy amount for the year and bucket (PT and SLP together, OT apart) — imported year-to-date amounts plus
 *       the batch's accepted lines at the policy's estimate per unit — may not pass the year's threshold on a line
 *       without KX (rejected: KX is never added); KX on a line still under it is a warning.</li>
 * </ul>
 * A claim rejected for any reason, here or by another rule, adds nothing to the units or the amounts.
 */
public final class BatchRules {

    /**
     * One 97530 line in the index.
     *
     * @param units     units as the line will be billed (after minutes to units), at most {@link #MAX_UNITS}
     * @param limit     the policy's daily 97530 limit; {@code cap} whether crossing it caps instead of rejecting
     * @param member    the subscriber's member id, for KX (null when the policy has no KX)
     * @param bucket    {@code PT_SLP} or {@code OT} by the line's (derived) discipline, or null
     * @param estimate  the policy's estimate per unit; {@code threshold} the year's KX threshold (null without KX)
     */
    public record Line(long claimOrdinal, int setOrdinal, int position, long dayKey, int units, int limit, boolean cap,
                       String member, int year, String bucket, BigDecimal estimate, BigDecimal threshold, boolean kx,
                       String interchangeControl, String groupControl, String setControl) {
    }

    /** Units beyond any daily limit; larger values are held at this so arithmetic stays in range. */
    public static final int MAX_UNITS = 1_000_000;

    /** The lines of one file (or share of a file). */
    public static final class Index {
        private final List<Line> lines = new ArrayList<>();

        public void add(Line line) {
            lines.add(line);
        }

        public void addAll(Index other) {
            lines.addAll(other.lines);
        }
    }

    /**
     * What earlier batches accepted, kept outside the process (the gateway's ledger): units by patient-day key and
     * therapy amounts by {@code member|year|bucket} key. Asked once per file for the keys the file's lines use.
     */
    public interface History {
        Map<Long, Integer> units(java.util.Set<Long> dayKeys);

        Map<String, BigDecimal> spent(java.util.Set<String> spendKeys);
    }

    /** What one file added to the state: units by patient-day key, amounts by spend key. */
    public record Accepted(Map<Long, Integer> units, Map<String, BigDecimal> spent) {
        public static final Accepted NONE = new Accepted(Map.of(), Map.of());

        public Accepted {
            units = Map.copyOf(units);
            spent = Map.copyOf(spent);
        }
    }

    /**
     * What the batch has accepted so far: units by patient-day, amounts by member, year and bucket. A fork reads
     * through to its parent and keeps only its own changes, so deciding a file costs what the file adds. A root
     * state may start from a {@link History} (what earlier batches accepted) for the keys of one file's lines.
     */
    public static final class State {
        private final State parent;
        private final Map<Long, Integer> units = new HashMap<>();
        private final Map<String, BigDecimal> spent = new HashMap<>();
        private final Map<Long, Integer> baseUnits = new HashMap<>();
        private final Map<String, BigDecimal> baseSpent = new HashMap<>();
        private final Map<String, BigDecimal> imported;

        /** @param imported year-to-date amounts from {@code config/ytd}, keyed {@code member|year|bucket} */
        public State(Map<String, BigDecimal> imported) {
            this(null, imported);
        }

        private State(State parent, Map<String, BigDecimal> imported) {
            this.parent = parent;
            this.imported = imported;
        }

        /** A root state holding what {@code history} knows of the keys of {@code index}'s lines. */
        public static State fromHistory(Map<String, BigDecimal> imported, History history, Index index) {
            State state = new State(imported);
            java.util.Set<Long> days = new java.util.HashSet<>();
            java.util.Set<String> spends = new java.util.HashSet<>();
            for (Line l : index.lines) {
                days.add(l.dayKey());
                if (l.member() != null && l.bucket() != null && l.threshold() != null) {
                    spends.add(spendKey(l));
                }
            }
            if (!days.isEmpty()) {
                state.baseUnits.putAll(history.units(days));
            }
            if (!spends.isEmpty()) {
                state.baseSpent.putAll(history.spent(spends));
            }
            return state;
        }

        /** A view to decide one file on; {@link #adopt} it once the file's outputs are committed. */
        public State fork() {
            return new State(this, imported);
        }

        /** Takes over what a fork accepted. */
        public void adopt(State fork) {
            units.putAll(fork.units);
            spent.putAll(fork.spent);
        }

        /** What this state added over its parent (or over its history, for a root). */
        public Accepted added() {
            Map<Long, Integer> u = new HashMap<>();
            units.forEach((k, v) -> u.put(k, v - (parent == null ? baseUnits.getOrDefault(k, 0) : parent.units(k))));
            Map<String, BigDecimal> s = new HashMap<>();
            spent.forEach((k, v) -> s.put(k, v.subtract(parent == null ? baseSpent.getOrDefault(k, BigDecimal.ZERO)
                    : parent.spent(k))));
            u.values().removeIf(v -> v == 0);
            s.values().removeIf(v -> v.signum() == 0);
            return new Accepted(u, s);
        }

        int units(long dayKey) {
            Integer own = units.get(dayKey);
            return own != null ? own : parent == null ? baseUnits.getOrDefault(dayKey, 0) : parent.units(dayKey);
        }

        BigDecimal spent(String key) {
            BigDecimal own = spent.get(key);
            return own != null ? own : parent == null ? baseSpent.getOrDefault(key, BigDecimal.ZERO)
                    : parent.spent(key);
        }

        void addUnits(long dayKey, int value) {
            units.put(dayKey, units(dayKey) + value);
        }

        void addSpent(String key, BigDecimal value) {
            spent.put(key, spent(key).add(value));
        }
    }

    static String spendKey(Line l) {
        return l.member() + "|" + l.year() + "|" + l.bucket();
    }

    private BatchRules() {
    }

    /** Decides the index's claims in reading order; the state takes the claims accepted. */
    public static Map<Long, List<Finding>> decide(Index index, State state, LongPredicate rejectedOtherwise) {
        List<Line> sorted = new ArrayList<>(index.lines);
        sorted.sort(Comparator.comparingLong(Line::claimOrdinal).thenComparingInt(Line::position));
        Map<Long, List<Finding>> findings = new HashMap<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).claimOrdinal() == sorted.get(i).claimOrdinal()) {
                j++;
            }
            List<Line> claim = sorted.subList(i, j);
            i = j;
            if (!rejectedOtherwise.test(claim.get(0).claimOrdinal())) {
                decideClaim(claim, state, findings);
            }
        }
        return findings;
    }

    private static void decideClaim(List<Line> lines, State state, Map<Long, List<Finding>> findings) {
        Map<Long, Integer> claimUnits = new HashMap<>();
        Map<String, BigDecimal> claimSpend = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        boolean rejected = false;
        for (Line l : lines) {
            X12Position where = new X12Position(l.interchangeControl(), l.groupControl(), l.setControl(), "SV1",
                    l.position(), "2400", 4, 0, 0, "380");
            int before = state.units(l.dayKey()) + claimUnits.getOrDefault(l.dayKey(), 0);
            int units = l.units();
            if (before + units > l.limit()) {
                int room = l.limit() - before;
                if (l.cap() && room > 0) {
                    out.add(Finding.corrected(TherapyRule.MUE, where, TherapyRule.MUE.summary()
                            + "; units lowered to the daily limit", new Correction(l.position(), "SV104",
                            Correction.Action.SET_UNITS, Integer.toString(room), Integer.toString(units),
                            Integer.toString(room))));
                    units = room;
                } else {
                    out.add(new Finding(TherapyRule.MUE, Severity.ERROR, where, TherapyRule.MUE.summary(), null,
                            Outcome.REJECTED));
                    rejected = true;
                }
            }
            claimUnits.merge(l.dayKey(), units, Integer::sum);
            if (l.member() != null && l.bucket() != null && l.threshold() != null) {
                String key = spendKey(l);
                BigDecimal amount = l.estimate().multiply(BigDecimal.valueOf(units));
                BigDecimal total = state.imported.getOrDefault(key, BigDecimal.ZERO)
                        .add(state.spent(key))
                        .add(claimSpend.getOrDefault(key, BigDecimal.ZERO)).add(amount);
                X12Position modifiers = where.withElement(1, 0, 0).withDataElement(null);
                boolean over = total.compareTo(l.threshold()) > 0;
                if (over && !l.kx()) {
                    out.add(new Finding(TherapyRule.KX_THRESHOLD, Severity.ERROR, modifiers,
                            TherapyRule.KX_THRESHOLD.summary(), null, Outcome.REJECTED));
                    rejected = true;
                } else if (!over && l.kx()) {
                    out.add(new Finding(TherapyRule.KX_UNSUPPORTED, Severity.WARNING, modifiers,
                            TherapyRule.KX_UNSUPPORTED.summary(), null, Outcome.WARNED));
                }
                claimSpend.merge(key, amount, BigDecimal::add);
            }
        }
        if (!out.isEmpty()) {
            findings.put(lines.get(0).claimOrdinal(), out);
        }
        if (!rejected) {
            claimUnits.forEach(state::addUnits);
            claimSpend.forEach(state::addSpent);
        }
    }
}
