package io.claimgate.gateway;

import io.claimgate.Samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted under {@code target/tmpfs/} for the disk-full tests, with a filler file that sets the free
 * space exactly. Mounting needs root: {@link #mount} returns null where it is not permitted (the tests then skip).
 * Mount points left by a JVM that was killed before it could unmount are unmounted by the next {@link #mount}.
 */
final class Tmpfs implements AutoCloseable {
    static final int PAGE = 4096;
    private static final Path ROOT = Samples.ROOT.resolve("target").resolve("tmpfs");

    private final Path dir;
    private final Path filler;

    private Tmpfs(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve(".filler");
    }

    /** Mounts a tmpfs of {@code kilobytes}, or returns null when this machine does not let the test mount one. */
    static Tmpfs mount(int kilobytes) throws IOException, InterruptedException {
        unmountLeftovers();
        Path dir = ROOT.resolve(UUID.randomUUID().toString());
        Files.createDirectories(dir);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k,mode=0755", "tmpfs", dir.toString()) != 0) {
            Files.deleteIfExists(dir);
            return null;
        }
        if (!mounted(dir)) {
            return null;
        }
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    /** Bytes free on the tmpfs. */
    long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Grows or shrinks the filler file so that exactly {@code pages} pages stay free. */
    void leaveFree(int pages) throws IOException {
        Files.deleteIfExists(filler);
        long size = free() - (long) pages * PAGE;
        if (size > 0) {
            byte[] chunk = new byte[PAGE];
            try (OutputStream out = Files.newOutputStream(filler)) {
                for (long written = 0; written < size; written += PAGE) {
                    out.write(chunk, 0, (int) Math.min(PAGE, size - written));
                }
            }
        }
        long left = free();
        if (left != (long) pages * PAGE) {
            throw new IllegalStateException("tmpfs has " + left + " bytes free, not " + pages + " pages");
        }
    }

    /** Space returns: the filler file is deleted. */
    void freeAll() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        unmount(dir);
    }

    private static void unmount(Path dir) throws IOException, InterruptedException {
        if (mounted(dir) && run("umount", dir.toString()) != 0) {
            run("umount", "-l", dir.toString()); // something still holds it open: detach it now, freed when closed
        }
        if (!mounted(dir)) {
            Files.deleteIfExists(dir);
        }
    }

    /** Mount points under target/tmpfs/ that a killed JVM left behind. */
    private static void unmountLeftovers() throws IOException, InterruptedException {
        for (Path p : mountPoints()) {
            if (p.startsWith(ROOT)) {
                unmount(p);
            }
        }
    }

    private static boolean mounted(Path dir) throws IOException {
        return mountPoints().contains(dir.toAbsolutePath().normalize());
    }

    private static List<Path> mountPoints() throws IOException {
        Path mounts = Path.of("/proc/self/mounts");
        List<Path> points = new ArrayList<>();
        if (!Files.isReadable(mounts)) {
            return points;
        }
        for (String line : Files.readAllLines(mounts, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("tmpfs")) {
                points.add(Path.of(f[1].replace("\\040", " ")));
            }
        }
        return points;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return -1; // no mount command here
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
