package io.claimgate.gateway;

import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SFTP intake against Debian's OpenSSH server ({@link OpenSshd}: its own host key, a non-root user owning the
 * remote inbox), driven as an operator drives it: {@code claimgate serve --drain} in a JVM of its own
 * ({@link ServeProcess}), then the ledger, the folders on both sides and the log are read. What a remote entry is
 * (a dangling link, a link to a directory or to {@code /etc/passwd}, a file the SFTP user cannot read, a file still
 * being written by a process holding it open) is real, as is a changed host key.
 */
class OpenSshInboxTest {
    private static final Pattern SKIPPED = Pattern.compile("sftp skipped name_sha256=([0-9a-f]{12}) reason=(\\S+)");

    @TempDir
    Path dir;

    private OpenSshd sshd;
    private Path inbox;
    private Path log;

    @BeforeEach
    void start() throws Exception {
        sshd = OpenSshd.start(dir);
        inbox = sshd.root().resolve("inbox");
        log = dir.resolve("serve.log");
    }

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Item 6: a dangling link, a link to a directory and an unreadable file, listed first, block no good file. */
    @Test
    void undownloadableEntriesDoNotBlockTheFilesAfterThem() throws Exception {
        Files.createSymbolicLink(inbox.resolve("a1-dangling.837"), dir.resolve("no-such-file"));
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(inbox.resolve("a2-dirlink.837"), dir.resolve("elsewhere"));
        Path unreadable = inbox.resolve("a3-unreadable.837");
        Files.writeString(unreadable, GatewayFiles.withControl(900), StandardCharsets.US_ASCII);
        OpenSshd.run("chown", "root:root", unreadable.toString());
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        List<String> good = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String name = String.format("b%02d.837", i);
            putRemote(name, GatewayFiles.withControl(100 + i));
            good.add(name);
        }

        int exit = drain(4);

