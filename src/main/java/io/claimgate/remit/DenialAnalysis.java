package io.claimgate.remit;

import io.claimgate.config.RemitCodes;
import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.ledger.ClaimRow;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LineRow;
import io.claimgate.model.Adjustment;
import io.claimgate.model.ProviderAdjustment;
import io.claimgate.model.Remittance;
import io.claimgate.model.RemittedClaim;
import io.claimgate.model.RemittedLine;
import io.claimgate.report.DenialRow;
import io.claimgate.rules.RemitRule;
import io.claimgate.x12.RemitReader;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Analyses the remittances of one or more 835 files. For each claim and line: checks balancing, classifies every
 * adjustment, joins it to the submitted claim and line, and streams one {@link DenialRow} per adjustment to the
 * row sink; keeps only totals, rollups and the predicted-against-actual counts.
 *
 * <p>The denial definition (the README states it): an adjustment in group CO, OA or PI whose CARC is not a
 * contractual write-off (CO-45, 59, 253) is a <b>denial</b> when its line paid nothing (SVC03 = 0) or its claim
 * was denied (CLP02 = 4), else an <b>adjusted</b> amount (a reduction of a paid line). Write-offs are
 * <b>contractual</b>, group PR is <b>patient</b> responsibility: both reported, never counted as denials. A line
 * is denied when it has a denial. A reversal (CLP02 = 22) counts every line and claim with sign -1 and its amounts
 * as sent (negative), so a reversed and re-adjudicated claim is counted once.
 */
public final class DenialAnalysis implements RemitReader.Handler {
    public static final String DENIED = "DENIED";
    public static final String ADJUSTED = "ADJUSTED";
    public static final String CONTRACTUAL = "CONTRACTUAL";
    public static final String PATIENT = "PATIENT";
    static final int MAX_LISTED = 1_000;

    private final RemitCodes codes;
    private final Function<String, Optional<Ledger.SubmittedClaim>> submissions;
    private final Consumer<DenialRow> rows;
    private final boolean joined;
    private String file = "";

    // totals
    long claims;
    long lines;
    long deniedLines;
    long deniedClaims;
    BigDecimal charges = BigDecimal.ZERO;
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal deniedAmount = BigDecimal.ZERO;
    BigDecimal adjustedAmount = BigDecimal.ZERO;
    BigDecimal contractualAmount = BigDecimal.ZERO;
    BigDecimal patientAmount = BigDecimal.ZERO;
    BigDecimal providerAdjustments = BigDecimal.ZERO;
    long reversals;
    long unmatchedClaims;
    long unmatchedLines;
    long denialsWithoutRule;
    BigDecimal withoutRuleAmount = BigDecimal.ZERO;
    final Set<String> unmatchedClaimIds = new LinkedHashSet<>();
    final Map<String, Long> unknownCodes = new TreeMap<>();
    final List<Finding> findings = new ArrayList<>();
    long findingsNotListed;
    final Set<String> files = new LinkedHashSet<>();

    // rollups
    final Map<String, Rollup> byPayer = new HashMap<>();
    final Map<String, Rollup> byProcedure = new HashMap<>();
    final Map<String, Rollup> byNpi = new HashMap<>();
    final Map<String, Rollup> byMonth = new HashMap<>();
    final Map<String, Rollup> byGroup = new HashMap<>();
    final Map<String, Rollup> byCarc = new HashMap<>();
    final Map<String, Rollup> byRarc = new HashMap<>();
    final Map<String, Prediction> predictions = new TreeMap<>();
    final Map<String, String> actions = new HashMap<>();

    // the transaction being read
    private BigDecimal setPaid = BigDecimal.ZERO;
    private BigDecimal setProviderAdjustments = BigDecimal.ZERO;

    /**
     * @param submissions the submitted claim for a CLP01 (the ledger's {@code submitted}), or empty
     * @param rows        receives each classified adjustment
     */
    public DenialAnalysis(RemitCodes codes, Function<String, Optional<Ledger.SubmittedClaim>> submissions,
                          Consumer<DenialRow> rows) {
        this(codes, submissions, rows, true);
    }

    /** @param joined whether {@code submissions} is a real ledger (false: nothing to compare with, say so) */
    public DenialAnalysis(RemitCodes codes, Function<String, Optional<Ledger.SubmittedClaim>> submissions,
                          Consumer<DenialRow> rows, boolean joined) {
        this.codes = codes;
        this.submissions = submissions;
        this.rows = rows;
        this.joined = joined;
    }

    boolean joined() {
        return joined;
    }

    /** The name of the file about to be read (for the rows and the summary). */
    public void file(String name) {
        this.file = name;
        files.add(name);
    }

    @Override
    public void remittanceStart(Remittance remittance) {
        setPaid = BigDecimal.ZERO;
        setProviderAdjustments = BigDecimal.ZERO;
    }

