package io.claimgate.scrub;

import io.claimgate.model.Claim;
import io.claimgate.model.HierarchyLevel;
import io.claimgate.model.RawSegment;
import io.claimgate.model.ServiceLine;
import io.claimgate.model.TransactionRef;
import io.claimgate.spill.RunFile;
import io.claimgate.x12.ClaimReader;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The claims of a file as the validation pass read them, kept in a temporary file for the routing pass, which then
 * writes the outputs without reading (tokenizing) the file a second time. Claims are written and read back in
 * reading order; what claims share — their set's header, their hierarchy levels, their envelope — is written once,
 * where it changes, and shared again when read back. Deleted by {@link #close()}.
 */
final class SpilledClaims implements AutoCloseable {
    private final RunFile<Claim> run = new RunFile<>("claims", new ClaimCodec());

    void add(Claim claim) {
        run.add(claim);
    }

    long size() {
        return run.size();
    }

    /** The claims in the order added (each iterator reads the file from its start). */
    Iterator<Claim> iterator() {
        return run.iterator(new ClaimCodec());
    }

    @Override
    public void close() {
        run.close();
    }

    /**
     * One claim per record. Stateful: the header, levels and envelope of the claim before are remembered on both
     * sides, so a codec instance serves one direction of one run.
     */
    private static final class ClaimCodec implements RunFile.Codec<Claim> {
        private static final int SAME = 0;
        private static final int NEW = 1;
        private static final int NONE = 2;
        /** An element's shape: one repetition of one component (other shapes: repetitions + 1). */
        private static final int SIMPLE = 0;

        private TransactionRef source;
        private List<RawSegment> header;
        private final HierarchyLevel[] levels = new HierarchyLevel[3];

        /** The record being written: built here, then handed to the run file in one write (writing side only). */
        private Encoded out;

        @Override
        public void write(Claim claim, DataOutput run) throws IOException {
            if (out == null) {
                out = new Encoded();
            }
            out.length = 0;
            encode(claim);
            run.write(out.bytes, 0, out.length);
        }

        private void encode(Claim claim) {
            out.writeLong(claim.ordinal());
            str(out, claim.id());
            writeDecimal(out, claim.totalCharge());
            if (claim.source().equals(source)) {
                out.writeByte(SAME);
            } else {
                out.writeByte(NEW);
                TransactionRef s = claim.source();
                out.writeInt(s.interchangeOrdinal());
                str(out, s.interchangeControl());
                out.writeInt(s.groupOrdinal());
                str(out, s.groupControl());
                out.writeInt(s.setOrdinal());
                str(out, s.setControl());
                source = s;
            }
            if (claim.header() == header || claim.header().equals(header)) { // the reader copies it per claim
                out.writeByte(SAME);
            } else {
                out.writeByte(NEW);
                writeSegments(out, claim.header());
                header = claim.header();
            }
            HierarchyLevel[] claimLevels = {claim.billingProvider(), claim.subscriber(), claim.patient()};
            for (int i = 0; i < 3; i++) {
                HierarchyLevel level = claimLevels[i];
                if (level == null) {
                    out.writeByte(NONE);
                } else if (levels[i] != null && levels[i].ordinal() == level.ordinal()) {
                    out.writeByte(SAME);
                } else {
                    out.writeByte(NEW);
                    out.writeLong(level.ordinal());
                    str(out, level.levelId());
                    str(out, level.parentId());
                    str(out, level.levelCode());
                    writeSegments(out, level.segments());
                }
                levels[i] = level;
            }
            writeSegments(out, claim.segments());
            out.writeInt(claim.lines().size());
            int from = 0;
            for (ServiceLine line : claim.lines()) {
                // a line is its segments, a run of the claim's (the reader derives the rest from them again)
                int start = line.segments().isEmpty() ? from : indexOf(claim.segments(), line.segments().get(0), from);
                if (start < 0 || start + line.segments().size() > claim.segments().size()) {
                    throw new IllegalStateException("a service line's segments are not the claim's");
                }
                out.writeInt(start);
                out.writeInt(line.segments().size());
                from = start + line.segments().size();
            }
        }

        @Override
        public Claim read(DataInput in) throws IOException {
            long ordinal = in.readLong();
            String id = str(in);
            BigDecimal total = readDecimal(in);
            if (in.readByte() == NEW) {
                source = new TransactionRef(in.readInt(), str(in), in.readInt(),
                        str(in), in.readInt(), str(in));
            }
            if (in.readByte() == NEW) {
                header = readSegments(in);
            }
            for (int i = 0; i < 3; i++) {
                int kind = in.readByte();
                if (kind == NONE) {
                    levels[i] = null;
                } else if (kind == NEW) {
                    levels[i] = new HierarchyLevel(in.readLong(), str(in), str(in),
                            str(in), readSegments(in));
                }
            }
            List<RawSegment> segments = readSegments(in);
            int n = in.readInt();
            List<ServiceLine> lines = new ArrayList<>(n);
            for (int l = 0; l < n; l++) {
                int start = in.readInt();
                int count = in.readInt();
                lines.add(ClaimReader.serviceLine(segments.subList(start, start + count)));
            }
            return new Claim(ordinal, id, total, source, header, levels[0], levels[1], levels[2], lines, segments);
        }

        private static int indexOf(List<RawSegment> segments, RawSegment segment, int from) {
            for (int i = from; i < segments.size(); i++) {
                if (segments.get(i) == segment) {
                    return i;
                }
            }
            return -1;
        }

        /** A count or position: seven bits a byte, most often one byte. */
        private static void count(Encoded out, int n) {
            if (n < 0) {
                throw new IllegalArgumentException("negative count");
            }
            while (n >= 0x80) {
                out.writeByte((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            out.writeByte(n);
        }

        private static int count(DataInput in) throws IOException {
            int n = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = in.readUnsignedByte();
                n |= (b & 0x7F) << shift;
                if (b < 0x80) {
                    return n;
                }
            }
            throw new IOException("a count in the spilled claims is broken");
        }

        /** A value: its UTF-8 length plus one as a count (0 for null), then the bytes. */
        private static void str(Encoded out, String s) {
            if (s == null) {
                count(out, 0);
                return;
            }
            // most values are ASCII, which is its own UTF-8: copied a character a byte
            int start = out.length;
            int n = s.length();
            count(out, n + 1);
            out.room(n);
            byte[] bytes = out.bytes;
            int at = out.length;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    out.length = start;
                    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    count(out, utf8.length + 1);
                    out.write(utf8);
                    return;
                }
                bytes[at++] = (byte) c;
            }
            out.length = at;
        }

        private static String str(DataInput in) throws IOException {
            int n = count(in);
            if (n == 0) {
                return null;
            }
            byte[] bytes = new byte[n - 1];
            in.readFully(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static void writeDecimal(Encoded out, BigDecimal value) {
            str(out, value == null ? null : value.toString());
        }

        private static BigDecimal readDecimal(DataInput in) throws IOException {
            String text = str(in);
            return text == null ? null : new BigDecimal(text);
        }

        private static void writeSegments(Encoded out, List<RawSegment> segments) {
            count(out, segments.size());
            for (RawSegment s : segments) {
                str(out, s.tag());
                count(out, s.position());
                count(out, s.elements().size());
                for (List<List<String>> element : s.elements()) {
                    if (element.size() == 1 && element.get(0).size() == 1) {
                        count(out, SIMPLE); // most elements: one value, no repetition, no components
                        str(out, element.get(0).get(0));
                        continue;
                    }
                    count(out, element.size() + 1);
                    for (List<String> repetition : element) {
                        count(out, repetition.size());
                        for (String value : repetition) {
                            str(out, value);
                        }
                    }
                }
            }
        }

        private static List<RawSegment> readSegments(DataInput in) throws IOException {
            int n = count(in);
            List<RawSegment> segments = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String tag = str(in);
                int position = count(in);
                int elements = count(in);
                List<List<List<String>>> values = new ArrayList<>(elements);
                for (int e = 0; e < elements; e++) {
                    int shape = count(in);
                    if (shape == SIMPLE) {
                        List<String> value = new ArrayList<>(1);
                        value.add(str(in));
                        List<List<String>> single = new ArrayList<>(1);
                        single.add(value);
                        values.add(single);
                        continue;
                    }
                    int reps = shape - 1;
                    List<List<String>> repetitions = new ArrayList<>(reps);
                    for (int r = 0; r < reps; r++) {
                        int comps = count(in);
                        List<String> components = new ArrayList<>(comps);
                        for (int c = 0; c < comps; c++) {
                            components.add(str(in));
                        }
                        repetitions.add(components);
                    }
                    values.add(repetitions);
                }
                segments.add(new RawSegment(tag, position, values));
            }
            return segments;
        }
    }

    /** A growable byte array written as {@link DataOutput} writes (big-endian), without a call per byte. */
    private static final class Encoded {
        byte[] bytes = new byte[4096];
        int length;

        void room(int n) {
            if (length + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            }
        }

        void writeByte(int b) {
            room(1);
            bytes[length++] = (byte) b;
        }

        void writeInt(int v) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (v >>> shift);
            }
        }

        void writeLong(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (v >>> shift);
            }
        }

        void write(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }
    }

}
