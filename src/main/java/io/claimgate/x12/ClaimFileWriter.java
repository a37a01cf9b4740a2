package io.claimgate.x12;

import io.claimgate.model.Claim;
import io.claimgate.model.HierarchyLevel;
import io.claimgate.model.RawSegment;

import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.function.Supplier;

/**
 * Writes claims into a valid 837P file, one claim at a time, in the order they were read.
 *
 * <p>The envelope mirrors the input: an interchange per input interchange, a group per input group and a set per
 * input set that has claims here, each with fresh control numbers and correct SE01/GE01/IEA01. Inside a set the
 * header (BHT, 1000A, 1000B) and every claim's segments are written exactly as read; the HL levels are written
 * when the first claim under them arrives, renumbered from 1 with parent ids rebuilt, so a level with no claim
 * left under it disappears. A file whose claims all pass comes out the same as it went in apart from the
 * envelope's control numbers and dates.
 */
public final class ClaimFileWriter implements AutoCloseable {

    private final OutputStream out;
    private final Supplier<String> controlNumbers;
    private final LocalDateTime now;
    private final java.util.function.LongPredicate subscriberHasPatients;

    private final boolean throughStaedi;
    private X12Output output;
    private MirroredEnvelope envelope;

    private long providerOrdinal = -1;
    private long subscriberOrdinal = -1;
    private long patientOrdinal = -1;
    private int nextHl;
    private int providerHl;
    private int subscriberHl;

    /**
     * @param out            where the file goes (not closed here)
     * @param controlNumbers hands out fresh interchange control numbers (ISA13, nine digits)
     * @param now            the envelope date and time
     * @param subscriberHasPatients whether a subscriber level (by reader ordinal) has a patient level under it in
     *                       this file, for its HL04 (known from the validation pass, as the levels come later)
     */
    public ClaimFileWriter(OutputStream out, Supplier<String> controlNumbers, LocalDateTime now,
                           java.util.function.LongPredicate subscriberHasPatients) {
        this(out, controlNumbers, now, subscriberHasPatients, false);
    }

    /** As above; {@code throughStaedi}: segments as read go through StAEDI's writer too (the tests' reference). */
    ClaimFileWriter(OutputStream out, Supplier<String> controlNumbers, LocalDateTime now,
                    java.util.function.LongPredicate subscriberHasPatients, boolean throughStaedi) {
        this.throughStaedi = throughStaedi;
        this.subscriberHasPatients = subscriberHasPatients;
        this.out = out;
        this.controlNumbers = controlNumbers;
        this.now = now;
    }


    /** Appends a claim, opening and closing envelopes as the claim's source requires. */
    public void write(Claim claim, Envelope.Interchange interchange, Envelope.Group group, Envelope.Set set) {
        if (output == null) {
            output = new X12Output(out, now, throughStaedi);
            envelope = new MirroredEnvelope(output, controlNumbers, false, Envelope.Interchange::delimiters, null,
                    null, null);
        }
        if (envelope.enter(interchange, group, set)) {
            for (RawSegment segment : claim.header()) {
                output.segment(segment);
            }
            nextHl = 0;
            providerOrdinal = -1;
            subscriberOrdinal = -1;
            patientOrdinal = -1;
        }
        writeLevels(claim);
        for (RawSegment segment : claim.segments()) {
            output.segment(segment);
        }
    }

    private void writeLevels(Claim claim) {
        HierarchyLevel provider = claim.billingProvider();
        HierarchyLevel subscriber = claim.subscriber();
        HierarchyLevel patient = claim.patient();
        if (provider != null && provider.ordinal() != providerOrdinal) {
            providerHl = ++nextHl;
            writeLevel(provider, providerHl, "", "1");
            providerOrdinal = provider.ordinal();
            subscriberOrdinal = -1;
            patientOrdinal = -1;
        }
        if (subscriber != null && subscriber.ordinal() != subscriberOrdinal) {
            subscriberHl = ++nextHl;
            writeLevel(subscriber, subscriberHl, String.valueOf(providerHl),
                    patient != null || subscriberHasPatients.test(subscriber.ordinal()) ? "1" : "0");
            subscriberOrdinal = subscriber.ordinal();
            patientOrdinal = -1;
        }
        if (patient != null && patient.ordinal() != patientOrdinal) {
            int hl = ++nextHl;
            writeLevel(patient, hl, String.valueOf(subscriberHl), "0");
            patientOrdinal = patient.ordinal();
        }
    }

    /** The HL segment with its new id, parent id and child code; the level's other segments as read. */
    private void writeLevel(HierarchyLevel level, int id, String parent, String childCode) {
        RawSegment hl = level.segments().get(0);
        output.segment("HL", String.valueOf(id), parent, hl.element(3), childCode);
        for (int i = 1; i < level.segments().size(); i++) {
            output.segment(level.segments().get(i));
        }
    }

    /** Closes the open envelopes and flushes; the stream itself stays open. */
    @Override
    public void close() {
        if (output != null) {
            envelope.close();
            output.flush();
        }
    }
}
