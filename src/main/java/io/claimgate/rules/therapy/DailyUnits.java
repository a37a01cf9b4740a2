package io.claimgate.rules.therapy;

import io.claimgate.config.PayerPolicy;
import io.claimgate.finding.Correction;
import io.claimgate.finding.Finding;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Severity;
import io.claimgate.finding.X12Position;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code CPT97530-MUE}: the 97530 units of one patient on one date, summed over the lines and claims of the batch in
 * reading order, may not pass the payer's daily limit. The index is compact — per 97530 line a hashed patient-day
 * key, the units and where the line is — never the claims. A claim whose line crosses the limit is rejected (its
 * units then do not count), or, when the policy says {@code CAP}, that line's units are lowered to fit and the claim
 * is corrected. Claims rejected for other reasons do not count either.
 */
public final class DailyUnits {

    /** One 97530 line as the index keeps it. */
    public record Contribution(long claimOrdinal, int setOrdinal, long dayKey, int units, int position, int limit,
                               boolean cap, String interchangeControl, String groupControl, String setControl) {
    }

    private final List<Contribution> contributions = new ArrayList<>();

    public void add(Contribution c) {
        contributions.add(c);
    }

    public void addAll(DailyUnits other) {
        contributions.addAll(other.contributions);
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    /** Decides the claims of this file in reading order, starting from units accepted earlier in the batch. */
    public Map<Long, List<Finding>> check(Map<Long, Integer> acceptedEarlier,
                                          java.util.function.Predicate<Contribution> rejectedOtherwise) {
        Contribution[] sorted = contributions.toArray(Contribution[]::new);
        Arrays.sort(sorted, (a, b) -> a.claimOrdinal != b.claimOrdinal ? Long.compare(a.claimOrdinal, b.claimOrdinal)
                : Integer.compare(a.position, b.position));
        Map<Long, Integer> totals = new HashMap<>(acceptedEarlier);
        Map<Long, List<Finding>> findings = new HashMap<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j].claimOrdinal == sorted[i].claimOrdinal) {
                j++;
            }
            if (!rejectedOtherwise.test(sorted[i])) {
                decideClaim(Arrays.copyOfRange(sorted, i, j), totals, findings);
            }
            i = j;
        }
        return findings;
    }

    private static void decideClaim(Contribution[] lines, Map<Long, Integer> totals,
                                    Map<Long, List<Finding>> findings) {
        Map<Long, Integer> claimTotals = new HashMap<>();
        List<Finding> claimFindings = new ArrayList<>();
        boolean rejected = false;
        for (Contribution c : lines) {
            int before = totals.getOrDefault(c.dayKey, 0) + claimTotals.getOrDefault(c.dayKey, 0);
            int units = c.units;
            if (before + units > c.limit) {
                X12Position where = new X12Position(c.interchangeControl, c.groupControl, c.setControl, "SV1",
                        c.position, "2400", 4, 0, 0, "380");
                int room = c.limit - before;
                if (c.cap && room > 0) {
                    claimFindings.add(Finding.corrected(TherapyRule.MUE, where, TherapyRule.MUE.summary()
                            + "; units lowered to the daily limit", new Correction(c.position, "SV104",
                            Correction.Action.SET_UNITS, Integer.toString(room), Integer.toString(units),
                            Integer.toString(room))));
                    units = room;
                } else {
                    claimFindings.add(new Finding(TherapyRule.MUE, Severity.ERROR, where, TherapyRule.MUE.summary(),
                            null, Outcome.REJECTED));
                    rejected = true;
                }
            }
            claimTotals.merge(c.dayKey, units, Integer::sum);
        }
        if (!claimFindings.isEmpty()) {
            findings.put(lines[0].claimOrdinal, claimFindings);
        }
        if (!rejected) {
            claimTotals.forEach((k, v) -> totals.merge(k, v, Integer::sum));
        }
    }

    /** Units of the claims that were accepted, by day, for the next file of the batch. */
    public static void accepted(DailyUnits index, java.util.function.Predicate<Contribution> rejected,
                                Map<Long, List<Finding>> decided, Map<Long, Integer> into) {
        for (Contribution c : index.contributions) {
            if (rejected.test(c)) {
                continue;
            }
            int units = c.units;
            for (Finding f : decided.getOrDefault(c.claimOrdinal, List.of())) {
                if (f.correction() != null && f.correction().segmentPosition() == c.position) {
                    units = Integer.parseInt(f.correction().to());
                }
            }
            into.merge(c.dayKey, units, Integer::sum);
        }
    }

    /** The policy's limit for 97530 and whether it caps instead of rejecting. */
    static int limit(PayerPolicy policy, io.claimgate.config.ReferenceTables tables) {
        return io.claimgate.config.Policies.mueUnits(policy, tables, LineReview.CODE);
    }
}
