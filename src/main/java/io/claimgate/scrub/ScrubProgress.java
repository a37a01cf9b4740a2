package io.claimgate.scrub;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How far the current file has got, for a progress line: which pass (1 = validating, 2 = writing outputs) and how
 * far into the file's bytes: read so far in pass 1; in pass 2 the share of the claims written, as a share of the
 * bytes. Written by the scrub, read by another thread.
 */
public final class ScrubProgress {
    private volatile int pass;
    private volatile long bytesRead;
    private volatile long bytesTotal;

    public int pass() { return pass; }
    public long bytesRead() { return bytesRead; }
    public long bytesTotal() { return bytesTotal; }

    /** Percentage of the current pass, 0 to 100. */
    public int percent() {
        long total = bytesTotal;
        return total <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / total);
    }

    void start(int pass, long total) {
        this.bytesRead = 0;
        this.bytesTotal = total;
        this.pass = pass;
    }

    /** Progress as a share of the pass's bytes: {@code done} of {@code of} items handled. */
    void share(long done, long of) {
        bytesRead = of <= 0 ? bytesTotal : bytesTotal * done / of;
    }

    /** Wraps a stream so that what is read from it counts as progress. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    bytesRead += n;
                }
                return n;
            }
        };
    }
}
