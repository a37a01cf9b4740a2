package io.claimgate.x12;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The baseline for benchmarks: StAEDI tokenizing a file with its control schema only (no 837 schema), touching
 * every element's text and doing nothing else; bytes decoded as claimgate's readers decode them.
 */
public final class BareParse {
    private BareParse() {
    }

    /** Reads the stream to the end; returns the number of segments. */
    public static long segments(InputStream input) throws IOException {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        long segments = 0;
        long chars = 0;
        try (EDIStreamReader reader = X12Schemas.reader(factory, new BufferedInputStream(input, 1 << 16))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                if (event == EDIStreamEvent.START_SEGMENT) {
                    segments++;
                } else if (event == EDIStreamEvent.ELEMENT_DATA) {
                    chars += reader.getTextLength();
                }
            }
        } catch (io.xlate.edi.stream.EDIStreamException e) {
            throw new IOException("bare parse failed: " + e.getMessage(), e);
        }
        return chars >= 0 ? segments : -1;
    }
}
