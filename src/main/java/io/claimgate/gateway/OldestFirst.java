package io.claimgate.gateway;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Makes each poll of a folder take its oldest files: before the poll ({@link #begin}), finds the modification time
 * of the {@code limit}-th oldest file waiting there (the cut-off) and how many are older; during the poll, as the
 * file consumer's filter, passes every file older than the cut-off and, of those at it (times are milliseconds, so
 * a burst can share one), only as many as make up the limit. So the files a poll takes are the oldest, however
 * the folder lists them, and Camel holds exchanges only for them (sorting the whole folder instead, Camel's
 * non-eager limit, took 60–90 MB of heap for 50,000 files). Errors of a poll are handled as by Camel's default.
 * One consumer thread calls both {@link #begin} and {@link #accept}.
 */
final class OldestFirst extends DefaultPollingConsumerPollStrategy implements GenericFileFilter<File> {
    /** Marker files of Camel's {@code readLock=changed}; Camel skips them, so they are not waiting files. */
    private static final String CAMEL_LOCK = ".camelLock";

    private final Path folder;
    private final int limit;
    /** With a done-file contract, only files whose done-file exists are waiting to be taken. */
    private final String doneFileSuffix;
    private long cutOff = Long.MAX_VALUE;
    private int atCutOffLeft;

    OldestFirst(Path folder, int limit, String doneFileSuffix) {
        this.folder = folder;
        this.limit = limit;
        this.doneFileSuffix = doneFileSuffix;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        plan();
        return super.begin(consumer, endpoint);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory() || file.getLastModified() < cutOff) {
            return true;
        }
        if (file.getLastModified() > cutOff || atCutOffLeft <= 0 || !waiting(file.getFileNameOnly())) {
            return false;
        }
        atCutOffLeft--;
        return true;
    }

    /**
     * Finds the cut-off: the modification time (ms) of the {@code limit}-th oldest waiting file, and how many of
     * the files at exactly that time a poll may take; no cut-off when fewer are waiting, or when the folder cannot
     * be listed (the poll itself then says why). Keeps at most {@code limit} times, not one per file.
     */
    void plan() {
        PriorityQueue<Long> oldest = new PriorityQueue<>(Comparator.reverseOrder());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (!waiting(f.getFileName().toString())) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue; // taken by another node meanwhile
                }
                if (a.isRegularFile()) {
                    oldest.add(a.lastModifiedTime().toMillis());
                    if (oldest.size() > limit) {
                        oldest.poll();
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            oldest.clear();
        }
        if (oldest.size() < limit) {
            cutOff = Long.MAX_VALUE;
            atCutOffLeft = 0;
            return;
        }
        cutOff = oldest.peek();
        atCutOffLeft = (int) oldest.stream().filter(t -> t == cutOff).count();
    }

    long cutOff() {
        return cutOff;
    }

    /** Whether a file of this name is one a poll could take: not hidden, not a lock or done-file, done if need be. */
    private boolean waiting(String name) {
        if (name.startsWith(".") || name.endsWith(CAMEL_LOCK)) {
            return false;
        }
        return doneFileSuffix == null
                || (!name.endsWith(doneFileSuffix) && Files.exists(folder.resolve(name + doneFileSuffix)));
    }
}
