package io.claimgate.cli;

import io.claimgate.scrub.ScrubProgress;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on standard error for files that take more than a few seconds: the pass and how much of the
 * file it has read. On a terminal the line is rewritten in place; otherwise a line is printed every 10 seconds.
 */
final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "claimgate-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile String file;
    private volatile ScrubProgress progress;
    private volatile long startedNanos;
    private long lastPrinted;
    private boolean shown;

    Progress(PrintWriter err) {
        this.err = err;
        timer.scheduleAtFixedRate(this::show, 1, 1, TimeUnit.SECONDS);
    }

    void file(String name, ScrubProgress progress) {
        this.progress = progress;
        this.startedNanos = System.nanoTime();
        this.file = name;
    }

    private synchronized void show() {
        String f = file;
        ScrubProgress p = progress;
        if (f == null || p == null) {
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        if (seconds < 3 || (!terminal && seconds - lastPrinted < 10)) {
            return;
        }
        lastPrinted = seconds;
        String what = p.pass() == 1 ? "validating" : "writing outputs";
        String line = String.format("%s: %s, %d%% of %.1f MB, %d s", f, what, p.percent(), p.bytesTotal() / 1e6,
                seconds);
        if (terminal) {
            err.print("\r" + line + "\033[K");
            shown = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    synchronized void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
        file = null;
        lastPrinted = 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clear();
    }
}