    @Override
    public void remittanceEnd(Remittance r) {
        if (r != null && r.totalPaid() != null) {
            BigDecimal expected = setPaid.subtract(setProviderAdjustments);
            BigDecimal total = "D".equals(r.creditDebit()) ? r.totalPaid().negate() : r.totalPaid();
            if (total.compareTo(expected) != 0) {
                finding(RemitRule.PAYMENT_UNBALANCED, r, "BPR", 0, "BPR02 " + total.toPlainString()
                        + " but claims paid less provider adjustments is " + expected.toPlainString());
            }
        }
    }

    @Override
    public void providerAdjustment(ProviderAdjustment adjustment) {
        setProviderAdjustments = setProviderAdjustments.add(adjustment.amount());
        providerAdjustments = providerAdjustments.add(adjustment.amount());
    }

    /** Files (or interchanges) that could not be read as X12 at all. */
    public long unreadable() {
        return unreadable;
    }

    private long unreadable;

    @Override
    public void finding(Finding finding) {
        if (finding.rule() == io.claimgate.x12.X12Rule.NOT_X12
                || finding.rule() == io.claimgate.x12.X12Rule.INTERCHANGE_UNREADABLE) {
            unreadable++;
        }
        if (findings.size() < MAX_LISTED) {
            findings.add(finding);
        } else {
            findingsNotListed++;
        }
    }

    @Override
    public void claim(RemittedClaim claim) {
        int sign = claim.reversal() ? -1 : 1;
        claims += sign;
        if (claim.reversal()) {
            reversals++;
        }
        setPaid = setPaid.add(claim.paid());
        paid = paid.add(claim.paid());
        Remittance r = claim.remittance();
        String payer = r == null ? "" : firstNonBlank(r.payerId(), r.payerName(), "unknown");

        // claim balancing
        BigDecimal adjustments = sum(claim.adjustments());
        for (RemittedLine l : claim.lines()) {
            adjustments = adjustments.add(sum(l.adjustments()));
        }
        if (claim.charge().subtract(adjustments).compareTo(claim.paid()) != 0) {
            finding(RemitRule.CLAIM_UNBALANCED, r, "CLP", claim.position(), "CLP03 less adjustments is "
                    + claim.charge().subtract(adjustments).toPlainString() + ", CLP04 is "
                    + claim.paid().toPlainString());
        }

        Optional<Ledger.SubmittedClaim> submitted = claim.claimId() == null || claim.claimId().isBlank()
                ? Optional.empty() : submissions.apply(claim.claimId());
        if (submitted.isEmpty()) {
            unmatchedClaims += sign; // like the claim count: a reversal takes its original back out
            if (unmatchedClaimIds.size() < MAX_LISTED) {
                unmatchedClaimIds.add(claim.claimId());
            }
            finding(RemitRule.CLAIM_UNMATCHED, r, "CLP", claim.position(), RemitRule.CLAIM_UNMATCHED.summary());
        }
        ClaimRow sub = submitted.map(Ledger.SubmittedClaim::claim).orElse(null);
        boolean claimDenied = "4".equals(claim.status());
        String npi = firstNonBlank(claim.renderingNpi(), "unknown");

        Set<Integer> used = new HashSet<>();
        for (RemittedLine line : claim.lines()) {
            if (line.charge().subtract(sum(line.adjustments())).compareTo(line.paid()) != 0) {
                finding(RemitRule.LINE_UNBALANCED, r, "SVC", line.position(), "SVC02 less adjustments is "
                        + line.charge().subtract(sum(line.adjustments())).toPlainString() + ", SVC03 is "
                        + line.paid().toPlainString());
            }
            Match match = sub == null ? Match.none() : match(line, sub, used);
            if (sub != null && match.line() == null) {
                unmatchedLines += sign;
                finding(RemitRule.LINE_UNMATCHED, r, "SVC", line.position(), RemitRule.LINE_UNMATCHED.summary());
            }
            unknownRemarks(line.remarks(), claim, line);
            String procedure = procedure(line);
            String month = month(firstNonBlank(line.serviceDate(), claim.statementDate(), ""));
            List<Rollup> lineKeys = List.of(rollup(byPayer, payer), rollup(byProcedure, procedure),
                    rollup(byNpi, npi), rollup(byMonth, month));
            lines += sign;
            charges = charges.add(line.charge());
            lineKeys.forEach(k -> k.line(sign, line.charge()));
            boolean lineDenied = false;
            BigDecimal lineDeniedAmount = BigDecimal.ZERO;
            boolean lineReduced = false;
            for (Adjustment a : line.adjustments()) {
                String kind = kind(a, line.paid().signum() == 0 || claimDenied);
                Row row = classify(claim, line, a, kind, line.remarks(), sub, match, payer, sign);
                if (kind.equals(DENIED)) {
                    lineDenied = true;
                    lineDeniedAmount = lineDeniedAmount.add(a.amount());
                } else if (kind.equals(ADJUSTED)) {
                    lineReduced = true;
                }
                rows.accept(row.row);
            }
            if (lineDenied) {
                deniedLines += sign;
                BigDecimal amount = lineDeniedAmount;
                lineKeys.forEach(k -> k.denied(sign, amount));
            } else if (!lineReduced && line.paid().signum() != 0 && match.line() != null
                    && !"CORRECTED".equals(match.line().action())) {
                // paid without a reduction although a rule fired and the gateway passed (or rejected) the line
                // unchanged: a false alarm (a corrected line that is paid is the correction working)
                for (String rule : match.line().ruleIds()) {
                    prediction(rule).paid(sign);
                }
            }
        }
        unknownRemarks(claim.remarks(), claim, null);
        // claim-level adjustments (and a denied claim without lines)
        boolean claimLevelDenied = false;
        BigDecimal claimDeniedAmount = BigDecimal.ZERO;
        for (Adjustment a : claim.adjustments()) {
            String kind = kind(a, claim.paid().signum() == 0 || claimDenied);
            Row row = classify(claim, null, a, kind, claim.remarks(), sub, sub == null ? Match.none()
                    : new Match(null, "CLAIM"), payer, sign);
            if (kind.equals(DENIED)) {
                claimLevelDenied = true;
                claimDeniedAmount = claimDeniedAmount.add(a.amount());
            }
            rows.accept(row.row);
        }
        if (claim.lines().isEmpty()) {
            String month = month(firstNonBlank(claim.statementDate(), ""));
            List<Rollup> keys = List.of(rollup(byPayer, payer), rollup(byProcedure, "(claim)"),
                    rollup(byNpi, npi), rollup(byMonth, month));
            lines += sign;
            charges = charges.add(claim.charge());
            keys.forEach(k -> k.line(sign, claim.charge()));
            if (claimLevelDenied) {
                deniedLines += sign;
                BigDecimal amount = claimDeniedAmount;
                keys.forEach(k -> k.denied(sign, amount));
            }
        }
        if (claimDenied) {
            deniedClaims += sign;
        }
    }