        List<String> fetched = ledgerNames();
        int blocked = (int) good.stream().filter(n -> !fetched.contains(n)).count();
        int exitZeroWithWorkLeft = exit == 0 ? 1 : 0;
        System.out.printf("openssh item 6: good files 10, fetched %d, blocked by a bad entry %d, exit %d, "
                + "drains that exit 0 with work left %d%n", fetched.size(), blocked, exit, exitZeroWithWorkLeft);
        assertThat(blocked).as("good files blocked by a bad entry; log:%n%s", logText()).isZero();
        assertThat(fetched).containsExactlyInAnyOrderElementsOf(good);
        assertThat(remoteNames()).as("left on the server")
                .containsExactlyInAnyOrder("a1-dangling.837", "a2-dirlink.837", "a3-unreadable.837",
                        ".claimgate-received");
        assertThat(exit).as("drain exit with an unreadable file left on the server").isEqualTo(2);
        assertThat(logText()).contains("claimgate: 1 file(s) left on the SFTP server");
        Map<String, List<String>> skips = skipped();
        assertThat(skips).as("names skipped, by hash").containsOnlyKeys(hash("a1-dangling.837"),
                hash("a2-dirlink.837"), hash("a3-unreadable.837"));
        assertThat(skips.get(hash("a1-dangling.837"))).containsExactly("symlink");
        assertThat(skips.get(hash("a2-dirlink.837"))).containsExactly("symlink");
        assertThat(skips.get(hash("a3-unreadable.837"))).containsExactly("permission-denied");
        assertNoNamesLogged("a1-dangling", "a2-dirlink", "a3-unreadable", "b01.837", "b10.837");
    }

    /** Item 7: links are not followed, and every name not taken is reported once, by hash. */
    @Test
    void linksAreNotFollowedAndWhatIsSkippedIsReportedOnce() throws Exception {
        Files.createSymbolicLink(inbox.resolve("passwd.837"), Path.of("/etc/passwd"));
        Path outside = dir.resolve("outside/claims.837");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, GatewayFiles.withControl(700), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(outside.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(inbox.resolve("outside.837"), outside);
        putRemote("bad name.837", GatewayFiles.withControl(701));
        putRemote("..dots.837", GatewayFiles.withControl(702));
        Files.createDirectories(inbox.resolve("subfolder"));
        OpenSshd.run("chown", OpenSshd.USER, inbox.resolve("subfolder").toString());
        putRemote("good.837", GatewayFiles.withControl(703));

        int exit = drain(4);

        List<String> fetched = ledgerNames();
        List<String> outsideShas = List.of(sha256(Files.readAllBytes(Path.of("/etc/passwd"))),
                sha256(Files.readAllBytes(outside)));
        int outsideRead = 0;
        for (Path p : GatewayFiles.files(dir.resolve("gw"))) {
            if (outsideShas.contains(sha256(Files.readAllBytes(p)))) {
                outsideRead++;
            }
        }
        System.out.printf("openssh item 7: fetched %s, files outside the inbox read %d, exit %d%n", fetched,
                outsideRead, exit);
        assertThat(outsideRead).as("files outside the inbox read (gateway folders); log:%n%s", logText()).isZero();
        assertThat(fetched).containsExactly("good.837");
        assertThat(remoteNames()).containsExactlyInAnyOrder("passwd.837", "outside.837", "bad name.837",
                "..dots.837", "subfolder", ".claimgate-received");
        Map<String, List<String>> skips = skipped();
        assertThat(skips).as("skipped, each reported once though polled many times").containsOnlyKeys(
                hash("passwd.837"), hash("outside.837"), hash("bad name.837"), hash("subfolder"));
        assertThat(skips.get(hash("passwd.837"))).containsExactly("symlink");
        assertThat(skips.get(hash("outside.837"))).containsExactly("symlink");
        assertThat(skips.get(hash("bad name.837"))).containsExactly("name-not-plain");
        assertThat(skips.get(hash("subfolder"))).containsExactly("directory");
        assertThat(exit).as("entries the gateway refuses stay on the server: a drain says so").isEqualTo(1);
        assertNoNamesLogged("passwd", "outside", "bad name", "subfolder", "good.837");
    }

    /**
     * Item 8: a process holds the remote file open, writes half an interchange, pauses for longer than the read lock,
     * then writes the rest: the file is taken once, whole, and only then moved aside on the server.
     */
    @Test
    void aPausedUploadIsTakenOnlyWhenComplete() throws Exception {
        byte[] whole = GatewayFiles.withControl(801).getBytes(StandardCharsets.US_ASCII);
        ServeProcess serve = startDrain(sshd.knownHosts(), 8);
        Process writer = slowUpload("slow.837", whole, whole.length / 2, 5, null);

        int exit = serve.awaitExit(120);
        writer.waitFor();

        List<FileRecord> rows = ledgerRows();
        int takenIncomplete = (int) rows.stream().filter(r -> !r.sha256().equals(sha256(whole))).count()
                + localInboxFiles();
        System.out.printf("openssh item 8 (paused mid-interchange): ledger rows %d, files taken while incomplete "
                + "%d, exit %d%n", rows.size(), takenIncomplete, exit);
        assertThat(takenIncomplete).as("files taken while incomplete; log:%n%s", logText()).isZero();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.sha256()).isEqualTo(sha256(whole));
            assertThat(r.state()).isEqualTo(FileState.DONE);
        });
        assertThat(inbox.resolve(".claimgate-received/slow.837")).hasBinaryContent(whole);
        assertThat(exit).isZero();
    }

    /**
     * Item 8 with the done-file contract: the uploader writes one whole interchange, pauses, writes a second, then
     * creates {@code NAME.done}; the SFTP route honours the done file, so both interchanges are read.
     */
    @Test
    void withADoneFileSuffixTheSftpRouteWaitsForTheDoneFile() throws Exception {
        byte[] first = GatewayFiles.withControl(811).getBytes(StandardCharsets.US_ASCII);
        byte[] second = GatewayFiles.withControl(812).getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        ServeProcess serve = startDrain(sshd.knownHosts(), 8, "claimgate.gateway.done-file-suffix", ".done");
        Process writer = slowUpload("two.837", whole, first.length, 5, "two.837.done");

        int exit = serve.awaitExit(120);
        writer.waitFor();

        List<FileRecord> rows = ledgerRows();
        int takenIncomplete = (int) rows.stream().filter(r -> !r.sha256().equals(sha256(whole))).count()
                + localInboxFiles();
        System.out.printf("openssh item 8 (paused between interchanges, done file): ledger rows %d, files taken "
                + "while incomplete %d, exit %d%n", rows.size(), takenIncomplete, exit);
        assertThat(takenIncomplete).as("files taken before their done file; log:%n%s", logText()).isZero();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.sha256()).isEqualTo(sha256(whole)));
        assertThat(remoteNames()).as("the done file is removed with the move").containsExactly(".claimgate-received");
        assertThat(exit).isZero();
    }

    /** Item 8, drain side: a remote file that stays incomplete ends the drain with exit 2, and stays on the server. */
    @Test
    void aDrainEndsNonZeroWhenARemoteFileStaysIncomplete() throws Exception {
        byte[] whole = GatewayFiles.withControl(821).getBytes(StandardCharsets.US_ASCII);
        putRemote("stuck.837", new String(whole, 0, whole.length / 2, StandardCharsets.US_ASCII));

        int exit = drain(3);

        int exitZeroWithWorkLeft = exit == 0 ? 1 : 0;
        System.out.printf("openssh item 8 (stays incomplete): exit %d, drains that exit 0 with work left %d, "
                + "files taken while incomplete %d%n", exit, exitZeroWithWorkLeft, ledgerRows().size()
                + localInboxFiles());
        assertThat(exit).isEqualTo(2);
        assertThat(remoteNames()).containsExactly("stuck.837");
        assertThat(ledgerRows()).isEmpty();
        assertThat(localInboxFiles()).isZero();
        assertThat(logText()).contains("claimgate: 1 file(s) left on the SFTP server");
        assertNoNamesLogged("stuck.837");
    }

    /** Item 9: a changed host key fails the drain (exit 2) and names the cause, not a file. */
    @Test
    void aDrainThatCannotReachTheInboxBecauseTheHostKeyChangedExitsTwo() throws Exception {
        Path pinned = sshd.knownHosts();
        sshd.restartWithHostKey(sshd.newHostKey("host_ed25519_new"));
        putRemote("waiting.837", GatewayFiles.withControl(901));

        int exit = drainWith(pinned, 3);

        System.out.printf("openssh item 9 (changed host key): exit %d, drains that exit 0 with work left %d%n", exit,
                exit == 0 ? 1 : 0);
        assertThat(exit).as("log:%n%s", logText()).isEqualTo(2);
        assertThat(logText()).containsPattern("claimgate: the SFTP inbox could not be reached: .*host key");
        assertThat(remoteNames()).containsExactly("waiting.837");
        assertNoNamesLogged("waiting.837");
    }

    /** Item 9: the server is down: exit 2 too. */
    @Test
    void aDrainThatCannotReachTheInboxBecauseTheServerIsDownExitsTwo() throws Exception {
        Path pinned = sshd.knownHosts();
        sshd.stop();

        int exit = drainWith(pinned, 3);

        System.out.printf("openssh item 9 (server down): exit %d, drains that exit 0 with work left %d%n", exit,
                exit == 0 ? 1 : 0);
        assertThat(exit).as("log:%n%s", logText()).isEqualTo(2);
        assertThat(logText()).contains("claimgate: the SFTP inbox could not be reached: ");
    }

    // ---- helpers

    private int drain(int idleSeconds, String... extra) throws Exception {
        return drainWith(sshd.knownHosts(), idleSeconds, extra);
    }

    /** {@code serve --drain} against the test sshd with the given known-hosts file; returns its exit code. */
    private int drainWith(Path knownHosts, int idleSeconds, String... extra) throws Exception {
        return startDrain(knownHosts, idleSeconds, extra).awaitExit(120);
    }

    /** Starts {@code serve --drain} and returns once it says it is serving (its routes are starting). */
    private ServeProcess startDrain(Path knownHosts, int idleSeconds, String... extra) throws Exception {
        List<String> settings = new ArrayList<>(List.of(
                "claimgate.gateway.dir", dir.resolve("gw").toString(),
                "claimgate.ledger.url", ledgerUrl(),
                "claimgate.gateway.node", "node-a",
                "claimgate.gateway.poll-ms", "200",
                "claimgate.gateway.read-lock-min-age-ms", "1000",
                "claimgate.management.port", "-1",
                "claimgate.sftp.host", "127.0.0.1",
                "claimgate.sftp.port", String.valueOf(sshd.port()),
                "claimgate.sftp.user", OpenSshd.USER,
                "claimgate.sftp.private-key-file", sshd.clientKey().toString(),
                "claimgate.sftp.known-hosts-file", knownHosts.toString(),
                "claimgate.sftp.inbox", "inbox",
                "claimgate.sftp.poll-ms", "300"));
        settings.addAll(List.of(extra));
        ServeProcess serve = ServeProcess.start(log, Map.of(),
                List.of("--drain", "--idle-seconds", String.valueOf(idleSeconds)), settings.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(60)).until(() -> logText().contains("claimgate: serving inbox")
                || !serve.alive());
        return serve;
    }

    /**
     * A separate process that holds {@code name} open in the remote inbox: writes the first {@code pauseAt} bytes,
     * pauses {@code pauseSeconds} (longer than the read lock), writes the rest, then creates {@code doneFile} if one
     * is given.
     */
    private Process slowUpload(String name, byte[] bytes, int pauseAt, int pauseSeconds, String doneFile)
            throws IOException {
        Path head = dir.resolve(name + ".head");
        Path tail = dir.resolve(name + ".tail");
        Files.write(head, java.util.Arrays.copyOfRange(bytes, 0, pauseAt));
        Files.write(tail, java.util.Arrays.copyOfRange(bytes, pauseAt, bytes.length));
        String script = "cat \"$1\" >&3; sleep \"$3\"; cat \"$2\" >&3; exec 3>&-; "
                + (doneFile == null ? "" : ": > \"$4\"; chmod 644 \"$4\"");
        Path target = inbox.resolve(name);
        Files.createFile(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        return new ProcessBuilder("/bin/sh", "-c", "exec 3>>\"$5\"; " + script, "sh", head.toString(),
                tail.toString(), String.valueOf(pauseSeconds),
                doneFile == null ? "" : inbox.resolve(doneFile).toString(), target.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("writer.log")
                        .toFile())).start();
    }

    /** A file that appears on the server whole (written aside, then renamed in), readable by the SFTP user. */
    private void putRemote(String name, String content) throws IOException {
        Path tmp = sshd.root().resolve("tmp-" + Integer.toHexString(name.hashCode()));
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, inbox.resolve(name));
    }

    private String ledgerUrl() {
        return "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    private List<FileRecord> ledgerRows() {
        try (Ledger ledger = Ledger.open(new LedgerSettings(ledgerUrl(), "sa", "", "checker", 2))) {
            return ledger.files();
        }
    }

    private List<String> ledgerNames() {
        return ledgerRows().stream().map(FileRecord::fileName).toList();
    }

    private int localInboxFiles() throws IOException {
        Path local = dir.resolve("gw/inbox");
        if (!Files.isDirectory(local)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(local)) {
            return (int) s.count();
        }
    }

    private List<String> remoteNames() throws IOException {
        try (Stream<Path> s = Files.list(inbox)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Each skipped name's hash with the reasons logged for it (a name reported once has one reason). */
    private Map<String, List<String>> skipped() throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        Matcher m = SKIPPED.matcher(logText());
        while (m.find()) {
            out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        return out;
    }

    private void assertNoNamesLogged(String... names) throws IOException {
        String text = logText();
        for (String n : names) {
            assertThat(text).as("log names %s", n).doesNotContain(n);
        }
    }

    static String hash(String name) {
        return sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
