package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerException;
import io.claimgate.ledger.LedgerSettings;
import io.claimgate.model.Claim;
import io.claimgate.rules.ClaimCheck;
import io.claimgate.scrub.ScrubService;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway puts files back into the inbox itself (a read that changed, a retry, the rest of a file that grew, a
 * take-over): never over a file of the same name that arrived meanwhile, and under a done-file contract with a done
 * marker, or they would never be taken again; and a batch lock that could not be taken gives its connection back.
 * Found in review; each test failed on the code before the fix.
 */
class GiveBackTest extends CamelTestSupport {
    @TempDir
    Path dir;
    private Ledger ledger;
    private GatewaySettings settings;
    private Gateway gateway;
    private final AtomicReference<Runnable> duringRead = new AtomicReference<>();
    private final AtomicReference<Runnable> afterRead = new AtomicReference<>();

    private void start(String... kv) throws Exception {
        settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-a", kv);
        ledger = Ledger.open(settings.ledger());
        ClaimCheck rules = Samples.rules();
        ClaimCheck hooked = new ClaimCheck() {
            @Override
            public List<Finding> check(Claim claim) {
                Runnable r = duringRead.getAndSet(null);
                if (r != null) {
                    r.run();
                }
                return rules.check(claim);
            }

            @Override
            public List<io.claimgate.rules.therapy.BatchRules.Line> batchLines(Claim claim) {
                return rules.batchLines(claim);
            }

            @Override
            public Map<String, BigDecimal> importedYearToDate() {
                Runnable r = afterRead.getAndSet(null);
                if (r != null) {
                    r.run();
                }
                return rules.importedYearToDate();
            }
        };
        gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(), Samples.csvExport(),
                hooked), new GatewayMetrics());
        gateway.reconcile();
        context.addRoutes(new GatewayRoutes(settings, gateway));
        context.start();
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        configuration.withUseAdviceWith(true);
    }

    @AfterEach
    void stop() {
        context.stop();
        if (ledger != null) {
            ledger.close();
        }
    }

    private List<String> terminalControls() {
        List<String> c = new ArrayList<>();
        ledger.files().stream().filter(f -> f.state().terminal()).forEach(f -> c.addAll(f.interchangeControls()));
        return c;
    }

    private static void append(Path work, String text) {
        try (var s = Files.list(work)) {
            Path taken = s.filter(Files::isRegularFile).findFirst().orElseThrow();
            Files.writeString(taken, text, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file given back never replaces a file of the same name that arrived while it was in the work folder. */
    @Test
    void giveBackClobbersANewArrivalOfTheSameName() throws Exception {
        start();
        Path inbox = settings.folders().inbox();
        Path work = settings.folders().processing().resolve("node-a");
        String second = GatewayFiles.withControl(812);
        String newcomer = GatewayFiles.withControl(899);
        duringRead.set(() -> {
            append(work, second); // changed while read -> withdraw + giveBack
            try {
                GatewayFiles.drop(inbox, "daily.837", newcomer); // partner / SFTP hand-over: same name
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        GatewayFiles.drop(inbox, "daily.837", GatewayFiles.withControl(811));
        await().atMost(Duration.ofSeconds(30)).until(() -> terminalControls().containsAll(
                List.of("000000811", "000000812", "000000899")));
        assertThat(GatewayFiles.files(inbox)).isEmpty();
    }

    /** With a done-file contract, the rest of a file that grew after its read gets its own done marker. */
    @Test
    void restFileIsNeverTakenUnderADoneFileContract() throws Exception {
        start("claimgate.gateway.done-file-suffix", ".done");
        Path inbox = settings.folders().inbox();
        Path work = settings.folders().processing().resolve("node-a");
        String second = GatewayFiles.withControl(822);
        afterRead.set(() -> append(work, second));
        GatewayFiles.drop(inbox, "late.837", GatewayFiles.withControl(821));
        GatewayFiles.drop(inbox, "late.837.done", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> terminalControls().containsAll(
                List.of("000000821", "000000822")));
        assertThat(gateway.filesLeft()).isZero();
    }

    /** With a done-file contract, a file given back (changed while read) gets its done marker again. */
    @Test
    void givenBackFileIsNeverTakenAgainUnderADoneFileContract() throws Exception {
        start("claimgate.gateway.done-file-suffix", ".done");
        Path inbox = settings.folders().inbox();
        Path work = settings.folders().processing().resolve("node-a");
        String second = GatewayFiles.withControl(832);
        duringRead.set(() -> append(work, second));
        GatewayFiles.drop(inbox, "grows.837", GatewayFiles.withControl(831));
        GatewayFiles.drop(inbox, "grows.837.done", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> terminalControls().containsAll(
                List.of("000000831", "000000832")));
        assertThat(gateway.filesLeft()).isZero();
    }

    /** A batch lock that times out (PostgreSQL lock_timeout) gives its pool connection back. */
    @Test
    void lockBatchLeaksItsConnectionWhenTheLockStatementFails() throws Exception {
        String url = io.claimgate.ledger.Databases.postgresSchema() + "&options=-c%20lock_timeout%3D200";
        Ledger pg = Ledger.open(new LedgerSettings(url, "claimgate", "claimgate", "node-a", 4));
        try (Connection holder = DriverManager.getConnection(url, "claimgate", "claimgate");
             Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(" + 0x636c61696d626174L + ")"); // another node holds it
            int failed = 0;
            for (int i = 0; i < 4; i++) {
                try {
                    pg.lockBatch();
                } catch (LedgerException e) {
                    failed++;
                }
            }
            assertThat(failed).as("lock attempts that timed out").isEqualTo(4);
            holder.rollback();
        }
        boolean ok = pg.reachable();
        pg.close();
        assertThat(ok).as("the ledger answers: the pool kept its connections").isTrue();
    }
}
