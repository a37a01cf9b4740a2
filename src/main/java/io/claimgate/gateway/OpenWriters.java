package io.claimgate.gateway;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a folder that some process holds open for writing, as Linux shows them in {@code /proc/PID/fd} (what
 * {@code lsof} and {@code fuser} read): a partner that wrote one interchange and paused keeps its file open, and
 * such a file is not complete, however long its size stays the same. Sees the processes this one may inspect (all
 * of them as root, else those of the same user); elsewhere, or on another host writing over NFS, it sees nothing, and
 * the gateway's check of size and hash after the read is what notices a late writer.
 */
final class OpenWriters {
    private static final Path PROC = Path.of("/proc");
    /** {@code O_ACCMODE} of the flags in {@code /proc/PID/fdinfo/FD}: 1 write only, 2 read and write. */
    private static final int ACCESS_MODE = 3;

    private OpenWriters() {
    }

    /**
     * The names of the files directly in {@code folder} open for writing by some process it can see (names, since
     * {@code /proc} shows real paths and the folder may be configured through a link).
     */
    static Set<String> in(Path folder) {
        Set<String> open = new HashSet<>();
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            return open;
        }
        if (!Files.isDirectory(PROC.resolve("self").resolve("fd"))) {
            return open;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, OpenWriters::isPid)) {
            for (Path pid : pids) {
                scan(pid, real, open);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // /proc unreadable: nothing seen
        }
        return open;
    }

    private static boolean isPid(Path p) {
        String n = p.getFileName().toString();
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
    }

    private static void scan(Path pid, Path folder, Set<String> open) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed meanwhile
                }
                if (folder.equals(target.getParent()) && writing(pid, fd.getFileName().toString())) {
                    open.add(target.getFileName().toString());
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // a process that ended, or one this process may not inspect
        }
    }

    private static boolean writing(Path pid, String fd) {
        try {
            List<String> info = Files.readAllLines(pid.resolve("fdinfo").resolve(fd));
            for (String line : info) {
                if (line.startsWith("flags:")) {
                    int flags = Integer.parseInt(line.substring("flags:".length()).trim(), 8);
                    return (flags & ACCESS_MODE) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // closed meanwhile
        }
        return false;
    }
}
