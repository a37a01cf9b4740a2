package io.claimgate.spill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where claimgate keeps its temporary files (claims kept between the passes, findings, report rows, tables): one
 * owner-only folder per process in the system temporary folder, {@code claimgate-PID-…}, removed at exit when empty.
 * They hold patient data, so what a process killed with -9 left behind does not stay: the next claimgate process to make its folder deletes the
 * folders of processes that are gone. A folder is kept while a process with its number runs (the number may be
 * reused by another program: then it waits for the next sweep). Processes that share the temporary folder across
 * process namespaces (containers) must not share it with claimgate, or a live process's folder could look orphaned.
 */
public final class TemporaryFiles {
    private static final String PREFIX = "claimgate-";
    private static final Pattern FOLDER = Pattern.compile("claimgate-(\\d{1,19})-\\d+");

    private static Path folder;

    private TemporaryFiles() {
    }

    /** A new empty file in this process's folder, named {@code claimgate-NAME…SUFFIX} (name: a plain word). */
    public static Path create(String name, String suffix) throws IOException {
        return Files.createTempFile(folder(), PREFIX + name, suffix);
    }

    /** This process's folder, made (and the orphaned ones swept) on first use. */
    static synchronized Path folder() throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            Path system = Paths.get(System.getProperty("java.io.tmpdir"));
            sweep(system);
            Path made = Files.createTempDirectory(system, PREFIX + ProcessHandle.current().pid() + "-");
            if (folder == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::deleteOwnFolder,
                        "claimgate-temporary-files"));
            }
            folder = made;
        }
        return folder;
    }

    /**
     * At exit, the folder goes if it is empty. Its files are not deleted here: shutdown hooks run beside the work
     * still finishing (the gateway completes the file in hand on SIGTERM), whose files their owners delete; what a
     * process leaves behind is swept by the next one.
     */
    private static synchronized void deleteOwnFolder() {
        if (folder != null) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // not empty (work still finishing, or files left behind): the next process sweeps it
            }
        }
    }

    /**
     * Deletes the claimgate folders in {@code system} whose process is no longer running; returns how many.
     * Failures to delete are left for the next sweep.
     */
    static int sweep(Path system) {
        int deleted = 0;
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(system, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher m = FOLDER.matcher(entry.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (deleteTree(entry)) {
                    deleted++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // an unreadable temporary folder: nothing swept, the new folder is still made (or fails) by the caller
        }
        return deleted;
    }

    private static boolean deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
