package io.claimgate.remit;

import io.claimgate.finding.Finding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the denial templates see besides the rows: totals, rollups (largest denied amount first), the
 * predicted-against-actual table, unknown codes, unmatched claims, findings, and the geometry of the two charts of
 * the HTML page (a Pareto of denial reasons by dollars, a trend by month of service). A JavaBean over an analysis.
 */
public final class DenialSummary {
    private final DenialAnalysis a;

    public DenialSummary(DenialAnalysis analysis) {
        this.a = analysis;
    }

    public List<String> getFiles() { return List.copyOf(a.files); }
    public long getClaims() { return a.claims; }
    public long getLines() { return a.lines; }
    public long getDeniedLines() { return a.deniedLines; }
    public long getDeniedClaims() { return a.deniedClaims; }
    public BigDecimal getCharges() { return a.charges; }
    public BigDecimal getPaid() { return a.paid; }
    public BigDecimal getDeniedAmount() { return a.deniedAmount; }
    public BigDecimal getAdjustedAmount() { return a.adjustedAmount; }
    public BigDecimal getContractualAmount() { return a.contractualAmount; }
    public BigDecimal getPatientAmount() { return a.patientAmount; }
    public BigDecimal getProviderAdjustments() { return a.providerAdjustments; }
    public long getReversals() { return a.reversals; }
    public long getUnmatchedClaims() { return a.unmatchedClaims; }
    public long getUnmatchedLines() { return a.unmatchedLines; }
    public List<String> getUnmatchedClaimIds() { return List.copyOf(a.unmatchedClaimIds); }
    public long getDenialsWithoutRule() { return a.denialsWithoutRule; }
    public BigDecimal getWithoutRuleAmount() { return a.withoutRuleAmount; }
    public long getFindingsNotListed() { return a.findingsNotListed; }

    /** Whether claims were joined to a ledger (false: {@code --no-ledger}, no predicted-against-actual). */
    public boolean isJoined() { return a.joined(); }

    /** Denied lines over remitted lines (four decimals), or null. */
    public BigDecimal getDenialRate() {
        return a.lines <= 0 ? null : BigDecimal.valueOf(a.deniedLines).divide(BigDecimal.valueOf(a.lines), 4,
                RoundingMode.HALF_UP);
    }

    public List<Rollup> getByPayer() { return sorted(a.byPayer); }
    public List<Rollup> getByProcedure() { return sorted(a.byProcedure); }
    public List<Rollup> getByRenderingNpi() { return sorted(a.byNpi); }
    public List<Rollup> getByGroup() { return sorted(a.byGroup); }
    public List<Rollup> getByCarc() { return sorted(a.byCarc); }
    public List<Rollup> getByRarc() { return sorted(a.byRarc); }

    /** By month of service, in month order. */
    public List<Rollup> getByMonth() {
        List<Rollup> out = new ArrayList<>(a.byMonth.values());
        out.sort(Comparator.comparing(Rollup::getKey));
        return out;
    }

    public List<Prediction> getPredictions() { return List.copyOf(a.predictions.values()); }

    /** Unknown codes as {@code code → count} entries. */
    public List<Map.Entry<String, Long>> getUnknownCodes() { return List.copyOf(a.unknownCodes.entrySet()); }

