package io.claimgate.x12;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps an output inside envelopes that mirror the input's: an interchange per input interchange, a group per
 * input group, a set per input set, each with fresh control numbers (GS06 1, 2, 3… per interchange; ST02 0001,
 * 0002… per group), opened when the first item from them arrives and closed when the input moves on.
 */
final class MirroredEnvelope {
    private final X12Output output;
    private final Supplier<String> controlNumbers;
    private final boolean reply;
    private final Function<Envelope.Interchange, Delimiters> delimiters;
    private final String functionalId;
    private final String setType;
    private final String version;

    private int interchangeOrdinal = -1;
    private int groupOrdinal = -1;
    private int setOrdinal = -1;
    private boolean groupOpen;
    private boolean setOpen;
    private int groupControl;
    private int setControl;

    /**
     * @param reply        whether the envelopes answer the input (sender and receiver swapped, no TA1 asked)
     * @param functionalId GS01, or {@code null} for the input's
     * @param setType      ST01, or {@code null} for the input's
     * @param version      GS08 and ST03, or {@code null} for the input's
     */
    MirroredEnvelope(X12Output output, Supplier<String> controlNumbers, boolean reply,
                     Function<Envelope.Interchange, Delimiters> delimiters, String functionalId, String setType,
                     String version) {
        this.output = output;
        this.controlNumbers = controlNumbers;
        this.reply = reply;
        this.delimiters = delimiters;
        this.functionalId = functionalId;
        this.setType = setType;
        this.version = version;
    }

    /** Puts the output inside the envelopes mirroring these; true when a new set was just opened. */
    boolean enter(Envelope.Interchange interchange, Envelope.Group group, Envelope.Set set) {
        if (interchange.ordinal() != interchangeOrdinal) {
            close();
            output.startInterchange(interchange.isa(), reply, controlNumbers.get(),
                    reply ? "0" : interchange.isa().element(14), delimiters.apply(interchange));
            interchangeOrdinal = interchange.ordinal();
            groupControl = 0;
        }
        if (group.ordinal() != groupOrdinal || !groupOpen) {
            closeGroup();
            output.startGroup(group.gs(), reply, functionalId != null ? functionalId : group.functionalId(),
                    String.valueOf(++groupControl), version != null ? version : group.version());
            groupOrdinal = group.ordinal();
            groupOpen = true;
            setControl = 0;
        }
        if (set.ordinal() != setOrdinal || !setOpen) {
            closeSet();
            output.startSet(setType != null ? setType : set.type(), String.format("%04d", ++setControl),
                    version != null ? version : set.version());
            setOrdinal = set.ordinal();
            setOpen = true;
            return true;
        }
        return false;
    }

    private void closeSet() {
        if (setOpen) {
            output.endSet();
            setOpen = false;
        }
    }

    private void closeGroup() {
        closeSet();
        if (groupOpen) {
            output.endGroup();
            groupOpen = false;
        }
    }

    /** Closes whatever is open. */
    void close() {
        closeGroup();
        if (output.interchangeOpen()) {
            output.endInterchange();
        }
    }
}
