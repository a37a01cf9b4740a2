package io.claimgate.x12;

import io.claimgate.model.RawSegment;

/** The envelope headers of what is being read: interchange (ISA), functional group (GS), transaction set (ST). */
public final class Envelope {
    private Envelope() {
    }

    /** An ISA header. Ordinals count from 0 within the file. */
    public record Interchange(int ordinal, RawSegment isa, Delimiters delimiters) {
        public String control() { return isa.element(13).trim(); }
        public String senderId() { return isa.element(6); }
        public String receiverId() { return isa.element(8); }
        /** ISA14 = 1: the sender asks for a TA1. */
        public boolean ackRequested() { return "1".equals(isa.element(14)); }
    }

    /** A GS header. */
    public record Group(int ordinal, RawSegment gs) {
        public String functionalId() { return gs.element(1); }
        public String control() { return gs.element(6); }
        public String version() { return gs.element(8); }
    }

    /** An ST header. */
    public record Set(int ordinal, RawSegment st) {
        public String type() { return st.element(1); }
        public String control() { return st.element(2); }
        public String version() { return st.element(3); }
    }
}
