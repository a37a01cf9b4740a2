package io.claimgate.rules.therapy;

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
import java.util.function.Predicate;

/**
 * {@code CPT97530-KX-THRESHOLD} and {@code CPT97530-KX-UNSUPPORTED}, for policies with the KX threshold (Medicare):
 * a beneficiary's estimated allowed therapy amount for the year, per bucket (PT and SLP together, OT apart), is the
 * imported year-to-date amount ({@code config/ytd}) plus the 97530 lines accepted before it in the batch, each unit
 * valued at the policy's estimate. A line that takes the amount past the year's threshold without KX rejects its
 * claim (it is held for review: KX is never added); KX on a line whose amount stays under it is a warning.
 */
public final class KxThreshold {

    /** One 97530 line under a KX policy. */
    public record Line(long claimOrdinal, int setOrdinal, String member, int year, String bucket, BigDecimal amount,
                       BigDecimal threshold, boolean kx, int position, String interchangeControl,
                       String groupControl, String setControl) {
    }

    private final List<Line> lines = new ArrayList<>();

    public void add(Line line) {
        lines.add(line);
    }

    public void addAll(KxThreshold other) {
        lines.addAll(other.lines);
    }

    /** Spend key of a member, year and bucket. */
    static String key(String member, int year, String bucket) {
        return member + "|" + year + "|" + bucket;
    }

    /**
     * Decides in reading order. {@code spent} holds what the batch accepted so far (updated here with the claims
     * this file accepts), {@code imported} the year-to-date file amounts.
     */
    public Map<Long, List<Finding>> check(Map<String, BigDecimal> imported, Map<String, BigDecimal> spent,
                                          Predicate<Line> rejectedOtherwise) {
        List<Line> sorted = new ArrayList<>(lines);
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
            if (rejectedOtherwise.test(claim.get(0))) {
                continue;
            }
            Map<String, BigDecimal> claimSpend = new HashMap<>();
            List<Finding> claimFindings = new ArrayList<>();
            boolean rejected = false;
            for (Line l : claim) {
                String key = key(l.member(), l.year(), l.bucket());
                BigDecimal total = imported.getOrDefault(key, BigDecimal.ZERO)
                        .add(spent.getOrDefault(key, BigDecimal.ZERO))
                        .add(claimSpend.getOrDefault(key, BigDecimal.ZERO)).add(l.amount());
                X12Position where = new X12Position(l.interchangeControl(), l.groupControl(), l.setControl(), "SV1",
                        l.position(), "2400", 1, 0, 0, null);
                boolean over = total.compareTo(l.threshold()) > 0;
                if (over && !l.kx()) {
                    claimFindings.add(new Finding(TherapyRule.KX_THRESHOLD, Severity.ERROR, where,
                            TherapyRule.KX_THRESHOLD.summary(), null, Outcome.REJECTED));
                    rejected = true;
                } else if (!over && l.kx()) {
                    claimFindings.add(new Finding(TherapyRule.KX_UNSUPPORTED, Severity.WARNING, where,
                            TherapyRule.KX_UNSUPPORTED.summary(), null, Outcome.WARNED));
                }
                claimSpend.merge(key, l.amount(), BigDecimal::add);
            }
            if (!claimFindings.isEmpty()) {
                findings.put(claim.get(0).claimOrdinal(), claimFindings);
            }
            if (!rejected) {
                claimSpend.forEach((k, v) -> spent.merge(k, v, BigDecimal::add));
            }
        }
        return findings;
    }
}
