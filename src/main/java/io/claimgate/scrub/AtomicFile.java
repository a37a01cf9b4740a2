package io.claimgate.scrub;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file that becomes visible only when complete: written under a hidden temporary name in the target
 * folder, forced to disk, then renamed into place. Closed without {@link #commit()} it leaves nothing behind.
 */
final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    AtomicFile(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temp = temp(target);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
    }

    /** The hidden name an output has until it is complete: {@code .NAME.part} beside it. */
    static Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".part");
    }

    OutputStream stream() {
        return out;
    }

    Path target() {
        return target;
    }

    /** Flushes, forces to disk and renames into place. */
    void commit() throws IOException {
        out.flush();
        channel.force(true);
        channel.close();
        CrashHook.beforeRename(target);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened for force; the rename itself is atomic
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
