package io.claimgate.scrub;

import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Claim;
import io.claimgate.rules.ClaimBalance;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;
import io.claimgate.x12.EnvelopeOutcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First pass: validates the file and keeps what the outputs need — the envelope outcomes for the acknowledgments,
 * findings per claim (only for claims that have some) and file-level findings. No claim is held.
 */
final class ValidationPass implements ClaimReader.Handler {
    private final io.claimgate.rules.ClaimCheck rules;

    ValidationPass(io.claimgate.rules.ClaimCheck rules) {
        this.rules = rules;
    }

    final List<Finding> fileFindings = new ArrayList<>();
    final List<EnvelopeOutcome.Interchange> interchanges = new ArrayList<>();
    final List<EnvelopeOutcome.Set> sets = new ArrayList<>();
    /** A claim needs only so many findings listed; beyond this they are counted, not kept. */
    static final int MAX_FINDINGS_PER_CLAIM = 50;

    final Map<Long, List<Finding>> claimFindings = new HashMap<>();
    final Map<Long, Integer> claimOmitted = new HashMap<>();
    /** Claims with at least one rejecting finding, listed or not (by ordinal). */
    final java.util.BitSet rejectedByFinding = new java.util.BitSet();
    /** (claim, set, subscriber level) of each claim under a patient level: 24 bytes a claim, no claim data. */
    final Triples dependents = new Triples();
    /** Every claim's CLM02 in cents, by ordinal (8 bytes a claim), for the 277CA's accepted and rejected totals. */
    final Charges charges = new Charges();
    /** Submitted charges per billing provider level (by reader ordinal), for the 277CA's provider status. */
    final Map<Long, Long> providerCharges = new HashMap<>();

    /** A growable array of amounts in cents indexed by claim ordinal. */
    static final class Charges {
        private long[] cents = new long[1024];

        void put(long ordinal, long value) {
            if (ordinal >= cents.length) {
                cents = java.util.Arrays.copyOf(cents, (int) Math.max(cents.length * 2L, ordinal + 1));
            }
            cents[(int) ordinal] = value;
        }

        long get(long ordinal) {
            return ordinal < cents.length ? cents[(int) ordinal] : 0;
        }

        void addAll(Charges other) {
            for (int i = 0; i < other.cents.length; i++) {
                if (other.cents[i] != 0) {
                    put(i, other.cents[i]);
                }
            }
        }
    }
    /** This file's 97530 lines for the batch rules (decided after validation, in reading order). */
    final io.claimgate.rules.therapy.BatchRules.Index batch = new io.claimgate.rules.therapy.BatchRules.Index();

    /** A growable array of long triples. */
    static final class Triples {
        private long[] values = new long[48];
        private int size;

        void add(long a, long b, long c) {
            if (size * 3 + 3 > values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size * 3] = a;
            values[size * 3 + 1] = b;
            values[size * 3 + 2] = c;
            size++;
        }

        void addAll(Triples other) {
            for (int i = 0; i < other.size; i++) {
                long[] t = other.get(i);
                add(t[0], t[1], t[2]);
            }
        }

        int size() {
            return size;
        }

        long[] get(int i) {
            return new long[] {values[i * 3], values[i * 3 + 1], values[i * 3 + 2]};
        }
    }

    /** Claims the reader handed over. */
    long claims;
    /** CLM segments in the file, counted independently of the reader ({@link io.claimgate.x12.ClaimCounter}). */
    long claimsInFile = -1;

    private EnvelopeOutcome.Interchange interchange;
    private EnvelopeOutcome.Group group;
    private EnvelopeOutcome.Set set;

    @Override
    public void interchangeStart(Envelope.Interchange header) {
        interchange = new EnvelopeOutcome.Interchange(header);
        interchanges.add(interchange);
        group = null;
        set = null;
    }

    @Override
    public void groupStart(Envelope.Group header) {
        if (interchange == null) {
            throw new IllegalStateException("reader reported a group outside an interchange");
        }
        group = new EnvelopeOutcome.Group(interchange, header);
        interchange.groups().add(group);
        set = null;
    }

    @Override
    public void setStart(Envelope.Set header) {
        if (group == null) {
            throw new IllegalStateException("reader reported a transaction set outside a group");
        }
        set = new EnvelopeOutcome.Set(group, header);
        group.sets().add(set);
        sets.add(set);
    }

    @Override
    public void groupEnd(Envelope.Group header, int declaredSetCount) {
        group.trailerSetCount(declaredSetCount);
        group = null;
        set = null;
    }

    @Override
    public void setEnd(Envelope.Set header, int segmentCount) {
        set = null;
    }

    @Override
    public void interchangeEnd(Envelope.Interchange header, int groupCount) {
        interchange = null;
        group = null;
        set = null;
    }

    @Override
    public void claim(Claim claim) {
        claims++;
        long cents = claim.totalCharge() == null ? 0
                : claim.totalCharge().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        charges.put(claim.ordinal(), cents);
        if (claim.billingProvider() != null) {
            providerCharges.merge(claim.billingProvider().ordinal(), cents, Long::sum);
        }
        if (claim.patient() != null && claim.subscriber() != null) {
            dependents.add(claim.ordinal(), claim.source().setOrdinal(), claim.subscriber().ordinal());
        }
        if (set != null) {
            set.countClaim(claim.ordinal());
        }
        X12Position clm = new X12Position(claim.source().interchangeControl(), claim.source().groupControl(),
                claim.source().setControl(), "CLM", claim.position(), "2300", 0, 0, 0, null);
        ClaimBalance.check(claim, clm).ifPresent(f -> claimFinding(claim.ordinal(), f));
        for (Finding f : rules.check(claim)) {
            claimFinding(claim.ordinal(), f);
        }
        for (var line : rules.batchLines(claim)) {
            batch.add(line);
        }
    }

