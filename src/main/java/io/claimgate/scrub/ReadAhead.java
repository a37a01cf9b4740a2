package io.claimgate.scrub;

import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads on a thread of its own while the calling thread handles what was read, in the same order: the routing pass
 * decodes the kept claims on one core while the other writes the outputs (the validation pass has its tokenizing
 * done ahead by {@link ClaimReader#tokenizingAhead()} instead). At most {@link #BATCHES} batches of {@link #BATCH} events are in flight, so memory stays bounded. A failure on either
 * side stops both; the reader's is rethrown on the calling thread.
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
        BlockingQueue<List<Consumer<ClaimReader.Handler>>> queue = new ArrayBlockingQueue<>(BATCHES);
        List<Consumer<ClaimReader.Handler>> end = List.of();
        Throwable[] failure = new Throwable[1];
        boolean[] stopped = new boolean[1];
        Object lock = new Object();
        Thread thread = new Thread(() -> {
            Queueing queueing = new Queueing(queue, () -> {
                synchronized (lock) {
                    return stopped[0];
                }
            });
            try {
                source.readInto(queueing);
                queueing.flush();
            } catch (Throwable t) { // handed to the calling thread, which rethrows it
                synchronized (lock) {
                    failure[0] = t;
                }
            } finally {
                queueing.finish(end);
            }
        }, "claimgate-read-ahead");
        thread.setDaemon(true);
        thread.start();
        boolean done = false;
        try {
            while (true) {
                List<Consumer<ClaimReader.Handler>> batch = queue.take();
                if (batch == end) {
                    break;
                }
                for (Consumer<ClaimReader.Handler> event : batch) {
                    event.accept(handler);
                }
            }
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading interrupted");
        } finally {
            if (!done) {
                synchronized (lock) {
                    stopped[0] = true;
                }
                queue.clear();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable t;
        synchronized (lock) {
            t = failure[0];
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
    }

    /** The reader's side: events in batches onto the queue. */
    private static final class Queueing implements ClaimReader.Handler {
        private final BlockingQueue<List<Consumer<ClaimReader.Handler>>> queue;
        private final java.util.function.BooleanSupplier stopped;
        private List<Consumer<ClaimReader.Handler>> batch = new ArrayList<>(BATCH);

        Queueing(BlockingQueue<List<Consumer<ClaimReader.Handler>>> queue, java.util.function.BooleanSupplier stopped) {
            this.queue = queue;
            this.stopped = stopped;
        }

        private void add(Consumer<ClaimReader.Handler> event) {
            batch.add(event);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        void finish(List<Consumer<ClaimReader.Handler>> end) {
            try {
                put(end);
            } catch (Stopped ignored) {
                // the calling thread is gone already
            }
        }

        private void put(List<Consumer<ClaimReader.Handler>> item) {
            try {
                while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped.getAsBoolean()) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
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

    /** The calling thread gave up: the reader stops too. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
