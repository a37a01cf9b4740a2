package io.claimgate.spill;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporary files hold patient data: they live in one owner-only folder per process, and the folder of a process
 * killed with -9 is deleted by the next one — never the folder of a process still running.
 */
class TemporaryFilesTest {

    /** A child JVM: makes a temporary file in its folder, says where, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path file = TemporaryFiles.create("claims", ".run");
        Files.writeString(file, "SYNTHETIC PATIENT DATA");
        System.out.println(file);
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(60, TimeUnit.SECONDS); // until killed
    }

    private static Process child(Path system) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + system, "-cp", System.getProperty("java.class.path"),
                TemporaryFilesTest.class.getName()).redirectErrorStream(true).start();
    }

    @Test
    void theFolderOfAKilledProcessIsSweptAndALiveOnesIsKept(@TempDir Path system) throws Exception {
        Process killed = child(system);
        Process alive = child(system);
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(killed.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            assertThat(line).as("the child's temporary file").isNotNull();
            Path killedFile = Path.of(line);
            // the second child may still be starting: wait for its folder
            org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> listFolders(system).size() == 2);
            assertThat(killedFile).exists();
            assertThat(killedFile.getParent().getFileName().toString())
                    .startsWith("claimgate-" + killed.pid() + "-");
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Files.createDirectory(system.resolve("claimgate-notes")); // not a process folder
            Files.writeString(system.resolve("claimgate-" + killed.pid() + "-7"), "a file, not a folder");

            assertThat(killedFile).exists(); // a kill -9 leaves it behind ...
            assertThat(TemporaryFiles.sweep(system)).isEqualTo(1);
            assertThat(killedFile.getParent()).doesNotExist(); // ... until the next process sweeps
            assertThat(listFolders(system)).singleElement().satisfies(
                    f -> assertThat(f.getFileName().toString()).startsWith("claimgate-" + alive.pid() + "-"));
            assertThat(system.resolve("claimgate-notes")).isDirectory();
            assertThat(system.resolve("claimgate-" + killed.pid() + "-7")).isRegularFile();
            assertThat(TemporaryFiles.sweep(system)).isZero();
        } finally {
            killed.destroyForcibly();
            alive.destroyForcibly();
            alive.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void filesAreMadeInThisProcesssOwnerOnlyFolder() throws IOException {
        Path file = TemporaryFiles.create("test", ".run");
        try {
            Path folder = file.getParent();
            assertThat(folder.getFileName().toString()).startsWith("claimgate-" + ProcessHandle.current().pid() + "-");
            assertThat(folder.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(file.getFileName().toString()).startsWith("claimgate-test").endsWith(".run");
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
            TemporaryFiles.sweep(folder.getParent());
            assertThat(folder).as("its own folder is never swept").isDirectory();
            assertThat(file).exists();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Path> listFolders(Path system) throws IOException {
        try (var s = Files.list(system)) {
            return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("claimgate-\\d+-\\d+"))
                    .toList();
        }
    }
}
