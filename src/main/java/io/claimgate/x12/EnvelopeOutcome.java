package io.claimgate.x12;

import io.claimgate.finding.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What validation concluded about each interchange, group and transaction set of a file: the findings that belong
 * in its acknowledgment and whether it is rejected. Filled while reading; turned into 999 and TA1 by
 * {@link Acknowledgments}. Holds findings and headers only, never claims.
 */
public final class EnvelopeOutcome {
    private EnvelopeOutcome() {
    }

    /** One interchange (ISA..IEA). */
    public static final class Interchange {
        private final Envelope.Interchange header;
        private final List<Finding> findings = new ArrayList<>();
        private final List<Group> groups = new ArrayList<>();

        public Interchange(Envelope.Interchange header) {
            this.header = header;
        }

        public Envelope.Interchange header() { return header; }
        public List<Finding> findings() { return findings; }
        public List<Group> groups() { return groups; }

        /** A broken interchange is rejected whole, in a TA1. */
        public boolean rejected() {
            return findings.stream().anyMatch(Finding::rejects);
        }

        /** TA105 of the first rejecting finding, or {@code 000}. */
        public String noteCode() {
            return findings.stream().filter(Finding::rejects)
                    .map(f -> f.rule().ackCode())
                    .filter(a -> a != null && a.is("TA105"))
                    .map(a -> a.code()).findFirst().orElse(rejected() ? "024" : "000");
        }
    }

    /** One functional group (GS..GE). */
    public static final class Group {
        private final Interchange interchange;
        private final Envelope.Group header;
        private final List<Finding> findings = new ArrayList<>();
        private final List<Set> sets = new ArrayList<>();
        private int trailerSetCount = -1;

        public Group(Interchange interchange, Envelope.Group header) {
            this.interchange = interchange;
            this.header = header;
        }

        public Interchange interchange() { return interchange; }
        public Envelope.Group header() { return header; }
        public List<Finding> findings() { return findings; }
        public List<Set> sets() { return sets; }
        public int trailerSetCount() { return trailerSetCount; }
        public void trailerSetCount(int n) { trailerSetCount = n; }

        public boolean rejected() {
            return interchange.rejected() || findings.stream().anyMatch(Finding::rejects);
        }

        /** Sets accepted on their own content (IK5 = A), for AK904; AK901 says whether the group stands. */
        public long acceptedSets() {
            return sets.stream().filter(s -> !s.rejected()).count();
        }
    }

    /** One transaction set (ST..SE). */
    public static final class Set {
        private final Group group;
        private final Envelope.Set header;
        /** A rejected set needs only so many errors listed; beyond this they are counted, not kept. */
        public static final int MAX_FINDINGS = 1_000;

        private final List<Finding> findings = new ArrayList<>();
        private int claims;
        private int omitted;
        private long firstClaim = -1;
        private final java.util.BitSet claimFindings = new java.util.BitSet();

        public Set(Group group, Envelope.Set header) {
            this.group = group;
            this.header = header;
        }

        public Group group() { return group; }
        public Envelope.Set header() { return header; }
        /** Findings for the 999: the set's own and those inside its claims. */
        public List<Finding> findings() { return findings; }
        public int claims() { return claims; }
        /** Ordinal of the set's first claim in the file, or -1 when it has none. */
        public long firstClaim() { return firstClaim; }
        /** Findings not kept because the set already had {@link #MAX_FINDINGS}. */
        public int omitted() { return omitted; }

        /** Keeps a finding for the 999 unless the set already has {@link #MAX_FINDINGS}; says whether it was kept. */
        public boolean add(Finding finding) {
            return add(finding, false);
        }

        /**
         * As {@link #add(Finding)}, marking whether the finding belongs to a claim of the set. A passed input limit
         * ({@code X12-LIMIT-*}) is kept even beyond the cap: it is why the rest of the set was not read, and a set
         * passes at most one (the reader skips the rest of it).
         */
        public boolean add(Finding finding, boolean inClaim) {
            if (findings.size() >= MAX_FINDINGS && !finding.ruleId().startsWith("X12-LIMIT-")) {
                omitted++;
                return false;
            }
            if (inClaim) {
                claimFindings.set(findings.size());
            }
            findings.add(finding);
            return true;
        }

        /** The set's own findings: those outside its claims. */
        public List<Finding> ownFindings() {
            List<Finding> own = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                if (!claimFindings.get(i)) {
                    own.add(findings.get(i));
                }
            }
            return own;
        }
        public void countClaim(long ordinal) {
            if (claims == 0) {
                firstClaim = ordinal;
            }
            claims++;
        }

        /** Rejected in the 999 (IK5 = R) by its own findings. */
        public boolean rejected() {
            return findings.stream().anyMatch(Finding::rejects);
        }

        /** Rejected by its own findings or those of its group or interchange. */
        public boolean rejectedWithEnvelope() {
            return rejected() || group.rejected();
        }
    }
}
