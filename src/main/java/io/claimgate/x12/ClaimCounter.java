package io.claimgate.x12;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the CLM segments of a file without StAEDI, as a check on the reader: a byte scan that takes the element
 * separator and segment terminator from each ISA it meets (the character after ISA16, fixed width or not) and counts segments whose tag is CLM. Before the first
 * ISA it assumes {@code *} and {@code ~}, so a file that lost its ISA still shows how many claims it held. It
 * validates nothing and survives any content, so "claims in" does not depend on how far the reader got. Use
 * {@link #counting(InputStream)} to count the bytes as another reader consumes them.
 */
public final class ClaimCounter {
    private long claims;
    // until an ISA says otherwise, the common delimiters (so claims in a file without an ISA are still counted)
    private int element = '*';
    private int terminator = '~';
    private final byte[] head = new byte[4];
    private int length;
    /** Separators seen in the ISA being read, or -1 outside an ISA. */
    private int isaSeparators = -1;
    private int isaAfterLast;

    public long claims() {
        return claims;
    }

    /** Feeds one byte. */
    public void accept(int b) {
        if (isaSeparators >= 0) {
            // inside an ISA: after its 16th separator come ISA16 and then the segment terminator
            if (isaSeparators == 16) {
                isaAfterLast++;
                if (isaAfterLast == 2) {
                    terminator = b;
                    isaSeparators = -1;
                    length = 0;
                }
            } else if (b == element) {
                isaSeparators++;
            }
            return;
        }
        if (length == 0 && (b == '\r' || b == '\n' || b == ' ' || b == '\t')) {
            return;
        }
        if (terminator >= 0 && b == terminator) {
            length = 0;
            return;
        }
        if (length < 4) {
            head[length] = (byte) b;
        }
        length++;
        if (length == 4) {
            if (head[0] == 'I' && head[1] == 'S' && head[2] == 'A') {
                element = b;
                isaSeparators = 1;
                isaAfterLast = 0;
            } else if (element >= 0 && head[0] == 'C' && head[1] == 'L' && head[2] == 'M' && b == element) {
                claims++;
            }
        }
    }

    /** Wraps a stream so that everything read through it is counted here. */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    accept(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                for (int i = 0; i < n; i++) {
                    accept(buffer[off + i] & 0xFF);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = 0;
                while (skipped < n && read() >= 0) {
                    skipped++;
                }
                return skipped;
            }
        };
    }

    /** Counts a whole stream. */
    public static long count(InputStream input) throws IOException {
        ClaimCounter counter = new ClaimCounter();
        try (InputStream in = counter.counting(input)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return counter.claims();
    }
}
