package io.claimgate.x12;

import io.claimgate.model.RawSegment;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes X12 segments with given delimiters, and the envelope around them: ISA/GS/ST with fresh control numbers, and
 * SE/GE/IEA with the counts computed here (StAEDI's writer does not count). The ISA and IEA go through StAEDI's
 * writer, which sets the output's delimiters; every other segment, made here (GS, ST, HL, 277CA) or passed on as read
 * (a claim's, a set's header), is written as text with the output's delimiters, because StAEDI's writer encodes one
 * character at a time and was most of the time of writing a large 837P and 277CA (measured in BENCHMARKS.md). The
 * bytes are the same: {@code X12OutputTest} compares them with a reference mode that sends every segment through
 * StAEDI's writer. The writer runs without StAEDI's control validation, because values longer than it accepts are
 * copied too; the tests read every output back with full validation instead.
 */
final class X12Output implements AutoCloseable {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final OutputStream out;
    /** What StAEDI's writer writes into: {@link #out} without its flush, so handing over to a copied segment is cheap. */
    private final OutputStream staediOut;
    /** Whether StAEDI's writer may hold characters not yet in {@link #out}. */
    private boolean staediPending;
    /** Text after each segment terminator, as StAEDI's writer puts it (its pretty printing). */
    private String afterSegment = "";
    /** Whether every segment goes through StAEDI's writer (the tests' reference; the acknowledgments). */
    private final boolean throughStaedi;
    private byte[] bytes = new byte[256];

    /** A StAEDI writer per interchange: its control validation covers one interchange only. */
    private EDIStreamWriter writer;
    private Delimiters delimiters;
    private final LocalDateTime now;

    private String interchangeControl;
    private String groupControl;
    private String setControl;
    private int groups;
    private int sets;
    private int segments;
    private boolean interchangeOpen;

    /**
     * @param throughStaedi write every segment through StAEDI's writer (slower: the reference the tests compare
     *                          the text writing with, and the acknowledgments, a few segments a file)
     */
    X12Output(OutputStream out, LocalDateTime now, boolean throughStaedi) {
        this.out = out;
        this.now = now;
        this.throughStaedi = throughStaedi;
        this.staediOut = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() {
                // StAEDI's writer hands over what it holds; the stream itself is flushed by X12Output.flush()
            }

            @Override
            public void close() {
            }
        };
    }

    Delimiters delimiters() {
        return delimiters;
    }

    boolean interchangeOpen() {
        return interchangeOpen;
    }

    /**
     * Starts an interchange with the given delimiters, copying the sender's ISA01-08, ISA12, ISA14 and ISA15 from
     * {@code model}, or swapping sender and receiver when {@code reply} is set; ISA09/ISA10 are now, ISA13 is
     * {@code control}.
     */
    void startInterchange(RawSegment model, boolean reply, String control, String ackRequested,
                          Delimiters delimiters) {
        if (!writable(delimiters)) {
            // StAEDI's writer takes printable, distinct delimiters only (an input may use control characters):
            // the output is written with the standard ones, and a value holding one of those goes out as it came
            delimiters = new Delimiters(Delimiters.STANDARD.element(), Delimiters.STANDARD.component(),
                    Delimiters.STANDARD.repetition(), Delimiters.STANDARD.segment(), delimiters.lineBreak());
        }
        this.delimiters = delimiters;
        this.special = null;
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIStreamConstants.Delimiters.DATA_ELEMENT, delimiters.element());
        factory.setProperty(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, delimiters.component());
        factory.setProperty(EDIStreamConstants.Delimiters.REPETITION, delimiters.repetition());
        factory.setProperty(EDIStreamConstants.Delimiters.SEGMENT, delimiters.segment());
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, !delimiters.lineBreak().isEmpty());
        // StAEDI's pretty printing puts the platform's line separator after a segment (unless it holds the terminator)
        String separator = System.lineSeparator();
        afterSegment = delimiters.lineBreak().isEmpty() || separator.indexOf(delimiters.segment()) >= 0 ? ""
                : separator;
        writer = X12Schemas.writer(factory, staediOut);
        try {
            writer.startInterchange();
            writer.writeStartSegment("ISA");
            writer.writeElement(fixed(model.element(1), 2, "00"));
            writer.writeElement(fixed(model.element(2), 10, ""));
            writer.writeElement(fixed(model.element(3), 2, "00"));
            writer.writeElement(fixed(model.element(4), 10, ""));
            writer.writeElement(fixed(model.element(reply ? 7 : 5), 2, "ZZ"));
            writer.writeElement(fixed(model.element(reply ? 8 : 6), 15, ""));
            writer.writeElement(fixed(model.element(reply ? 5 : 7), 2, "ZZ"));
            writer.writeElement(fixed(model.element(reply ? 6 : 8), 15, ""));
            writer.writeElement(now.format(YYMMDD));
            writer.writeElement(now.format(HHMM));
            writer.writeElement(String.valueOf(delimiters.repetition()));
            writer.writeElement("00501");
            writer.writeElement(control);
            writer.writeElement(ackRequested);
            writer.writeElement(fixed(model.element(15), 1, "P"));
            writer.writeElement(String.valueOf(delimiters.component()));
            writer.writeEndSegment();
            staediPending = true;
        } catch (EDIStreamException e) {
            throw failure(e);
        }
        interchangeControl = control;
        interchangeOpen = true;
        groups = 0;
    }

    /** Starts a functional group; GS02/GS03 are swapped when {@code reply} is set. */
    void startGroup(RawSegment model, boolean reply, String functionalId, String control, String version) {
        segment("GS", functionalId, model.element(reply ? 3 : 2), model.element(reply ? 2 : 3),
                now.format(CCYYMMDD), now.format(HHMM), control, "X", version);
        groupControl = control;
        groups++;
        sets = 0;
    }

    void startSet(String type, String control, String version) {
        segments = 0;
        setControl = control;
        sets++;
        segment("ST", type, control, version);
    }

    void endSet() {
        segment("SE", String.valueOf(segments + 1), setControl);
    }

    void endGroup() {
        segment("GE", String.valueOf(sets), groupControl);
    }

    void endInterchange() {
        segment("IEA", String.valueOf(groups), interchangeControl);
        try {
            writer.endInterchange();
            staediPending = true;
        } catch (EDIStreamException e) {
            throw failure(e);
        }
        interchangeOpen = false;
    }

    /**
     * Writes a segment of simple elements (trailing empty ones left out). Written as text like a copied segment
     * (what StAEDI's writer would write: the same bytes, {@code X12OutputTest}), except in the reference mode and for
     * the IEA, which ends StAEDI's interchange.
     */
    void segment(String tag, String... elements) {
        int used = elements.length;
        while (used > 0 && (elements[used - 1] == null || elements[used - 1].isEmpty())) {
            used--;
        }
        if (!throughStaedi && !tag.equals("IEA")) {
            length = 0;
            put(tag);
            char element = delimiters.element();
            for (int i = 0; i < used; i++) {
                put(element);
                if (elements[i] != null) {
                    put(elements[i]);
                }
            }
            emit();
            segments++;
            return;
        }
        List<List<List<String>>> values = new java.util.ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            values.add(List.of(List.of(elements[i] == null ? "" : elements[i])));
        }
        RawSegment segment = new RawSegment(tag, 0, values);
        if (needsDirectWrite(segment)) {
            copy(segment); // an echoed value StAEDI's writer refuses (e.g. a GS02 over 500 characters)
            segments++;
            return;
        }
        try {
            writer.writeStartSegment(tag);
            int last = elements.length;
            while (last > 0 && (elements[last - 1] == null || elements[last - 1].isEmpty())) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                String value = elements[i];
                if (value == null || value.isEmpty()) {
                    writer.writeEmptyElement();
                } else {
                    writer.writeElement(value);
                }
            }
            writer.writeEndSegment();
            staediPending = true;
        } catch (EDIStreamException e) {
            throw failure(e);
        }
        segments++;
    }

    /** Writes a segment exactly as read: every element, repetition and component, empty ones included. */
    void segment(RawSegment segment) {
        if (!throughStaedi || needsDirectWrite(segment)) {
            copy(segment);
            segments++;
            return;
        }
        try {
            writer.writeStartSegment(segment.tag());
            for (List<List<String>> element : segment.elements()) {
                writer.writeStartElement();
                for (int r = 0; r < element.size(); r++) {
                    if (r > 0) {
                        writer.writeRepeatElement();
                    }
                    List<String> components = element.get(r);
                    if (components.size() == 1) {
                        writer.writeElementData(components.get(0));
                    } else {
                        for (String component : components) {
                            writer.startComponent();
                            writer.writeElementData(component);
                            writer.endComponent();
                        }
                    }
                }
                writer.endElement();
            }
            writer.writeEndSegment();
            staediPending = true;
        } catch (EDIStreamException e) {
            throw failure(e);
        }
        segments++;
    }

    /** StAEDI 1.26.0's writer refuses element values over this length; the reader accepts up to 4,096. */
    static final int WRITER_MAX_VALUE = 500;

    /**
     * Whether a segment carries what StAEDI's writer refuses: an element over {@link #WRITER_MAX_VALUE} characters
     * in all (the writer buffers a whole element, components and repetitions together), a control character, or
     * one of this output's delimiters (which happens only when the input had none of its own for that role, e.g. an
     * ISA11 that is no separator, so {@code ^} was data there). Such a claim is written as it came, byte for byte.
     * One pass over the characters, with a table of the ones that matter.
     */
    private boolean needsDirectWrite(RawSegment segment) {
        boolean[] special = specialCharacters();
        for (List<List<String>> element : segment.elements()) {
            int length = 0;
            for (List<String> repetition : element) {
                for (String value : repetition) {
                    int n = value.length();
                    length += n + 1;
                    for (int i = 0; i < n; i++) {
                        char c = value.charAt(i);
                        if (c < 128 && special[c]) {
                            return true;
                        }
                    }
                }
            }
            if (length > WRITER_MAX_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static boolean writable(Delimiters d) {
        char[] all = {d.element(), d.component(), d.repetition(), d.segment()};
        for (int i = 0; i < all.length; i++) {
            if (all[i] <= 0x20 || all[i] >= 0x7F || Character.isLetterOrDigit(all[i])) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (all[i] == all[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean[] special;

    /** Control characters, DEL and this output's delimiters. */
    private boolean[] specialCharacters() {
        if (special == null) {
            boolean[] table = new boolean[128];
            for (int c = 0; c < 0x20; c++) {
                table[c] = true;
            }
            table[0x7F] = true;
            if (delimiters != null) {
                for (char d : new char[] {delimiters.element(), delimiters.component(), delimiters.repetition(),
                        delimiters.segment()}) {
                    if (d < 128) {
                        table[d] = true;
                    }
                }
            }
            special = table;
        }
        return special;
    }

    /**
     * Writes a segment as text with the output's delimiters, after what StAEDI's writer holds (so the order of bytes
     * is kept): every segment as read, and values StAEDI's writer refuses (too long, control characters), so a claim
     * carrying one still reaches its output unchanged. One byte per character, as the input was read.
     */
    private void copy(RawSegment segment) {
        length = 0;
        put(segment.tag());
        char element = delimiters.element();
        char repetition = delimiters.repetition();
        char component = delimiters.component();
        for (List<List<String>> values : segment.elements()) {
            put(element);
            for (int r = 0; r < values.size(); r++) {
                if (r > 0) {
                    put(repetition);
                }
                List<String> components = values.get(r);
                for (int c = 0; c < components.size(); c++) {
                    if (c > 0) {
                        put(component);
                    }
                    put(components.get(c));
                }
            }
        }
        emit();
    }

    /** Ends the segment in {@link #bytes} and writes it, after what StAEDI's writer holds. */
    private void emit() {
        put(delimiters.segment());
        put(afterSegment);
        try {
            if (staediPending) {
                writer.flush(); // into out, which is not flushed
                staediPending = false;
            }
            out.write(bytes, 0, length);
        } catch (EDIStreamException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of the segment being copied: one per character (ISO-8859-1, as the input was read). */
    private int length;

    private void put(String value) {
        int n = value.length();
        if (length + n > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            bytes[length++] = (byte) (c > 0xFF ? '?' : c);
        }
    }

    private void put(char c) {
        if (length == bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) (c > 0xFF ? '?' : c);
    }

    void flush() {
        try {
            if (writer != null) {
                writer.flush();
                staediPending = false;
            }
            out.flush();
        } catch (EDIStreamException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    /**
     * An echoed value as a fixed-width field (ISA, TA1): cut or padded to the width, with control characters and this
     * output's delimiters, which the writer refuses, turned into spaces.
     */
    String fixed(String value, int width, String fallback) {
        String v = value == null || value.isEmpty() ? fallback : value;
        if (v.length() > width) {
            v = v.substring(0, width);
        }
        StringBuilder sb = new StringBuilder(width);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean delimiter = c == delimiters.element() || c == delimiters.component()
                    || c == delimiters.repetition() || c == delimiters.segment();
            sb.append(delimiter || c < 0x20 || c == 0x7F ? ' ' : c);
        }
        return sb + " ".repeat(width - v.length());
    }

    private static RuntimeException failure(EDIStreamException e) {
        if (e.getCause() instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException("X12 output failed: " + e.getMessage(), e);
    }
}
