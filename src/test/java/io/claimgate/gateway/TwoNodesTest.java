package io.claimgate.gateway;

import io.claimgate.ledger.Databases;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import io.claimgate.x12.InterchangeScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code serve --drain} processes on one inbox over one PostgreSQL ledger (the way more nodes share work):
 * every file processed exactly once — one ledger row each, one attempt each, archived once, one set of outputs.
 * Skipped when no PostgreSQL is reachable (CI starts one).
 */
class TwoNodesTest {
    static final int FILES = 120;

    @TempDir
    Path dir;

    @Test
    void twoNodesOnOneInboxProcessEveryFileExactlyOnce() throws Exception {
        String url = Databases.postgresSchema();
        Path gw = dir.resolve("gw");
        Path inbox = gw.resolve("inbox");
        Files.createDirectories(inbox);
        Set<String> shas = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            Path f = GatewayFiles.drop(inbox, "shared-" + i + ".837", GatewayFiles.withControl(20_000 + i));
            shas.add(InterchangeScan.of(f).sha256());
        }
        Path log = dir.resolve("serve.log");
        ServeProcess[] nodes = new ServeProcess[2];
        for (int n = 0; n < 2; n++) {
            nodes[n] = ServeProcess.start(log, Map.of("CLAIMGATE_LEDGER_PASSWORD", "claimgate"),
                    List.of("--drain", "--idle-seconds", "3"),
                    "claimgate.gateway.dir", gw.toString(), "claimgate.ledger.url", url,
                    "claimgate.ledger.user", "claimgate", "claimgate.gateway.node", "node-" + n,
                    "claimgate.gateway.poll-ms", "50", "claimgate.gateway.read-lock-min-age-ms", "100",
                    "claimgate.management.port", "-1");
        }
        int exitA = nodes[0].awaitExit(300);
        int exitB = nodes[1].awaitExit(300);

        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "claimgate", "claimgate", "checker", 2))) {
            List<FileRecord> rows = ledger.files();
            Map<String, Long> byNode = new TreeMap<>(rows.stream()
                    .collect(Collectors.groupingBy(FileRecord::ownerNode, Collectors.counting())));
            long attempts = rows.stream().mapToLong(FileRecord::attempts).sum();
            List<Path> archived = GatewayFiles.files(gw.resolve("archive"));
            System.out.printf("two nodes: %d files, exits %d/%d, ledger rows %d, attempts %d, by node %s, "
                    + "archived %d, inbox %d%n", FILES, exitA, exitB, rows.size(), attempts, byNode,
                    archived.size(), GatewayFiles.files(inbox).size());

            assertThat(exitA).isIn(0, 1);
            assertThat(exitB).isIn(0, 1);
            assertThat(rows).hasSize(FILES);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.state().terminal()).isTrue();
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.duplicateOf()).isNull();
            });
            assertThat(rows.stream().map(FileRecord::sha256).collect(Collectors.toSet())).isEqualTo(shas);
            assertThat(archived).hasSize(FILES);
            assertThat(GatewayFiles.files(inbox)).isEmpty();
            assertThat(GatewayFiles.files(gw.resolve("processing"))).isEmpty();
            long listed = rows.stream().mapToLong(r -> r.outputs().size()).sum();
            long present = 0;
            for (String folder : List.of("accepted", "rejected", "acks", "reports")) {
                present += GatewayFiles.files(gw.resolve(folder)).size();
            }
            assertThat(present).isEqualTo(listed);

            // the daily 97530 limit holds across the nodes: every file repeats a Medicare claim of 2 units of 97530
            // for one patient and date (CG-CLEAN-001), and that payer allows 6 a day: at most 3 of them accepted
            long accepted = rows.stream().flatMap(r -> ledger.claimsOf(r.id()).stream())
                    .filter(c -> c.claimId().equals("CG-CLEAN-001") && !c.status().equals("REJECTED")).count();
            System.out.printf("two nodes: CG-CLEAN-001 accepted %d times (2 units each, 6 allowed a day)%n",
                    accepted);
            assertThat(accepted).as("claims accepted over the daily limit by racing nodes").isBetween(1L, 3L);
        }
    }
}
