package io.claimgate.gateway;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's OpenSSH server ({@code /usr/sbin/sshd}) on a free loopback port, for tests: its own configuration, host
 * key and authorized key in a folder of the test, key authentication only, {@code internal-sftp} starting in
 * {@link #root()}, and one non-root system user ({@value #USER}) that owns the remote inbox. Needs root (to start
 * sshd and create the user); the test is skipped without root or sshd, or fails when {@code CLAIMGATE_REQUIRE_SSHD=1}
 * (set by {@code .ci/run}).
 */
final class OpenSshd implements AutoCloseable {
    static final String USER = "claimgate-sftp-test";
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final Path root;
    private final int port;
    private final Path log;
    private Process process;
    private Path hostKey;

    private OpenSshd(Path dir, int port) {
        this.dir = dir;
        this.root = dir.resolve("remote");
        this.port = port;
        this.log = dir.resolve("sshd.log");
    }

    /** Skips the calling test (or fails it, with {@code CLAIMGATE_REQUIRE_SSHD=1}) when sshd cannot run here. */
    static void assumeAvailable() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean present = Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
        if ((!root || !present) && "1".equals(System.getenv("CLAIMGATE_REQUIRE_SSHD"))) {
            throw new AssertionError("OpenSSH's sshd is required (CLAIMGATE_REQUIRE_SSHD=1) but "
                    + (present ? "the tests do not run as root" : SSHD + " is missing"));
        }
        Assumptions.assumeTrue(root && present, "needs root and Debian's openssh-server");
    }

    /**
     * Prepares everything in {@code dir} (made world-traversable so the test user reaches its inbox) and starts sshd
     * with a fresh ed25519 host key.
     */
    static OpenSshd start(Path dir) throws IOException, InterruptedException {
        assumeAvailable();
        ensureUser();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenSshd sshd = new OpenSshd(dir, port);
        Files.createDirectories(sshd.root.resolve("inbox"));
        Files.createDirectories(sshd.root.resolve("outbox"));
        run("chown", "-R", USER + ":" + USER, sshd.root.toString());
        Files.createDirectories(dir.resolve("client"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "claimgate-test", "-f",
                dir.resolve("client/id_ed25519").toString());
        Files.copy(dir.resolve("client/id_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.setPosixFilePermissions(dir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
        sshd.hostKey = sshd.newHostKey("host_ed25519");
        sshd.launch();
        return sshd;
    }

    /** Generates another ed25519 host key in the test folder (not yet used). */
    Path newHostKey(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "claimgate-test-host", "-f", key.toString());
        return key;
    }

    /** Stops sshd and starts it again on the same port with {@code key} as its host key (a changed host key). */
    void restartWithHostKey(Path key) throws IOException, InterruptedException {
        stop();
        hostKey = key;
        launch();
    }

    private void launch() throws IOException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1:" + port,
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "AllowUsers " + USER,
                "PermitRootLogin no",
                "X11Forwarding no",
                "AllowTcpForwarding no",
                "Subsystem sftp internal-sftp -d " + root,
                "ForceCommand internal-sftp -d " + root,
                "LogLevel VERBOSE",
                ""), StandardCharsets.US_ASCII);
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("sshd exited: " + Files.readString(log));
            }
            return ManagementServer.sshAnswers("127.0.0.1", port);
        });
    }

    /** The folder {@code internal-sftp} starts in: {@code inbox/} and {@code outbox/} owned by the test user. */
    Path root() {
        return root;
    }

    int port() {
        return port;
    }

    Path clientKey() {
        return dir.resolve("client/id_ed25519");
    }

    /** A known-hosts file with one line, {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}, for the given host key. */
    Path knownHosts(Path hostKeyFile) throws IOException {
        String[] pub = Files.readString(Path.of(hostKeyFile + ".pub"), StandardCharsets.US_ASCII).trim().split(" ");
        Path file = dir.resolve("client/known_hosts");
        Files.writeString(file, "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    /** The known-hosts file for the key sshd presents now. */
    Path knownHosts() throws IOException {
        return knownHosts(hostKey);
    }

    /** What sshd logged (for a failure message). */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Whether a TCP connection to the port is accepted. */
    boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static synchronized void ensureUser() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", USER).redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        if (id.waitFor() != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
        }
        // useradd leaves the password "!" (locked): without PAM, sshd refuses a locked account even for a key
        run("usermod", "-p", "*", USER);
    }

    /** Runs a command to its end; fails with its output when it fails. */
    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
