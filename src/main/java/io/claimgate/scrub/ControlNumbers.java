package io.claimgate.scrub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Fresh interchange control numbers (ISA13) for what claimgate writes, kept in a small state file so numbers are
 * not reused across runs into the same output folder. Wraps from 999999999 to 1.
 */
public final class ControlNumbers implements Supplier<String> {
    private final Path stateFile;
    private long last;

    public ControlNumbers(Path stateFile) {
        this.stateFile = stateFile;
        this.last = read(stateFile);
    }

    private static long read(Path file) {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!text.matches("[0-9]{1,9}")) {
                // starting again at 1 would reuse control numbers the receivers have already seen
                throw new DamagedException(file);
            }
            return Long.parseLong(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read control number state " + file.getFileName(), e);
        }
    }

    /**
     * The state file holds something other than a control number: an operator must set it (starting again at 1
     * would reuse numbers the receivers have seen). The message names the file and what it may hold.
     */
    public static final class DamagedException extends IllegalStateException {
        public DamagedException(Path file) {
            super("control number file " + file + " is damaged: it must hold the last interchange control number "
                    + "(ISA13) written, a whole number from 0 to 999999999 (nine digits at most); set it to the last "
                    + "ISA13 your receivers have seen");
        }
    }

    @Override
    public synchronized String get() {
        last = last >= 999_999_999L ? 1 : last + 1;
        persist();
        return String.format("%09d", last);
    }

    /** One lock per state file within the JVM: a file lock cannot be taken twice by one JVM. */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> JVM_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private void persist() {
        Object jvmLock = JVM_LOCKS.computeIfAbsent(stateFile.toAbsolutePath().normalize(), k -> new Object());
        synchronized (jvmLock) {
            persistLocked();
        }
    }

    private void persistLocked() {
        try {
            Files.createDirectories(stateFile.getParent());
            Path lockFile = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                long onDisk = read(stateFile);
                if (onDisk >= last && onDisk < 999_999_999L) {
                    last = onDisk + 1; // another run got there first
                }
                Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
                try {
                    Files.writeString(tmp, Long.toString(last), StandardCharsets.US_ASCII);
                    Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    try {
                        Files.deleteIfExists(tmp); // a full disk: no half-written temporary file left behind
                    } catch (IOException again) {
                        e.addSuppressed(again);
                    }
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write control number state " + stateFile.getFileName(), e);
        }
    }
}
