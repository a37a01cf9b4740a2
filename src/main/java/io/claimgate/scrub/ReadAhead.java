package io.claimgate.scrub;

import io.claimgate.finding.Finding;
import io.claimgate.flow.Handover;
import io.claimgate.model.Claim;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Reads on a thread of its own while the calling thread handles what was read, in the same order: the routing pass
 * decodes the kept claims on one core while the other writes the outputs (the validation pass has its tokenizing
 * done ahead by {@link ClaimReader#tokenizingAhead()} instead). The events go through a {@link Handover}: at most
 * {@link #BATCHES} batches of {@link #BATCH} events in flight, so memory stays bounded. A failure on either side
 * stops both; the reader's is rethrown on the calling thread.
 */
final class ReadAhead {
    /**
     * Events per hand-over and hand-overs in flight: at most 128 claims are held between the threads. A claim read
     * back from the spill comes much faster than it is written out, so the queue stays full: 1,024 claims in flight
     * held most of a 128 MB heap and the collector ran 900 times in a 100,000-claim scrub (measured; BENCHMARKS.md).
     */
    static final int BATCH = 16;
    static final int BATCHES = 8;

    private ReadAhead() {
    }

    /** What is read on the other thread: hands everything it reads to {@code into}, in order. */
    @FunctionalInterface
    interface Source {
        void readInto(ClaimReader.Handler into) throws IOException;
    }

    /** As {@code source.readInto(handler)}, with the reading on another thread. */
    static void read(Source source, ClaimReader.Handler handler) throws IOException {
        try (Handover<Consumer<ClaimReader.Handler>> events = new Handover<>("claimgate-read-ahead", BATCH, BATCHES,
                out -> source.readInto(new Queueing(out)))) {
            for (Consumer<ClaimReader.Handler> event; (event = events.take()) != null; ) {
                event.accept(handler);
            }
            rethrow(events.failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading interrupted");
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** The reader's side: each event as a call to make on the calling thread. */
    private static final class Queueing implements ClaimReader.Handler {
        private final Consumer<Consumer<ClaimReader.Handler>> out;

        Queueing(Consumer<Consumer<ClaimReader.Handler>> out) {
            this.out = out;
        }

        private void add(Consumer<ClaimReader.Handler> event) {
            out.accept(event);
        }

        @Override
        public void interchangeStart(Envelope.Interchange interchange) {
            add(h -> h.interchangeStart(interchange));
        }

        @Override
        public void groupStart(Envelope.Group group) {
            add(h -> h.groupStart(group));
        }

        @Override
        public void setStart(Envelope.Set set) {
            add(h -> h.setStart(set));
        }

        @Override
        public void claim(Claim claim) {
            add(h -> h.claim(claim));
        }

        @Override
        public void setEnd(Envelope.Set set, int segmentCount) {
            add(h -> h.setEnd(set, segmentCount));
        }

        @Override
        public void groupEnd(Envelope.Group group, int declaredSetCount) {
            add(h -> h.groupEnd(group, declaredSetCount));
        }

        @Override
        public void interchangeEnd(Envelope.Interchange interchange, int groupCount) {
            add(h -> h.interchangeEnd(interchange, groupCount));
        }

        @Override
        public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
            add(h -> h.finding(finding, scope, claimOrdinal));
        }
    }
}
