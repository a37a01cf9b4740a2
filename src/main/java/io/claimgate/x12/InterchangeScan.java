package io.claimgate.x12;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A quick look at a whole file before it is processed: its SHA-256, its size, the sender, receiver and control
 * number of each interchange, and whether every interchange is complete (an IEA whose IEA02 repeats ISA13). Reads
 * only the envelope: each segment's first bytes, with the delimiters each ISA declares. About as fast as reading
 * the file.
 *
 * @param interchanges ISA06, ISA08 and ISA13 of each interchange found (trimmed), in file order
 * @param complete     the file ends with a complete interchange and every interchange before it is complete; a file
 *                     with no interchange at all (not X12) counts as complete: waiting will not make it X12
 */
public record InterchangeScan(String sha256, long bytes, List<Header> interchanges, boolean complete) {

    /** The identity of one interchange. */
    public record Header(String sender, String receiver, String control) {
    }

    public InterchangeScan {
        interchanges = List.copyOf(interchanges);
    }

    private static final int ISA_LENGTH = 106;
    private static final int PREFIX = 64;

    public static InterchangeScan of(Path file) throws IOException {
        return of(Files.newInputStream(file));
    }

    /** The same look at the bytes of a stream (e.g. a download held in memory); reads it to its end and closes it. */
    public static InterchangeScan of(InputStream stream) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Header> found = new ArrayList<>();
        boolean complete = true;
        long bytes;
        try (CountingStream counting = new CountingStream(stream);
             InputStream in = new BufferedInputStream(new DigestInputStream(counting, sha), 1 << 16)) {
            complete = scan(in, found);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            bytes = counting.count;
        }
        return new InterchangeScan(HexFormat.of().formatHex(sha.digest()), bytes, found, complete);
    }

    /** Reads interchange after interchange; stops at the first thing that is not one. */
    private static boolean scan(InputStream in, List<Header> found) throws IOException {
        byte[] isa = new byte[ISA_LENGTH];
        int b = skipBlank(in, true);
        while (b >= 0) {
            isa[0] = (byte) b;
            int n = 1 + in.readNBytes(isa, 1, ISA_LENGTH - 1);
            if (!startsLikeIsa(isa, n)) {
                return true; // not an interchange (or data after the last one): waiting will not make it one
            }
            if (n < ISA_LENGTH) {
                return false; // a header still arriving
            }
            byte element = isa[3];
            byte terminator = isa[ISA_LENGTH - 1];
            String[] fields = new String(isa, 0, ISA_LENGTH - 1, StandardCharsets.ISO_8859_1)
                    .split(java.util.regex.Pattern.quote(String.valueOf((char) element)), -1);
            if (fields.length < 17) {
                return true; // a malformed header: processing rejects it, waiting will not help
            }
            String control = fields[13].trim();
            found.add(new Header(fields[6].trim(), fields[8].trim(), control));
            // segments up to the IEA
            byte[] prefix = new byte[PREFIX];
            boolean closed = false;
            while (!closed) {
                int first = skipBlank(in, false);
                if (first < 0) {
                    return false; // ends inside the interchange
                }
                int len = 0;
                int c = first;
                while (c >= 0 && c != (terminator & 0xff)) {
                    if (len < PREFIX) {
                        prefix[len++] = (byte) c;
                    }
                    c = in.read();
                }
                if (c < 0) {
                    return false; // a last segment without its terminator
                }
                String segment = new String(prefix, 0, len, StandardCharsets.ISO_8859_1);
                String iea = "IEA" + (char) element;
                if (segment.startsWith(iea)) {
                    String[] e = segment.split(java.util.regex.Pattern.quote(String.valueOf((char) element)), -1);
                    if (e.length < 3 || !e[2].trim().equals(control)) {
                        return false; // IEA02 ≠ ISA13: not the end of this interchange as far as we can tell
                    }
                    closed = true;
                }
            }
            b = skipBlank(in, false);
        }
        return true;
    }

    private static boolean startsLikeIsa(byte[] isa, int n) {
        String have = new String(isa, 0, Math.min(n, 3), StandardCharsets.ISO_8859_1);
        return n > 0 && "ISA".startsWith(have);
    }

    /** Skips white space (and, at the start of the file, a UTF-8 byte order mark). */
    private static int skipBlank(InputStream in, boolean atStart) throws IOException {
        int b = in.read();
        if (atStart && b == 0xEF) {
            int b2 = in.read();
            int b3 = in.read();
            if (b2 == 0xBB && b3 == 0xBF) {
                b = in.read();
            } else {
                return 0xEF; // not a BOM: not X12 either; the caller sees a non-ISA start
            }
        }
        while (b == ' ' || b == '\r' || b == '\n' || b == '\t') {
            b = in.read();
        }
        return b;
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
