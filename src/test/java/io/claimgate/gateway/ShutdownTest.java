package io.claimgate.gateway;

import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import io.claimgate.synthetic.SyntheticBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM while {@code serve} works on a large file (100,000 claims of 8 lines each): the file in hand is finished
 * — outputs in place and the ledger terminal — before the process exits, however long that takes beyond Camel's
 * default 45 s shutdown (here about 50 s); a restart then processes nothing again (no second set of outputs under new control
 * numbers).
 */
class ShutdownTest {
    @TempDir
    Path dir;

    private final ServeProcess.Started started = new ServeProcess.Started();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        started.killAlive();
    }

    @Test
    void sigtermDuringALargeFileFinishesItAndARestartProcessesNothing() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = Files.createDirectories(gw.resolve("inbox"));
        Path tmp = inbox.resolve(".large.837.tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            new SyntheticBatch(new SyntheticBatch.Spec(100_000, 8, 0.5, 0.02, 7, 5_000)).write837(out);
        }
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(tmp, inbox.resolve("large.837"), StandardCopyOption.ATOMIC_MOVE);
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        String[] settings = {"claimgate.gateway.dir", gw.toString(), "claimgate.ledger.url", url,
            "claimgate.gateway.node", "node-a", "claimgate.gateway.poll-ms", "100",
            "claimgate.gateway.read-lock-min-age-ms", "200", "claimgate.management.port", "-1"};
        Path log = dir.resolve("serve.log");
        ServeProcess serve = started.start(log, Map.of(), List.of(), settings);
        await().atMost(120, TimeUnit.SECONDS).until(() -> Files.readString(log).contains("to=processing"));
        long stopping = System.nanoTime();
        serve.terminate();
        int exit = serve.awaitExit(900);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);

        List<FileRecord> rows;
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            rows = ledger.files();
        }
        System.out.printf("shutdown test: 100,000 claims of 8 lines, SIGTERM while processing, exit %d after %d s, state %s%n",
                exit, seconds, rows.isEmpty() ? "none" : rows.get(0).state());
        assertThat(rows).singleElement().satisfies(f -> {
            assertThat(f.state().terminal()).as("ledger state after SIGTERM").isTrue();
            assertThat(f.claimsIn()).isEqualTo(100_000L);
        });
        List<Path> outputs = new ArrayList<>();
        for (String folder : List.of("accepted", "rejected", "acks", "reports")) {
            outputs.addAll(GatewayFiles.files(gw.resolve(folder)));
        }
        assertThat(outputs).hasSize(rows.get(0).outputs().size());
        assertThat(GatewayFiles.files(gw.resolve("processing"))).isEmpty();

        // a restart finds nothing to do: no second set of outputs
        ServeProcess again = started.start(log, Map.of(), List.of("--drain", "--idle-seconds", "2"), settings);
        again.awaitExit(120);
        List<Path> after = new ArrayList<>();
        for (String folder : List.of("accepted", "rejected", "acks", "reports")) {
            after.addAll(GatewayFiles.files(gw.resolve(folder)));
        }
        assertThat(after).isEqualTo(outputs);
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            assertThat(ledger.files()).singleElement().satisfies(f -> {
                assertThat(f.attempts()).isEqualTo(1);
                assertThat(f.state()).isIn(FileState.DONE, FileState.REJECTED);
            });
        }
    }
}