    @Override
    public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
        switch (scope) {
            case CLAIM -> {
                if (set != null) {
                    set.add(finding, true);
                }
                claimFinding(claimOrdinal, finding);
            }
            case SET -> {
                if (set != null) {
                    set.add(finding);
                } else {
                    fileFindings.add(finding);
                }
            }
            case GROUP -> {
                if (group != null) {
                    group.findings().add(finding);
                } else {
                    fileFindings.add(finding);
                }
            }
            case INTERCHANGE -> {
                if (interchange != null) {
                    interchange.findings().add(finding);
                } else {
                    fileFindings.add(finding);
                }
            }
            case FILE -> fileFindings.add(finding);
        }
    }

    void claimFinding(long ordinal, Finding finding) {
        if (finding.rejects()) {
            rejectedByFinding.set((int) ordinal); // kept even when the finding itself is not listed
        }
        List<Finding> list = claimFindings.computeIfAbsent(ordinal, k -> new ArrayList<>(2));
        if (list.size() >= MAX_FINDINGS_PER_CLAIM) {
            claimOmitted.merge(ordinal, 1, Integer::sum);
            return;
        }
        list.add(finding);
    }

    /**
     * Combines the passes of readers that shared a file's sets ({@link ClaimReader#validatingShare}): envelope,
     * group and file findings come from share 0 (every share sees them), each set's findings and claims from the
     * share that validated it.
     */
    static ValidationPass merge(List<ValidationPass> shares) {
        if (!sameStructure(shares)) {
            throw new IllegalStateException("validation shares read different structures");
        }
        ValidationPass base = shares.get(0);
        int n = shares.size();
        for (int s = 0; s < base.sets.size(); s++) {
            if (s % n != 0) {
                base.sets.get(s).adopt(shares.get(s % n).sets.get(s));
            }
        }
        for (int i = 1; i < n; i++) {
            ValidationPass share = shares.get(i);
            base.claims += share.claims;
            base.claimFindings.putAll(share.claimFindings);
            base.claimOmitted.putAll(share.claimOmitted);
            base.rejectedByFinding.or(share.rejectedByFinding);
            base.dependents.addAll(share.dependents);
            base.batch.addAll(share.batch);
            base.charges.addAll(share.charges);
            share.providerCharges.forEach((k, v) -> base.providerCharges.merge(k, v, Long::sum));
        }
        return base;
    }

    private long[] setFirstClaims;
    private int[] setIndexes;

    /** The ordinal of the set a claim belongs to (sets hold consecutive claims), or -1. Call after reading. */
    int setOf(long claimOrdinal) {
        if (setFirstClaims == null) {
            int n = 0;
            for (EnvelopeOutcome.Set s : sets) {
                if (s.firstClaim() >= 0) {
                    n++;
                }
            }
            setFirstClaims = new long[n];
            setIndexes = new int[n];
            int k = 0;
            for (int i = 0; i < sets.size(); i++) {
                if (sets.get(i).firstClaim() >= 0) {
                    setFirstClaims[k] = sets.get(i).firstClaim();
                    setIndexes[k++] = i;
                }
            }
        }
        int at = java.util.Arrays.binarySearch(setFirstClaims, claimOrdinal);
        int k = at >= 0 ? at : -at - 2;
        if (k < 0) {
            return -1;
        }
        EnvelopeOutcome.Set s = sets.get(setIndexes[k]);
        return claimOrdinal < s.firstClaim() + s.claims() ? setIndexes[k] : -1;
    }

    /** Whether the claim is rejected: by its set, group or interchange, or by a finding of its own. */
    boolean rejects(long claimOrdinal, int setOrdinal) {
        EnvelopeOutcome.Set outcome = setOrdinal >= 0 && setOrdinal < sets.size() ? sets.get(setOrdinal) : null;
        return outcome == null || outcome.rejectedWithEnvelope() || rejectedByFinding.get((int) claimOrdinal);
    }

    /**
     * The subscriber levels (by reader ordinal) that keep a patient level under them in the accepted output
     * ({@code accepted}) or in the rejected one: their HL04 is 1 there. Known only once validation is complete.
     */
    java.util.BitSet subscribersWithPatients(boolean accepted) {
        java.util.BitSet bits = new java.util.BitSet();
        for (int i = 0; i < dependents.size(); i++) {
            long[] d = dependents.get(i);
            if (rejects(d[0], (int) d[1]) != accepted) {
                bits.set((int) d[2]);
            }
        }
        return bits;
    }

    /** Whether all shares saw the same interchanges, groups and sets. */
    static boolean sameStructure(List<ValidationPass> shares) {
        ValidationPass base = shares.get(0);
        return shares.stream().allMatch(s -> s.sets.size() == base.sets.size()
                && s.interchanges.size() == base.interchanges.size());
    }

    /** Whether reading stopped before the end of the data (an unreadable or out-of-order interchange). */
    boolean stoppedEarly() {
        return !fileFindings.isEmpty() || interchanges.stream().anyMatch(i -> i.findings().stream()
                .anyMatch(f -> f.severity() == io.claimgate.finding.Severity.FATAL));
    }

    /** Whether anything in the file was rejected: a file finding, an interchange, group or set. */
    boolean anythingRejected() {
        return fileFindings.stream().anyMatch(Finding::rejects)
                || sets.stream().anyMatch(EnvelopeOutcome.Set::rejectedWithEnvelope)
                || interchanges.stream().anyMatch(i -> i.rejected() || i.groups().stream().anyMatch(EnvelopeOutcome.Group::rejected));
    }
}
