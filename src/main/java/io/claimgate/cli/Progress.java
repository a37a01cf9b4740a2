package io.claimgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A progress line on standard error for files that take more than a few seconds. */
final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "claimgate-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile String file;
    private volatile long bytes;
    private volatile long startedNanos;
    private volatile boolean shown;

    Progress(PrintWriter err) {
        this.err = err;
        timer.scheduleAtFixedRate(this::show, 3, 3, TimeUnit.SECONDS);
    }

    void file(String name, long size) {
        file = name;
        bytes = size;
        startedNanos = System.nanoTime();
    }

    private synchronized void show() {
        String f = file;
        if (f == null) {
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        if (seconds >= 3) {
            err.printf("\r%s: working, %d s, %.1f MB", f, seconds, bytes / 1e6);
            err.flush();
            shown = true;
        }
    }

    synchronized void clear() {
        if (shown) {
            err.print("\r\033[K");
            shown = false;
        }
        file = null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clear();
    }
}