    /** See the class comment. */
    String kind(Adjustment a, boolean nothingPaid) {
        if ("PR".equals(a.group())) {
            return PATIENT;
        }
        RemitCodes.Code carc = codes.carcs().get(a.reason());
        if (carc != null && carc.writeOff()) {
            return CONTRACTUAL;
        }
        return nothingPaid ? DENIED : ADJUSTED;
    }

    private record Row(DenialRow row) {
    }

    private record Match(LineRow line, String how) {
        static Match none() {
            return new Match(null, "NONE");
        }
    }

    private Row classify(RemittedClaim claim, RemittedLine line, Adjustment a, String kind, List<String> remarks,
                         ClaimRow sub, Match match, String payer, int sign) {
        RemitCodes.Code carc = codes.carcs().get(a.reason());
        if (carc == null) {
            unknown("CARC " + a.reason(), claim, line);
        }
        String category = carc == null ? "UNKNOWN" : carc.category();
        switch (kind) {
            case DENIED -> deniedAmount = deniedAmount.add(a.amount());
            case ADJUSTED -> adjustedAmount = adjustedAmount.add(a.amount());
            case CONTRACTUAL -> contractualAmount = contractualAmount.add(a.amount());
            default -> patientAmount = patientAmount.add(a.amount());
        }
        String rule = "";
        String flagged = "";
        String action = "";
        if (kind.equals(DENIED) || kind.equals(ADJUSTED)) {
            rollup(byGroup, a.group()).denied(sign, a.amount());
            rollup(byCarc, a.reason()).denied(sign, a.amount());
            for (String rarc : remarks.isEmpty() ? List.of("(none)") : remarks) {
                rollup(byRarc, rarc).denied(sign, a.amount());
            }
        }
        List<String> gatewayRules = match.line() != null ? match.line().ruleIds()
                : sub != null && line == null ? sub.ruleIds() : List.of();
        String gatewayAction = match.line() != null ? match.line().action() : sub != null ? sub.status() : "";
        if (kind.equals(DENIED)) {
            Optional<RemitCodes.Prevention> p = codes.prevention(a.group(), a.reason(), remarks);
            if (p.isPresent()) {
                rule = p.get().rule();
                action = p.get().action();
                boolean hit = gatewayRules.contains(rule) || sub != null && sub.ruleIds().contains(rule);
                flagged = hit ? "Y" : "N";
                if (sub != null) {
                    prediction(rule).denial(hit, sign, a.amount());
                }
            } else {
                denialsWithoutRule += sign;
                withoutRuleAmount = withoutRuleAmount.add(a.amount());
                action = category.equals("DOC") ? "Appeal with the documentation"
                        : category.equals("ELIG") ? "Check eligibility and coordination of benefits"
                        : category.equals("CON") ? "Check the plan's coverage and contract" : "Review the denial";
            }
            actions.putIfAbsent(a.group() + "-" + a.reason(), action);
        }
        DenialRow row = DenialRow.of(file, payer, claim.claimId(), nz(claim.payerClaimNumber()), claim.status(),
                claim.reversal() ? "Y" : "N", line == null ? iso(claim.statementDate()) : iso(line.serviceDate()),
                line == null ? "" : nz(line.procedure()), line == null ? "" : String.join(":", line.modifiers()),
                line == null || line.units() == null ? "" : line.units().toPlainString(),
                (line == null ? claim.charge() : line.charge()).toPlainString(),
                (line == null ? claim.paid() : line.paid()).toPlainString(), a.group(), a.reason(),
                String.join(" ", remarks), category, kind, a.amount().toPlainString(),
                carc == null ? "" : carc.meaning(), rule, flagged, gatewayAction, String.join(" ", gatewayRules),
                action, match.how());
        return new Row(row);
    }

