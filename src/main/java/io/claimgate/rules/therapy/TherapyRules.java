package io.claimgate.rules.therapy;

import io.claimgate.config.Configuration;
import io.claimgate.config.PayerPolicy;
import io.claimgate.finding.Finding;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Severity;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Claim;
import io.claimgate.model.HierarchyLevel;
import io.claimgate.model.RawSegment;
import io.claimgate.model.ServiceLine;
import io.claimgate.rules.ClaimCheck;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorFactory;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the CPT 97530 rules on a claim: picks the claim's payer policy (payer id, then claim filing indicator,
 * then the default), builds the review views and validates them with Hibernate Validator, the policy passed as
 * the constraint validator payload. Thread-safe.
 */
public final class TherapyRules implements ClaimCheck, AutoCloseable {
    private static final java.util.Set<String> DIAGNOSIS_QUALIFIERS = java.util.Set.of("ABK", "ABF", "BK", "BF");

    private final Configuration configuration;
    private final ValidatorFactory factory;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    public TherapyRules(Configuration configuration) {
        this.configuration = configuration;
        this.factory = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }

    @Override
    public List<Finding> check(Claim claim) {
        PayerPolicy policy = policy(claim);
        Validator validator = validators.computeIfAbsent(policy.name(), name -> factory
                .unwrap(HibernateValidatorFactory.class).usingContext()
                .constraintValidatorPayload(new RuleContext(policy, configuration.tables()))
                .getValidator());
        List<Finding> findings = new ArrayList<>();
        for (ConstraintViolation<ClaimReview> v : validator.validate(cachedReview(claim))) {
            @SuppressWarnings("unchecked")
            HibernateConstraintViolation<ClaimReview> hv = v.unwrap(HibernateConstraintViolation.class);
            Hit hit = hv.getDynamicPayload(Hit.class);
            if (hit == null) {
                throw new IllegalStateException("therapy violation without a Hit: " + v.getConstraintDescriptor());
            }
            X12Position where = new X12Position(claim.source().interchangeControl(), claim.source().groupControl(),
                    claim.source().setControl(), hit.segment(), hit.position(),
                    "SV1".equals(hit.segment()) ? "2400" : null, hit.element(), hit.component(), 0, null);
            findings.add(hit.correction() == null
                    ? new Finding(hit.rule(), Severity.ERROR, where, v.getMessage(), null, Outcome.REJECTED)
                    : Finding.corrected(hit.rule(), where, v.getMessage(), hit.correction()));
        }
        findings.sort(Comparator.comparingInt((Finding f) -> f.position().segmentPosition())
                .thenComparing(Finding::ruleId).thenComparingInt(f -> f.position().element())
                .thenComparingInt(f -> f.position().component()));
        return chainModifierCorrections(findings);
    }

