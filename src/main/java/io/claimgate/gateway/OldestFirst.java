package io.claimgate.gateway;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Makes each poll of a folder take its oldest files: before the poll, finds the modification time of the
 * {@code limit}-th oldest file waiting there; during the poll, as the file consumer's filter, passes only files no
 * newer than that. So with Camel's per-poll limit applied as files are listed (its default, "eager"), a backlog
 * larger than one poll still goes oldest first, and Camel never holds an exchange for every file of a large
 * backlog at once (sorting the whole folder first, its non-eager mode, took 60–90 MB of heap for 50,000 files).
 * Errors of a poll are handled as by Camel's default strategy.
 */
final class OldestFirst extends DefaultPollingConsumerPollStrategy implements GenericFileFilter<File> {
    private final Path folder;
    private final int limit;
    /** With a done-file contract, only files whose done-file exists are waiting to be taken. */
    private final String doneFileSuffix;
    private volatile long newest = Long.MAX_VALUE;

    OldestFirst(Path folder, int limit, String doneFileSuffix) {
        this.folder = folder;
        this.limit = limit;
        this.doneFileSuffix = doneFileSuffix;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        newest = newestToTake();
        return super.begin(consumer, endpoint);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return file.isDirectory() || file.getLastModified() <= newest;
    }

    /**
     * The modification time (ms) of the {@code limit}-th oldest file waiting in the folder, or {@link Long#MAX_VALUE}
     * when fewer are waiting (or the folder cannot be listed: the poll itself then says why). Keeps {@code limit}
     * times, not one per file.
     */
    long newestToTake() {
        PriorityQueue<Long> oldest = new PriorityQueue<>(limit + 1, Comparator.reverseOrder());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") || (doneFileSuffix != null && (name.endsWith(doneFileSuffix)
                        || !Files.exists(folder.resolve(name + doneFileSuffix))))) {
                    continue; // hidden (Camel skips them), a done-file, or a file not yet done
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
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
        return oldest.size() < limit ? Long.MAX_VALUE : oldest.peek();
    }
}
