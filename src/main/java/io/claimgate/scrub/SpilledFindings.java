package io.claimgate.scrub;

import io.claimgate.finding.Correction;
import io.claimgate.finding.Finding;
import io.claimgate.finding.Outcome;
import io.claimgate.finding.Rule;
import io.claimgate.finding.Severity;
import io.claimgate.finding.X12Position;
import io.claimgate.spill.Merged;
import io.claimgate.spill.RunFile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The findings of claims, by claim, spilled to temporary files in claim order: what one reader found (written as
 * each claim is read; the few that come for a claim already written are kept aside in memory), or what the batch
 * rules found. A claim lists at most {@link #MAX_PER_CLAIM} findings; the rest are counted. Close to delete.
 */
final class SpilledFindings implements AutoCloseable {
    /** A claim needs only so many findings listed; beyond this they are counted, not kept. */
    static final int MAX_PER_CLAIM = 50;

    /** One claim's findings as listed, and how many more there were. */
    record Entry(long ordinal, List<Finding> findings, int omitted) {
        /** This entry followed by {@code later}'s findings, listed while there is room. */
        Entry then(Entry later) {
            List<Finding> list = new ArrayList<>(findings);
            int more = omitted;
            for (Finding f : later.findings) {
                if (list.size() >= MAX_PER_CLAIM) {
                    more++;
                } else {
                    list.add(f);
                }
            }
            return new Entry(ordinal, list, more + later.omitted);
        }
    }

    private static final Comparator<Entry> BY_CLAIM = Comparator.comparingLong(Entry::ordinal);

    /** The written findings, in claim order (made on the first). */
    private RunFile<Entry> run;
    /** Claims read whose findings are still coming. */
    private final TreeMap<Long, Entry> pending = new TreeMap<>();
    /** Findings for claims already written (kept aside, listed after the written ones). */
    private final TreeMap<Long, Entry> late = new TreeMap<>();
    private long written = Long.MIN_VALUE;

    /** A finding of a claim (its reader's, in the order found). */
    void add(long ordinal, Finding finding) {
        TreeMap<Long, Entry> into = ordinal <= written ? late : pending;
        Entry e = into.get(ordinal);
        Entry one = new Entry(ordinal, List.of(finding), 0);
        into.put(ordinal, e == null ? one : e.then(one));
    }

    /** The claim has been read: its findings and those of earlier claims are written. */
    void claimRead(long ordinal) {
        while (!pending.isEmpty() && pending.firstKey() <= ordinal) {
            write(pending.pollFirstEntry().getValue());
        }
        written = Math.max(written, ordinal);
    }

    /** The reader is done: everything is written. */
    void finishReading() {
        while (!pending.isEmpty()) {
            Entry e = pending.pollFirstEntry().getValue();
            write(e);
            written = Math.max(written, e.ordinal());
        }
    }

    /** All the findings of one claim, written at once (claims in order). */
    void addClaim(long ordinal, List<Finding> findings) {
        if (ordinal <= written) {
            throw new IllegalStateException("claim findings out of claim order");
        }
        Entry e = new Entry(ordinal, List.of(), 0).then(new Entry(ordinal, findings, 0));
        write(e);
        written = ordinal;
    }

    private void write(Entry e) {
        if (run == null) {
            run = new RunFile<>("claim-findings", new Codec());
        }
        run.add(e);
    }

    /** Every claim's findings in claim order: the written ones, then the findings kept aside, merged. */
    Iterator<Entry> entries() {
        return entries(List.of(this));
    }

    /** The claims of several, in claim order; a claim's findings in the order of {@code sources}. */
    static Iterator<Entry> entries(List<SpilledFindings> sources) {
        List<Iterator<Entry>> each = new ArrayList<>();
        for (SpilledFindings s : sources) {
            if (s.run != null) {
                each.add(s.run.iterator());
            }
            each.add(s.late.values().iterator());
        }
        Iterator<Entry> merged = Merged.of(each, BY_CLAIM);
        return new Iterator<>() {
            private Entry next = merged.hasNext() ? merged.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Entry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Entry e = next;
                next = merged.hasNext() ? merged.next() : null;
                while (next != null && next.ordinal() == e.ordinal()) {
                    e = e.then(next);
                    next = merged.hasNext() ? merged.next() : null;
                }
                return e;
            }
        };
    }

    @Override
    public void close() {
        RunFile<Entry> closing = run;
        run = null;
        pending.clear();
        late.clear();
        if (closing != null) {
            closing.close();
        }
    }

    /** Findings in binary; the rules by their place in a table of the run's rules (held in memory). */
    static final class Codec implements RunFile.Codec<Entry> {
        private final List<Rule> rules = new ArrayList<>();
        private final Map<Rule, Integer> ruleIndex = new HashMap<>();

        @Override
        public void write(Entry e, DataOutput out) throws IOException {
            out.writeLong(e.ordinal());
            out.writeInt(e.omitted());
            out.writeInt(e.findings().size());
            for (Finding f : e.findings()) {
                Integer rule = ruleIndex.get(f.rule());
                if (rule == null) {
                    rule = rules.size();
                    rules.add(f.rule());
                    ruleIndex.put(f.rule(), rule);
                }
                out.writeInt(rule);
                out.writeByte(f.severity().ordinal());
                out.writeByte(f.outcome().ordinal());
                X12Position p = f.position();
                RunFile.writeString(out, p.interchangeControl());
                RunFile.writeString(out, p.groupControl());
                RunFile.writeString(out, p.transactionControl());
                RunFile.writeString(out, p.segmentId());
                out.writeInt(p.segmentPosition());
                RunFile.writeString(out, p.loopId());
                out.writeInt(p.element());
                out.writeInt(p.component());
                out.writeInt(p.repetition());
                RunFile.writeString(out, p.dataElement());
                RunFile.writeString(out, f.message());
                RunFile.writeString(out, f.badValue());
                Correction c = f.correction();
                out.writeBoolean(c != null);
                if (c != null) {
                    out.writeInt(c.segmentPosition());
                    RunFile.writeString(out, c.element());
                    out.writeByte(c.action().ordinal());
                    RunFile.writeString(out, c.value());
                    RunFile.writeString(out, c.from());
                    RunFile.writeString(out, c.to());
                }
            }
        }

        @Override
        public Entry read(DataInput in) throws IOException {
            long ordinal = in.readLong();
            int omitted = in.readInt();
            int n = in.readInt();
            List<Finding> findings = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Rule rule = rules.get(in.readInt());
                Severity severity = Severity.values()[in.readByte()];
                Outcome outcome = Outcome.values()[in.readByte()];
                X12Position position = new X12Position(RunFile.readString(in), RunFile.readString(in),
                        RunFile.readString(in), RunFile.readString(in), in.readInt(), RunFile.readString(in),
                        in.readInt(), in.readInt(), in.readInt(), RunFile.readString(in));
                String message = RunFile.readString(in);
                String badValue = RunFile.readString(in);
                Correction correction = null;
                if (in.readBoolean()) {
                    correction = new Correction(in.readInt(), RunFile.readString(in),
                            Correction.Action.values()[in.readByte()], RunFile.readString(in),
                            RunFile.readString(in), RunFile.readString(in));
                }
                findings.add(new Finding(rule, severity, position, message, badValue, outcome, correction));
            }
            return new Entry(ordinal, findings, omitted);
        }
    }
}
