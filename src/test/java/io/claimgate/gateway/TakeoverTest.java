package io.claimgate.gateway;

import io.claimgate.ledger.Databases;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code serve} processes on one inbox over one PostgreSQL ledger: node B is running when node A takes a file
 * and dies (halted, as a crash would) with it in its work folder. B's housekeeping takes the file over once A's
 * claim is stale and processes it: no lock state of A's (a lock marker file in the inbox, as Camel wrote before)
 * outlives A and holds the file back. Skipped when no PostgreSQL is reachable (CI starts one).
 */
class TakeoverTest {
    @TempDir
    Path dir;

    private final ServeProcess.Started started = new ServeProcess.Started();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        started.killAlive();
    }

    @Test
    void aFileLeftByANodeThatDiedIsTakenOverByTheNodeStillRunning() throws Exception {
        String url = Databases.postgresSchema();
        Path gw = dir.resolve("gw");
        Path inbox = Files.createDirectories(gw.resolve("inbox"));
        Path log = dir.resolve("serve.log");
        String[] common = {"claimgate.gateway.dir", gw.toString(), "claimgate.ledger.url", url,
            "claimgate.ledger.user", "claimgate", "claimgate.gateway.poll-ms", "100",
            "claimgate.management.port", "-1",
            "claimgate.gateway.stale-after-s", "2"};
        // B waits 5 s on a new file, A only 0.2 s: A takes the file first, deterministically
        ServeProcess b = start(log, Map.of("CLAIMGATE_LEDGER_PASSWORD", "claimgate"), common, "node-b", "5000");
        await().atMost(60, TimeUnit.SECONDS).until(() -> Files.readString(log).contains("as node node-b"));
        // A halts the JVM as soon as it has started on a file named like this (TestHooks), as a crash would
        ServeProcess a = start(log, Map.of("CLAIMGATE_LEDGER_PASSWORD", "claimgate",
                "CLAIMGATE_TEST_HALT_ON", "takeover"), common, "node-a", "200");
        await().atMost(60, TimeUnit.SECONDS).until(() -> Files.readString(log).contains("as node node-a"));
        Files.writeString(inbox.resolve(".takeover.837.tmp"), GatewayFiles.withControl(30_001));
        Files.move(inbox.resolve(".takeover.837.tmp"), inbox.resolve("takeover.837"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(a.awaitExit(60)).as("node A halted by the test hook").isEqualTo(86);
        List<String> markers = new ArrayList<>();
        try (var s = Files.list(inbox)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".camelLock")).forEach(markers::add);
        }
        assertThat(GatewayFiles.files(gw.resolve("processing").resolve("node-a"))).hasSize(1);

        // B, still running, takes the file over once A's claim is stale (its housekeeping: every 10 s)
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "claimgate", "claimgate", "checker", 2))) {
            await().atMost(90, TimeUnit.SECONDS).until(() -> ledger.files().stream()
                    .anyMatch(f -> f.state() == FileState.DONE));
            FileRecord f = ledger.files().get(0);
            assertThat(f.ownerNode()).isEqualTo("node-b");
            assertThat(f.attempts()).isEqualTo(2);
        }
        assertThat(markers).as("lock markers left in the inbox by the node that died").isEmpty();
        await().atMost(30, TimeUnit.SECONDS).until(() -> GatewayFiles.files(inbox).isEmpty());
        b.terminate();
        b.awaitExit(60);
    }

    private ServeProcess start(Path log, Map<String, String> env, String[] common, String node, String readLockMs)
            throws java.io.IOException {
        List<String> settings = new ArrayList<>(List.of(common));
        settings.addAll(List.of("claimgate.gateway.node", node, "claimgate.gateway.read-lock-min-age-ms", readLockMs));
        return started.start(log, env, List.of(), settings.toArray(String[]::new));
    }
}
