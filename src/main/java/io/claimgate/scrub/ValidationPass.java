package io.claimgate.scrub;

import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Claim;
import io.claimgate.rules.ClaimBalance;
import io.claimgate.spill.LongTable;
import io.claimgate.spill.RunFile;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;
import io.claimgate.x12.EnvelopeOutcome;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * First pass: validates the file and keeps what the outputs need — the envelope outcomes for the acknowledgments,
 * findings per claim (only for claims that have some), file-level findings and the claims as read (so the routing
 * pass need not read the file again). No claim is held; what grows with the claims (the claims, findings, charges,
 * the batch rules' lines) goes to temporary files, deleted by {@link #close()}.
 */
final class ValidationPass implements ClaimReader.Handler, AutoCloseable {
    private final io.claimgate.rules.ClaimCheck rules;

    ValidationPass(io.claimgate.rules.ClaimCheck rules) {
        this.rules = rules;
    }

    final List<Finding> fileFindings = new ArrayList<>();
    final List<EnvelopeOutcome.Interchange> interchanges = new ArrayList<>();
    final List<EnvelopeOutcome.Set> sets = new ArrayList<>();
    /** A claim needs only so many findings listed; beyond this they are counted, not kept. */
    static final int MAX_FINDINGS_PER_CLAIM = SpilledFindings.MAX_PER_CLAIM;

    /** Findings per claim (only for claims that have some), spilled in claim order. */
    final SpilledFindings claimFindings = new SpilledFindings();
    /** What the batch rules found, by claim (after validation). */
    final SpilledFindings batchFindings = new SpilledFindings();
    /** Claims with at least one rejecting finding, listed or not (by ordinal). */
    final java.util.BitSet rejectedByFinding = new java.util.BitSet();
    /** Each claim's CLM02 in cents, set and subscriber level (when under a patient level), spilled in claim order. */
    private final RunFile<ClaimRecord> claimRecords = new RunFile<>("claim-records", ClaimRecord.CODEC);
    /** Submitted charges in cents per billing provider level (by reader ordinal), for the 277CA's provider status. */
    final LongTable providerCharges = new LongTable();
    /** This file's 97530 lines for the batch rules (decided after validation, in reading order). */
    final io.claimgate.rules.therapy.BatchRules.Index batch = new io.claimgate.rules.therapy.BatchRules.Index();

    /**
     * What the outputs need of one claim besides its findings.
     *
     * @param subscriber the subscriber level the claim's patient level is under, or -1 without a patient level
     */
    record ClaimRecord(long ordinal, long cents, int set, long subscriber) {
        static final RunFile.Codec<ClaimRecord> CODEC = new RunFile.Codec<>() {
            @Override
            public void write(ClaimRecord r, java.io.DataOutput out) throws java.io.IOException {
                out.writeLong(r.ordinal());
                out.writeLong(r.cents());
                out.writeInt(r.set());
                out.writeLong(r.subscriber());
            }

            @Override
            public ClaimRecord read(java.io.DataInput in) throws java.io.IOException {
                return new ClaimRecord(in.readLong(), in.readLong(), in.readInt(), in.readLong());
            }
        };
    }

    /** Per set (by ordinal), after {@link #settle()}: accepted and rejected claims and their charges in cents. */
    private long[][] setTotals;
    /** After {@link #settle()}: subscriber levels with a patient level under them in the accepted output. */
    private java.util.BitSet parentsAccepted;
    /** The same in the rejected output. */
    private java.util.BitSet parentsRejected;

    /** Claims the reader handed over. */
    long claims;
    /** The claims themselves, for the routing pass. */
    private final SpilledClaims readClaims = new SpilledClaims();
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
        readClaims.add(claim);
        long cents = claim.totalCharge() == null ? 0
                : claim.totalCharge().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        if (claim.billingProvider() != null) {
            providerCharges.add(claim.billingProvider().ordinal(), cents);
        }
        claimRecords.add(new ClaimRecord(claim.ordinal(), cents, claim.source().setOrdinal(),
                claim.patient() != null && claim.subscriber() != null ? claim.subscriber().ordinal() : -1));
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
        claimFindings.claimRead(claim.ordinal());
    }

    /** The reader is done with the file. */
    void finishReading() {
        claimFindings.finishReading();
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
        claimFindings.add(ordinal, finding);
    }

    /** What the batch rules found for one claim (claims in order). */
    void batchFindings(long ordinal, List<Finding> findings) {
        for (Finding f : findings) {
            if (f.rejects()) {
                rejectedByFinding.set((int) ordinal);
            }
        }
        batchFindings.addClaim(ordinal, findings);
    }

    /** Every claim's findings from validation and the batch rules, in claim order (read once, by the routing). */
    Iterator<SpilledFindings.Entry> findings() {
        return SpilledFindings.entries(List.of(claimFindings, batchFindings));
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
     * Works out, once every rejection is known (validation and the batch rules), what the 277CA and the 837P
     * outputs need before the claims come again: each set's accepted and rejected totals, and which subscriber
     * levels keep a patient level under them in each output. Reads the spilled claims twice.
     */
    void settle() {
        parentsAccepted = new java.util.BitSet();
        parentsRejected = new java.util.BitSet();
        for (Iterator<ClaimRecord> it = claimRecords(); it.hasNext(); ) {
            ClaimRecord r = it.next();
            if (r.subscriber() >= 0) {
                (rejects(r.ordinal(), r.set()) ? parentsRejected : parentsAccepted).set((int) r.subscriber());
            }
        }
        setTotals = new long[sets.size()][];
        Iterator<ClaimRecord> records = claimRecords();
        ClaimRecord next = records.hasNext() ? records.next() : null;
        for (int s = 0; s < sets.size(); s++) {
            EnvelopeOutcome.Set outcome = sets.get(s);
            long[] t = new long[4];
            for (long c = outcome.firstClaim(); c >= 0 && c < outcome.firstClaim() + outcome.claims(); c++) {
                while (next != null && next.ordinal() < c) {
                    next = records.hasNext() ? records.next() : null;
                }
                long cents = next != null && next.ordinal() == c ? next.cents() : 0;
                int at = rejects(c, s) ? 2 : 0;
                t[at]++;
                t[at + 1] += cents;
            }
            setTotals[s] = t;
        }
    }

    private Iterator<ClaimRecord> claimRecords() {
        return claimRecords.iterator();
    }

    /** A set's accepted claims, their charges in cents, rejected claims, theirs; after {@link #settle()}. */
    long[] setTotals(int setOrdinal) {
        return setTotals[setOrdinal];
    }

    /**
     * The subscriber levels (by reader ordinal) that keep a patient level under them in the accepted output
     * ({@code accepted}) or in the rejected one: their HL04 is 1 there. Known after {@link #settle()}.
     */
    java.util.BitSet subscribersWithPatients(boolean accepted) {
        return accepted ? parentsAccepted : parentsRejected;
    }

    /** Every claim read, in reading order (each call reads them from the start). */
    Iterator<Claim> readClaims() {
        return readClaims.iterator();
    }

    /** Deletes the temporary files. Idempotent. */
    @Override
    public void close() {
        readClaims.close();
        claimFindings.close();
        batchFindings.close();
        batch.close();
        claimRecords.close();
    }

    /** Whether anything in the file was rejected: a file finding, an interchange, group or set. */
    boolean anythingRejected() {
        return fileFindings.stream().anyMatch(Finding::rejects)
                || sets.stream().anyMatch(EnvelopeOutcome.Set::rejectedWithEnvelope)
                || interchanges.stream().anyMatch(i -> i.rejected() || i.groups().stream().anyMatch(EnvelopeOutcome.Group::rejected));
    }
}