    /**
     * When one SV101 gets several modifier corrections, each records the element as it was before it and after it
     * in the order they are made ({@link io.claimgate.finding.Correction#ORDER}), not each against the original.
     */
    private static List<Finding> chainModifierCorrections(List<Finding> findings) {
        Map<Integer, List<Integer>> bySegment = new java.util.HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            io.claimgate.finding.Correction c = findings.get(i).correction();
            if (c != null && (c.action() == io.claimgate.finding.Correction.Action.ADD_MODIFIER
                    || c.action() == io.claimgate.finding.Correction.Action.REMOVE_MODIFIER)) {
                bySegment.computeIfAbsent(c.segmentPosition(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Finding> out = new ArrayList<>(findings);
        for (List<Integer> indexes : bySegment.values()) {
            if (indexes.size() < 2) {
                continue;
            }
            indexes.sort(Comparator.comparing(i -> findings.get(i).correction(), io.claimgate.finding.Correction.ORDER));
            List<String> current = new ArrayList<>(List.of(findings.get(indexes.get(0)).correction().from().split(":")));
            for (int i : indexes) {
                Finding f = findings.get(i);
                io.claimgate.finding.Correction c = f.correction();
                String from = String.join(":", current);
                if (c.action() == io.claimgate.finding.Correction.Action.ADD_MODIFIER) {
                    current.add(c.value());
                } else {
                    current.remove(c.value());
                }
                out.set(i, Finding.corrected(f.rule(), f.position(), f.message(), new io.claimgate.finding.Correction(
                        c.segmentPosition(), c.element(), c.action(), c.value(), from, String.join(":", current))));
            }
        }
        return out;
    }

    @Override
    public List<BatchRules.Line> batchLines(Claim claim) {
        ClaimReview review = null;
        int[] units = null;
        PayerPolicy policy = null;
        List<BatchRules.Line> out = new ArrayList<>();
        for (int i = 0; i < claim.lines().size(); i++) {
            ServiceLine l = claim.lines().get(i);
            if (!LineReview.CODE.equals(l.procedureCode())) {
                continue;
            }
            if (review == null) {
                review = cachedReview(claim);
                policy = policy(claim);
                units = billedUnits(review, policy);
            }
            if (units[i] <= 0) {
                continue; // invalid units or minutes: rejected by their own rule
            }
            LineReview line = review.lines().get(i);
            java.time.LocalDate date = Dates.first(l.serviceDate());
            String bucket = null;
            String member = null;
            java.math.BigDecimal threshold = null;
            if (policy.kx().enabled() && date != null) {
                String discipline = Disciplines.effective(review, line, configuration.tables()).orElse("");
                bucket = discipline.equals("GO") ? "OT" : discipline.isEmpty() ? null : "PT_SLP";
                member = memberId(claim);
                threshold = configuration.tables().kxThresholds().get(date.getYear());
            }
            out.add(new BatchRules.Line(claim.ordinal(), claim.source().setOrdinal(), l.position(),
                    fnv64(patientKey(claim) + "|" + l.serviceDate()), units[i],
                    DailyLimit.of(policy, configuration.tables()), policy.mue().overCap() == PayerPolicy.OverCap.CAP,
                    member, date == null ? 0 : date.getYear(), bucket, policy.kx().estimatePerUnit(), threshold,
                    l.modifiers().contains("KX"), claim.source().interchangeControl(), claim.source().groupControl(),
                    claim.source().setControl()));
        }
        return out;
    }

    /**
     * Units each line will be billed with: its whole SV104 in units (held at {@link BatchRules#MAX_UNITS}), or, for
     * a date whose timed lines are all in minutes, the units the policy's time rule gives; 0 where the line's units
     * are invalid (another rule rejects it).
     */
    private int[] billedUnits(ClaimReview claim, PayerPolicy policy) {
        int[] units = new int[claim.lines().size()];
        java.util.Map<String, List<LineReview>> minutesByDate = new java.util.LinkedHashMap<>();
        java.util.Set<String> unitDates = new java.util.HashSet<>();
        for (LineReview l : claim.lines()) {
            boolean timed = configuration.tables().timedCodes().contains(l.code());
            if ("UN".equals(l.basis())) {
                if (timed) {
                    unitDates.add(l.date());
                }
                java.math.BigDecimal q = l.quantity();
                if (q != null && q.signum() > 0 && q.stripTrailingZeros().scale() <= 0) {
                    units[l.index()] = q.compareTo(java.math.BigDecimal.valueOf(BatchRules.MAX_UNITS)) > 0
                            ? BatchRules.MAX_UNITS : q.intValueExact();
                }
            } else if ("MJ".equals(l.basis()) && timed) {
                minutesByDate.computeIfAbsent(l.date(), d -> new ArrayList<>()).add(l);
            }
        }
        minutesByDate.forEach((date, day) -> {
            if (unitDates.contains(date)) {
                return; // mixed: rejected by CPT97530-UNITS-MIXED-BASIS
            }
            int[] minutes = new int[day.size()];
            for (int k = 0; k < day.size(); k++) {
                java.math.BigDecimal q = day.get(k).quantity();
                if (q == null || q.signum() < 0 || q.stripTrailingZeros().scale() > 0
                        || q.compareTo(java.math.BigDecimal.valueOf(1440)) > 0) {
                    return; // invalid minutes: rejected by CPT97530-UNITS-FROM-MINUTES
                }
                minutes[k] = q.intValueExact();
            }
            int[] u = TimedUnits.units(minutes, policy.timeRule());
            for (int k = 0; k < day.size(); k++) {
                units[day.get(k).index()] = u[k];
            }
        });
        return units;
    }

    @Override
    public java.util.Map<String, java.math.BigDecimal> importedYearToDate() {
        return configuration.tables().ytd();
    }

    private static String memberId(Claim claim) {
        if (claim.subscriber() != null) {
            for (RawSegment s : claim.subscriber().segments()) {
                if (s.is("NM1") && "IL".equals(s.element(1))) {
                    return s.element(9);
                }
            }
        }
        return "";
    }

    /**
     * Who the patient is: the subscriber's member id (2010BA NM109) when the subscriber is the patient, else that
     * plus the patient's name and birth date (2010CA). Kept only hashed, inside the day index.
     */
    public static String patientKey(Claim claim) {
        StringBuilder key = new StringBuilder();
        if (claim.subscriber() != null) {
            RawSegment il = null;
            for (RawSegment s : claim.subscriber().segments()) {
                if (s.is("NM1") && "IL".equals(s.element(1))) {
                    il = s;
                }
            }
            key.append(il == null ? "" : il.element(9));
        }
        if (claim.patient() != null) {
            for (RawSegment s : claim.patient().segments()) {
                if (s.is("NM1") && "QC".equals(s.element(1))) {
                    key.append('|').append(s.element(3)).append('|').append(s.element(4));
                } else if (s.is("DMG")) {
                    key.append('|').append(s.element(2));
                }
            }
        }
        return key.toString();
    }

    /** FNV-1a, 64 bits: the day index keeps this, not the patient's identifiers. */
    static long fnv64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The review of the claim last seen on this thread: check and batchLines are asked about one claim in turn. */
    private final ThreadLocal<Object[]> lastReview = ThreadLocal.withInitial(() -> new Object[2]);

    private ClaimReview cachedReview(Claim claim) {
        Object[] last = lastReview.get();
        if (last[0] != claim) {
            last[0] = claim;
            last[1] = review(claim);
        }
        return (ClaimReview) last[1];
    }

    /** The policy for a claim: by the payer id of 2010BB, then SBR09, then the default. */
    public PayerPolicy policy(Claim claim) {
        String payerId = null;
        String filing = null;
        HierarchyLevel subscriber = claim.subscriber();
        if (subscriber != null) {
            for (RawSegment s : subscriber.segments()) {
                if (s.is("NM1") && "PR".equals(s.element(1))) {
                    payerId = s.element(9);
                } else if (s.is("SBR")) {
                    filing = s.element(9);
                }
            }
        }
        return configuration.policies().forClaim(payerId, filing);
    }

    static ClaimReview review(Claim claim) {
        List<LineReview> lines = new ArrayList<>(claim.lines().size());
        for (int i = 0; i < claim.lines().size(); i++) {
            ServiceLine l = claim.lines().get(i);
            List<String> pointers = List.of();
            String taxonomy = "";
            for (RawSegment s : l.segments()) {
                if (s.is("SV1")) {
                    pointers = s.components(7).stream().filter(p -> !p.isEmpty()).toList();
                } else if (s.is("PRV") && "PE".equals(s.element(1))) {
                    taxonomy = s.element(3);
                }
            }
            lines.add(new LineReview(i, l.position(), l.procedureCode(), l.modifiers(), l.unitBasis(), l.quantity(),
                    l.charge(), pointers, l.serviceDate(), taxonomy));
        }
        int diagnoses = 0;
        String renderingTaxonomy = "";
        List<ClaimReview.Npi> npis = new ArrayList<>();
        for (RawSegment s : claim.segments()) {
            if (s.is("LX")) {
                break; // 2300 ends where the first line starts; line NPIs are collected below
            }
            if (s.is("PRV") && "PE".equals(s.element(1))) {
                renderingTaxonomy = s.element(3);
            }
            if (s.is("HI")) {
                for (int e = 1; e <= s.elementCount(); e++) {
                    // diagnoses only (ICD-10 ABK/ABF, ICD-9 BK/BF): not condition or anesthesia codes
                    if (DIAGNOSIS_QUALIFIERS.contains(s.component(e, 1)) && !s.component(e, 2).isEmpty()) {
                        diagnoses++;
                    }
                }
            }
        }
        for (RawSegment s : claim.segments()) {
            addNpi(s, npis);
        }
        String billingTaxonomy = "";
        if (claim.billingProvider() != null) {
            for (RawSegment s : claim.billingProvider().segments()) {
                addNpi(s, npis);
                if (s.is("PRV") && "BI".equals(s.element(1))) {
                    billingTaxonomy = s.element(3);
                }
            }
        }
        return new ClaimReview(lines, diagnoses, npis, renderingTaxonomy, billingTaxonomy);
    }

    /** Billing (85), rendering (82) and referring (DN) provider NPIs: NM108 = XX, NM109 the NPI. */
    private static void addNpi(RawSegment s, List<ClaimReview.Npi> npis) {
        if (s.is("NM1") && "XX".equals(s.element(8)) && List.of("85", "82", "DN").contains(s.element(1))) {
            npis.add(new ClaimReview.Npi(s.element(9), "NM1", s.position(), 9));
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