    /** Findings as beans with ruleId, segment, position and message. */
    public List<Map<String, Object>> getFindings() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : a.findings) {
            out.add(Map.of("ruleId", f.ruleId(), "interchange", nz(f.position().interchangeControl()),
                    "set", nz(f.position().transactionControl()), "segment", nz(f.position().segmentId()),
                    "position", f.position().segmentPosition(), "message", nz(f.message())));
        }
        return out;
    }

    /** The denial reasons (group-CARC) by denied dollars with the recommended action, largest first (top 10). */
    public List<Map<String, Object>> getTopFixable() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rollup r : sorted(a.byCarc)) {
            if (out.size() == 10 || r.getDeniedAmount().signum() <= 0) {
                break;
            }
            String action = a.actions.entrySet().stream().filter(e -> e.getKey().endsWith("-" + r.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            out.add(Map.of("carc", r.getKey(), "count", r.getDenied(), "amount", r.getDeniedAmount(),
                    "action", action));
        }
        return out;
    }

    /** Bars of the Pareto chart: label, amount, x, y, width, height, and the cumulative share line's point. */
    public List<Map<String, Object>> getParetoBars() {
        List<Rollup> reasons = sorted(a.byCarc).stream().filter(r -> r.getDeniedAmount().signum() > 0).limit(12)
                .toList();
        BigDecimal total = reasons.stream().map(Rollup::getDeniedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal max = reasons.isEmpty() ? BigDecimal.ONE : reasons.get(0).getDeniedAmount();
        List<Map<String, Object>> bars = new ArrayList<>();
        BigDecimal running = BigDecimal.ZERO;
        int width = reasons.isEmpty() ? 0 : Math.min(90, 560 / reasons.size());
        for (int i = 0; i < reasons.size(); i++) {
            Rollup r = reasons.get(i);
            running = running.add(r.getDeniedAmount());
            int h = r.getDeniedAmount().multiply(BigDecimal.valueOf(200)).divide(max, 0, RoundingMode.HALF_UP)
                    .intValue();
            int x = 40 + i * width;
            int cumulativeY = 220 - running.multiply(BigDecimal.valueOf(200)).divide(total, 0, RoundingMode.HALF_UP)
                    .intValue();
            bars.add(Map.of("label", r.getKey(), "amount", r.getDeniedAmount(), "x", x, "y", 220 - h,
                    "width", Math.max(1, width - 6), "height", h, "cx", x + width / 2, "cy", cumulativeY));
        }
        return bars;
    }

    /**
     * Points of the trend chart: month, denied amount, x, y — every month from the first to the last month of
     * service, those without denials at zero.
     */
    public List<Map<String, Object>> getTrendPoints() {
        List<Rollup> known = getByMonth().stream().filter(r -> !r.getKey().equals("unknown")).toList();
        List<Map<String, Object>> points = new ArrayList<>();
        if (known.isEmpty()) {
            return points;
        }
        Map<String, BigDecimal> byMonth = new java.util.HashMap<>();
        known.forEach(r -> byMonth.put(r.getKey(), r.getDeniedAmount()));
        java.time.YearMonth first = java.time.YearMonth.parse(known.get(0).getKey());
        java.time.YearMonth last = java.time.YearMonth.parse(known.get(known.size() - 1).getKey());
        List<java.time.YearMonth> months = new ArrayList<>();
        for (java.time.YearMonth m = first; !m.isAfter(last) && months.size() < 120; m = m.plusMonths(1)) {
            months.add(m);
        }
        BigDecimal max = byMonth.values().stream().max(BigDecimal::compareTo).filter(m -> m.signum() > 0)
                .orElse(BigDecimal.ONE);
        int step = months.size() <= 1 ? 0 : 520 / (months.size() - 1);
        for (int i = 0; i < months.size(); i++) {
            BigDecimal amount = byMonth.getOrDefault(months.get(i).toString(), BigDecimal.ZERO);
            int y = 220 - amount.max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(200))
                    .divide(max, 0, RoundingMode.HALF_UP).intValue();
            points.add(Map.of("month", months.get(i).toString(), "amount", amount, "x", 60 + i * step, "y", y,
                    "label", i == 0 || i == months.size() - 1 || months.size() <= 12 || i % 3 == 0));
        }
        return points;
    }

    /** The largest amount of each chart, for its axis label. */
    public BigDecimal getParetoMax() {
        return sorted(a.byCarc).stream().map(Rollup::getDeniedAmount).filter(d -> d.signum() > 0).findFirst()
                .orElse(BigDecimal.ZERO);
    }

    public BigDecimal getTrendMax() {
        return getByMonth().stream().filter(r -> !r.getKey().equals("unknown")).map(Rollup::getDeniedAmount)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO).max(BigDecimal.ZERO);
    }

    private static List<Rollup> sorted(Map<String, Rollup> map) {
        List<Rollup> out = new ArrayList<>(map.values());
        out.sort(Comparator.comparing(Rollup::getDeniedAmount).reversed().thenComparing(Rollup::getKey));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
