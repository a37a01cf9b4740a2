package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code serve} in a JVM of its own against what an operator or a partner leaves in its folders (issue 15): a FIFO
 * in the inbox and in {@code remits/}, a file still open for writing when a drain ends, an inbox on another file
 * system. The count that matters here: drains that exit 0 with work left — 0.
 */
class DrainIntakeTest {
    @TempDir
    Path dir;

    private final ServeProcess.Started started = new ServeProcess.Started();

    @org.junit.jupiter.api.AfterEach
    void killWhatIsLeft() throws InterruptedException {
        started.killAlive();
    }

    private ServeProcess serve(Path log, List<String> args, String... settings) throws java.io.IOException {
        return started.start(log, Map.of(), args, settings);
    }

    private String[] settings(Path gw, String... more) {
        List<String> s = new java.util.ArrayList<>(List.of("claimgate.gateway.dir", gw.toString(),
                "claimgate.ledger.url", "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0",
                "claimgate.gateway.node", "node-a", "claimgate.gateway.poll-ms", "100",
                "claimgate.gateway.read-lock-min-age-ms", "200", "claimgate.management.port", "-1"));
        s.addAll(List.of(more));
        return s.toArray(String[]::new);
    }

    private List<FileRecord> ledgerFiles() {
        try (Ledger ledger = Ledger.open(new LedgerSettings("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(),
                "sa", "", "checker", 2))) {
            return ledger.files();
        }
    }

    /** FIFOs in both inboxes: the drain still ends, the good files are answered, the FIFOs are left. */
    @Test
    void fifosInTheInboxAndTheRemitInboxNeitherBlockNorKeepADrainRunning() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = Files.createDirectories(gw.resolve("inbox"));
        Path remits = Files.createDirectories(gw.resolve("remits"));
        IntakeTest.mkfifo(inbox.resolve("a-pipe.837"));
        IntakeTest.mkfifo(remits.resolve("a-pipe.835"));
        GatewayFiles.drop(inbox, "good.837", GatewayFiles.withControl(901));
        GatewayFiles.drop(remits, "z-remit.835", Files.readString(Samples.EDI_SAMPLES.resolve("835/denials-mixed.835")));

        Path log = dir.resolve("serve.log");
        ServeProcess serve = serve(log, List.of("--drain", "--idle-seconds", "3"),
                settings(gw));
        int exit = serve.awaitExit(60);

        String out = Files.readString(log);
        assertThat(exit).as("a refused entry is a rejected input: %s", out).isEqualTo(1);
        assertThat(ledgerFiles()).singleElement().satisfies(f -> assertThat(f.interchangeControls())
                .containsExactly("000000901"));
        assertThat(GatewayFiles.files(gw.resolve("denials"))).hasSize(4);
        assertThat(inbox.resolve("a-pipe.837")).exists();
        assertThat(remits.resolve("a-pipe.835")).exists();
        assertThat(out).contains("kind=other").doesNotContain("a-pipe").doesNotContain("left unfinished");
    }

    /** A FIFO in remits/ does not hold a stop back: SIGTERM ends the service gracefully, no route left hanging. */
    @Test
    void aFifoInTheRemitInboxDoesNotHoldAStopBack() throws Exception {
        Path gw = dir.resolve("gw");
        Path remits = Files.createDirectories(gw.resolve("remits"));
        IntakeTest.mkfifo(remits.resolve("a-pipe.835"));
        GatewayFiles.drop(remits, "z-remit.835", Files.readString(Samples.EDI_SAMPLES.resolve("835/denials-mixed.835")));
        Path log = dir.resolve("serve.log");
        ServeProcess serve = serve(log, List.of(), settings(gw));
        await().atMost(60, TimeUnit.SECONDS).until(() -> GatewayFiles.files(gw.resolve("denials")).size() == 4);
        serve.terminate();
        serve.awaitExit(120);
        // a read blocked on the FIFO held the remit route until Camel's graceful shutdown gave up (45 s) and said so
        assertThat(Files.readString(log)).as("the stop finished gracefully")
                .doesNotContain("Timeout occurred during graceful shutdown");
    }

    /** A file some process still holds open for writing is not taken; the drain ends and says work is left. */
    @Test
    void aDrainThatEndsWhileAFileIsStillBeingWrittenDoesNotExitZero() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = Files.createDirectories(gw.resolve("inbox"));
        Path log = dir.resolve("serve.log");
        Path slow = inbox.resolve("slow.837");
        String first = GatewayFiles.withControl(911);
        int exit;
        try (OutputStream out = new FileOutputStream(slow.toFile())) {
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ServeProcess serve = serve(log, List.of("--drain", "--idle-seconds", "2"),
                    settings(gw));
            exit = serve.awaitExit(60);
        }
        assertThat(exit).as(Files.readString(log)).isEqualTo(2);
        assertThat(Files.readString(log)).contains("1 file(s) left unfinished");
        assertThat(slow).as("files taken while incomplete: 0").hasContent(first);
        assertThat(ledgerFiles()).isEmpty();
    }

    /** An inbox on another file system than the work folder: refused at start in one line, not failed at every poll. */
    @Test
    void anInboxOnAnotherFileSystemIsRefusedAtStartInOneLine() throws Exception {
        try (Tmpfs tmpfs = Tmpfs.mount(1024)) {
            Assumptions.assumeTrue(tmpfs != null, "a tmpfs cannot be mounted here (needs root)");
            Path inbox = Files.createDirectories(tmpfs.dir().resolve("inbox"));
            GatewayFiles.drop(inbox, "elsewhere.837", GatewayFiles.withControl(921));
            Path gw = dir.resolve("gw");
            Path log = dir.resolve("serve.log");
            ServeProcess serve = serve(log, List.of("--drain", "--idle-seconds", "2"),
                    settings(gw, "claimgate.gateway.inbox", inbox.toString()));
            int exit = serve.awaitExit(60);
            String out = Files.readString(log);
            assertThat(exit).as(out).isEqualTo(2);
            assertThat(out.lines().filter(l -> l.startsWith("claimgate:"))).singleElement().satisfies(l ->
                    assertThat(l).startsWith("claimgate: configuration error:").contains("another file system"));
            assertThat(out).doesNotContain("elsewhere").doesNotContain("Exception");
            assertThat(inbox.resolve("elsewhere.837")).isRegularFile();
        }
    }
}