    private Match match(RemittedLine line, ClaimRow sub, Set<Integer> used) {
        if (line.lineControl() != null) {
            for (LineRow l : sub.lines()) {
                if (line.lineControl().equals(l.lineControl()) && used.add(l.lineSeq())) {
                    return new Match(l, "REF-6R");
                }
            }
        }
        String procedure = line.submittedProcedure() != null ? line.submittedProcedure() : line.procedure();
        LocalDate date = date(line.serviceDate());
        for (LineRow l : sub.lines()) {
            if (used.contains(l.lineSeq())) {
                continue;
            }
            boolean same = procedure != null && procedure.equals(l.procedure())
                    && new HashSet<>(line.modifiers()).equals(new HashSet<>(l.modifiers()))
                    && (date == null || date.equals(l.serviceDate()))
                    && l.charge() != null && l.charge().compareTo(line.charge()) == 0;
            if (same) {
                used.add(l.lineSeq());
                return new Match(l, "CODE-DATE-CHARGE");
            }
        }
        return Match.none();
    }

    private void unknownRemarks(List<String> remarks, RemittedClaim claim, RemittedLine line) {
        for (String rarc : remarks) {
            if (!codes.rarcs().containsKey(rarc)) {
                unknown("RARC " + rarc, claim, line);
            }
        }
    }

    private final Set<String> unknownReported = new HashSet<>();

    private void unknown(String code, RemittedClaim claim, RemittedLine line) {
        unknownCodes.merge(code, 1L, Long::sum);
        if (unknownReported.add(code)) {
            // the message names the code list only; the code itself (text from the remit) is the bad value
            Remittance r = claim.remittance();
            finding(Finding.of(RemitRule.CODE_UNKNOWN, new X12Position(r == null ? null : r.interchangeControl(),
                    null, r == null ? null : r.setControl(), "CAS", line == null ? claim.position()
                    : line.position(), null, 0, 0, 0, null), "unknown " + code.substring(0, code.indexOf(' ')))
                    .withBadValue(code.substring(code.indexOf(' ') + 1)));
        }
    }

    Prediction prediction(String rule) {
        return predictions.computeIfAbsent(rule, Prediction::new);
    }

    private static Rollup rollup(Map<String, Rollup> map, String key) {
        return map.computeIfAbsent(key == null || key.isEmpty() ? "unknown" : key, Rollup::new);
    }

    private void finding(RemitRule rule, Remittance r, String segment, int position, String message) {
        finding(Finding.of(rule, new X12Position(r == null ? null : r.interchangeControl(), null,
                r == null ? null : r.setControl(), segment, position, null, 0, 0, 0, null), message));
    }

    private static String procedure(RemittedLine line) {
        String code = line.procedure() == null ? "" : line.procedure();
        return line.modifiers().isEmpty() ? code : code + ":" + String.join(":", line.modifiers());
    }

    private static BigDecimal sum(List<Adjustment> adjustments) {
        BigDecimal s = BigDecimal.ZERO;
        for (Adjustment a : adjustments) {
            s = s.add(a.amount());
        }
        return s;
    }

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    static LocalDate date(String ccyymmdd) {
        if (ccyymmdd == null || ccyymmdd.length() < 8) {
            return null;
        }
        try {
            return LocalDate.parse(ccyymmdd.substring(0, 8), BASIC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String iso(String ccyymmdd) {
        LocalDate d = date(ccyymmdd);
        return d == null ? "" : d.toString();
    }

    private static String month(String ccyymmdd) {
        LocalDate d = date(ccyymmdd);
        return d == null ? "unknown" : d.toString().substring(0, 7);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
