package io.claimgate.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Items made by a producer on a thread of its own and taken, in the order made, on the calling thread. They are
 * handed over in batches (one queue operation per batch, not per item) with at most {@code batches} batches
 * waiting, so memory stays bounded whatever the producer's pace. If the producer fails, the taker gets the items
 * made before the failure, then the end, then the failure from {@link #failure()}. {@link #close()} stops the
 * producer (its next hand-over unwinds it) and waits for its thread; after that nothing of the producer runs.
 *
 * @param <T> what is handed over
 */
public final class Handover<T> implements AutoCloseable {
    /** Makes the items on the producer's thread. */
    @FunctionalInterface
    public interface Producer<T> {
        /** Hands every item to {@code out}, in order, and returns when there are no more. */
        void produce(Consumer<T> out) throws Exception;
    }

    private final BlockingQueue<List<T>> queue;
    private final List<T> end = new ArrayList<>(0); // told apart by identity
    private final int batchSize;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;

    private List<T> batch = List.of();
    private int at;
    private boolean ended;

    /**
     * Starts the producer's thread.
     *
     * @param threadName names the thread (a plain word, never data)
     * @param batchSize  items per hand-over
     * @param batches    hand-overs waiting at most
     */
    public Handover(String threadName, int batchSize, int batches, Producer<T> producer) {
        if (batchSize < 1 || batches < 1) {
            throw new IllegalArgumentException("batches of at least one item, at least one batch");
        }
        this.queue = new ArrayBlockingQueue<>(batches);
        this.batchSize = batchSize;
        this.thread = new Thread(() -> run(producer), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Producer<T> producer) {
        Filling filling = new Filling();
        try {
            try {
                producer.produce(filling);
            } finally {
                filling.flush(); // what was made before a failure goes first
            }
        } catch (Stopped ignored) {
            return; // the taker is gone
        } catch (Throwable t) { // reaches the taker after the items; the end follows whatever happened
            failure = t;
        }
        try {
            put(end);
        } catch (Stopped ignored) {
            // the taker is gone
        }
    }

    /** The producer's side: items into the current batch, full batches onto the queue. */
    private final class Filling implements Consumer<T> {
        private List<T> items = new ArrayList<>(batchSize);

        @Override
        public void accept(T item) {
            items.add(item);
            if (items.size() == batchSize) {
                flush();
            }
        }

        void flush() {
            if (!items.isEmpty()) {
                put(items);
                items = new ArrayList<>(batchSize);
            }
        }
    }

    private void put(List<T> items) {
        try {
            while (!queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (stopped) {
            throw new Stopped();
        }
    }

    /**
     * The next item, or {@code null} when the producer is done (then {@link #failure()} tells whether it failed).
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public T take() throws InterruptedException {
        while (at == batch.size()) {
            if (ended) {
                return null;
            }
            batch = queue.take();
            at = 0;
            if (batch == end) {
                ended = true;
                return null;
            }
        }
        return batch.get(at++);
    }

    /** What the producer threw, once {@link #take()} has returned {@code null}; {@code null} if it did not fail. */
    public Throwable failure() {
        return ended ? failure : null;
    }

    /**
     * Stops the producer and waits for its thread: nothing of it runs once this returns. The producer stops at its
     * next hand-over (it is not interrupted: that would close an interruptible channel it reads); one that hands
     * nothing over is waited for until it returns. Idempotent.
     */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            queue.clear();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unwinds the producer once the taker has gone. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
