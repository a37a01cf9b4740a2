package io.claimgate.rules.therapy;

import io.claimgate.finding.Correction;
import io.claimgate.finding.Finding;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Severity;
import io.claimgate.finding.X12Position;

import io.claimgate.spill.LongTable;
import io.claimgate.spill.RunFile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
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

    /** Amounts are counted in millionths, exactly (an amount with more decimals is refused). */
    private static final int AMOUNT_SCALE = 6;

    /**
     * The lines of one file, spilled to a temporary file as they come (a few dozen bytes a line, no member id in
     * memory), in reading order. Close it to delete the file.
     */
    public static final class Index implements AutoCloseable {
        /** The lines added (made on the first). */
        private Run run;

        public void add(Line line) {
            if (run == null) {
                run = new Run();
            }
            run.add(line);
        }

        /** Lines held. */
        public long size() {
            return run == null ? 0 : run.file.size();
        }

        /** The lines in reading order (as added): by claim, then by position in the set. */
        Iterator<Stored> lines() {
            return run == null ? java.util.Collections.emptyIterator() : run.iterator();
        }

        @Override
        public void close() {
            Run closing = run;
            run = null;
            if (closing != null) {
                closing.file.close();
            }
        }
    }

    /**
     * A line as the index keeps it: the spend key ({@code member|year|bucket}) only in the run file, with its
     * 64-bit identity for the state's tables; amounts in millionths; where the line is, by a small table of the
     * run's envelope control numbers.
     */
    record Stored(long claimOrdinal, int position, long dayKey, int units, int limit, boolean cap, boolean kx,
                  String spendKey, long spendId, long estimate, long threshold, String[] controls) {
        boolean spends() {
            return spendKey != null;
        }
    }

    /** One reader's lines, in the order read (checked), in a temporary file. */
    private static final class Run {
        /** Interchange, group and set control numbers of the run's sets, each once. */
        private final List<String[]> controls = new ArrayList<>();
        private final RunFile<Stored> file = new RunFile<>("batch-lines", new RunFile.Codec<>() {
            @Override
            public void write(Stored l, DataOutput out) throws IOException {
                out.writeLong(l.claimOrdinal());
                out.writeInt(l.position());
                out.writeLong(l.dayKey());
                out.writeInt(l.units());
                out.writeInt(l.limit());
                out.writeByte((l.cap() ? 1 : 0) | (l.kx() ? 2 : 0) | (l.spends() ? 4 : 0));
                out.writeInt(controlIndex);
                if (l.spends()) {
                    RunFile.writeString(out, l.spendKey());
                    out.writeLong(l.spendId());
                    out.writeLong(l.estimate());
                    out.writeLong(l.threshold());
                }
            }

            @Override
            public Stored read(DataInput in) throws IOException {
                long claim = in.readLong();
                int position = in.readInt();
                long dayKey = in.readLong();
                int units = in.readInt();
                int limit = in.readInt();
                int flags = in.readByte();
                String[] where = controls.get(in.readInt());
                if ((flags & 4) == 0) {
                    return new Stored(claim, position, dayKey, units, limit, (flags & 1) != 0, (flags & 2) != 0,
                            null, 0, 0, 0, where);
                }
                String key = RunFile.readString(in);
                return new Stored(claim, position, dayKey, units, limit, (flags & 1) != 0, (flags & 2) != 0, key,
                        in.readLong(), in.readLong(), in.readLong(), where);
            }
        });
        private int controlIndex = -1;
        private long lastClaim = Long.MIN_VALUE;
        private int lastPosition;

        void add(Line l) {
            if (l.claimOrdinal() < lastClaim || (l.claimOrdinal() == lastClaim && l.position() < lastPosition)) {
                throw new IllegalStateException("batch lines out of reading order");
            }
            lastClaim = l.claimOrdinal();
            lastPosition = l.position();
            String[] where = {l.interchangeControl(), l.groupControl(), l.setControl()};
            if (controlIndex < 0 || !Arrays.equals(controls.get(controlIndex), where)) {
                controls.add(where);
                controlIndex = controls.size() - 1;
            }
            boolean spends = l.member() != null && l.bucket() != null && l.threshold() != null;
            String key = spends ? spendKey(l) : null;
            file.add(new Stored(l.claimOrdinal(), l.position(), l.dayKey(), l.units(), l.limit(), l.cap(), l.kx(),
                    key, spends ? spendId(key) : 0, spends ? amount(l.estimate()) : 0,
                    spends ? amount(l.threshold()) : 0, where));
        }

        Iterator<Stored> iterator() {
            return file.iterator();
        }
    }

    /** An amount in millionths. */
    static long amount(BigDecimal value) {
        try {
            return value.movePointRight(AMOUNT_SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount with more than " + AMOUNT_SCALE + " decimals or too large", e);
        }
    }

    /** Millionths back as an amount, with at least two decimals. */
    static BigDecimal amount(long millionths) {
        BigDecimal value = BigDecimal.valueOf(millionths, AMOUNT_SCALE).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2) : value;
    }

    /** The 64-bit identity of a spend key: the first bytes of its SHA-256. */
    static long spendId(String spendKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spendKey.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What earlier batches accepted, kept outside the process (the gateway's ledger): units by patient-day key and
     * therapy amounts by {@code member|year|bucket} key. Asked for the keys the file's lines use, a bounded number
     * of keys at a time.
     */
    public interface History {
        Map<Long, Integer> units(java.util.Set<Long> dayKeys);

        Map<String, BigDecimal> spent(java.util.Set<String> spendKeys);
    }

    /** Keys asked of the {@link History} at a time. */
    static final int HISTORY_CHUNK = 10_000;

    /** What one file added to the state: units by patient-day key, amounts by spend key. */
    public record Accepted(Map<Long, Integer> units, Map<String, BigDecimal> spent) {
        public static final Accepted NONE = new Accepted(Map.of(), Map.of());

        public Accepted {
            units = Map.copyOf(units);
            spent = Map.copyOf(spent);
        }
    }

    /**
     * What the batch has accepted so far: units by patient-day, amounts by member, year and bucket, in hash tables
     * off the heap ({@link LongTable}; spend keys by their 64-bit identity, amounts in millionths). A fork reads
     * through to its parent and keeps only its own changes, so deciding a file costs what the file adds. A root
     * state may start from a {@link History} (what earlier batches accepted) for the keys of one file's lines.
     */
    public static final class State {
        private static final long MISSING = Long.MIN_VALUE;

        private final State parent;
        private final LongTable units = new LongTable();
        private final LongTable spent = new LongTable();
        private final LongTable baseUnits = new LongTable();
        private final LongTable baseSpent = new LongTable();
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
            LongTable askedDays = new LongTable();
            LongTable askedSpends = new LongTable();
            java.util.Set<Long> days = new java.util.HashSet<>();
            java.util.Set<String> spends = new java.util.HashSet<>();
            for (Iterator<Stored> it = index.lines(); it.hasNext(); ) {
                Stored l = it.next();
                if (!askedDays.contains(l.dayKey())) {
                    askedDays.put(l.dayKey(), 1);
                    days.add(l.dayKey());
                    if (days.size() >= HISTORY_CHUNK) {
                        state.baseUnits(history, days);
                    }
                }
                if (l.spends() && !askedSpends.contains(l.spendId())) {
                    askedSpends.put(l.spendId(), 1);
                    spends.add(l.spendKey());
                    if (spends.size() >= HISTORY_CHUNK) {
                        state.baseSpent(history, spends);
                    }
                }
            }
            if (!days.isEmpty()) {
                state.baseUnits(history, days);
            }
            if (!spends.isEmpty()) {
                state.baseSpent(history, spends);
            }
            return state;
        }

        private void baseUnits(History history, java.util.Set<Long> days) {
            history.units(days).forEach((k, v) -> baseUnits.put(k, v));
            days.clear();
        }

        private void baseSpent(History history, java.util.Set<String> spends) {
            history.spent(spends).forEach((k, v) -> baseSpent.put(spendId(k), amount(v)));
            spends.clear();
        }

        /** A view to decide one file on; {@link #adopt} it once the file's outputs are committed. */
        public State fork() {
            return new State(this, imported);
        }

        /**
         * Makes room for what {@link #adopt} will take over from the fork, so that adopting, done once the file's
         * outputs are committed, cannot fail part-way (on a full temporary disk).
         */
        public void reserveFor(State fork) {
            units.reserve(missing(units, fork.units));
            spent.reserve(missing(spent, fork.spent));
        }

        /** Keys of {@code from} that {@code into} does not hold (a fork also holds keys it copied from here). */
        private static long missing(LongTable into, LongTable from) {
            long[] n = {0};
            from.forEach((k, v) -> {
                if (!into.contains(k)) {
                    n[0]++;
                }
            });
            return n[0];
        }

        /** Takes over what a fork accepted ({@link #reserveFor} it first). */
        public void adopt(State fork) {
            units.putAll(fork.units);
            spent.putAll(fork.spent);
        }

        /**
         * What this state added over its parent (or over its history, for a root), the spend keys named from the
         * lines of {@code index} (the file this state decided).
         */
        public Accepted added(Index index) {
            Map<Long, Integer> u = new HashMap<>();
            units.forEach((k, v) -> {
                int delta = (int) v - (parent == null ? (int) baseUnits.get(k, 0) : parent.units(k));
                if (delta != 0) {
                    u.put(k, delta);
                }
            });
            Map<String, BigDecimal> s = new HashMap<>();
            if (spent.size() > 0) {
                LongTable named = new LongTable();
                for (Iterator<Stored> it = index.lines(); it.hasNext(); ) {
                    Stored l = it.next();
                    if (!l.spends() || named.contains(l.spendId())) {
                        continue;
                    }
                    named.put(l.spendId(), 1);
                    long own = spent.get(l.spendId(), MISSING);
                    if (own != MISSING) {
                        long delta = own - (parent == null ? baseSpent.get(l.spendId(), 0) : parent.spent(l.spendId()));
                        if (delta != 0) {
                            s.put(l.spendKey(), amount(delta));
                        }
                    }
                }
            }
            return new Accepted(u, s);
        }

        int units(long dayKey) {
            long own = units.get(dayKey, MISSING);
            return own != MISSING ? (int) own : parent == null ? (int) baseUnits.get(dayKey, 0)
                    : parent.units(dayKey);
        }

        long spent(long spendId) {
            long own = spent.get(spendId, MISSING);
            return own != MISSING ? own : parent == null ? baseSpent.get(spendId, 0) : parent.spent(spendId);
        }

        long imported(String spendKey) {
            BigDecimal value = imported.get(spendKey);
            return value == null ? 0 : amount(value);
        }

        void addUnits(long dayKey, int value) {
            units.put(dayKey, units(dayKey) + value);
        }

        void addSpent(long spendId, long value) {
            spent.put(spendId, spent(spendId) + value);
        }
    }

    static String spendKey(Line l) {
        return l.member() + "|" + l.year() + "|" + l.bucket();
    }

    private BatchRules() {
    }

    /** Receives the findings of one claim. */
    @FunctionalInterface
    public interface ClaimFindings {
        void claim(long claimOrdinal, List<Finding> findings);
    }

    /**
     * Decides the index's claims in reading order; the state takes the claims accepted, {@code findings} the
     * findings of each claim that has some, in claim order.
     */
    public static void decide(Index index, State state, LongPredicate rejectedOtherwise, ClaimFindings findings) {
        Iterator<Stored> lines = index.lines();
        List<Stored> claim = new ArrayList<>();
        Stored next = lines.hasNext() ? lines.next() : null;
        while (next != null) {
            claim.clear();
            long ordinal = next.claimOrdinal();
            while (next != null && next.claimOrdinal() == ordinal) {
                claim.add(next);
                next = lines.hasNext() ? lines.next() : null;
            }
            if (!rejectedOtherwise.test(ordinal)) {
                decideClaim(claim, state, findings);
            }
        }
    }

    private static void decideClaim(List<Stored> lines, State state, ClaimFindings findings) {
        Map<Long, Integer> claimUnits = new HashMap<>();
        Map<Long, Long> claimSpend = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        boolean rejected = false;
        for (Stored l : lines) {
            X12Position where = new X12Position(l.controls()[0], l.controls()[1], l.controls()[2], "SV1",
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
            if (l.spends()) {
                long amount = Math.multiplyExact(l.estimate(), (long) units);
                long total = state.imported(l.spendKey()) + state.spent(l.spendId())
                        + claimSpend.getOrDefault(l.spendId(), 0L) + amount;
                X12Position modifiers = where.withElement(1, 0, 0).withDataElement(null);
                boolean over = total > l.threshold();
                if (over && !l.kx()) {
                    out.add(new Finding(TherapyRule.KX_THRESHOLD, Severity.ERROR, modifiers,
                            TherapyRule.KX_THRESHOLD.summary(), null, Outcome.REJECTED));
                    rejected = true;
                } else if (!over && l.kx()) {
                    out.add(new Finding(TherapyRule.KX_UNSUPPORTED, Severity.WARNING, modifiers,
                            TherapyRule.KX_UNSUPPORTED.summary(), null, Outcome.WARNED));
                }
                claimSpend.merge(l.spendId(), amount, Long::sum);
            }
        }
        if (!out.isEmpty()) {
            findings.claim(lines.get(0).claimOrdinal(), out);
        }
        if (!rejected) {
            claimUnits.forEach(state::addUnits);
            claimSpend.forEach(state::addSpent);
        }
    }
}
