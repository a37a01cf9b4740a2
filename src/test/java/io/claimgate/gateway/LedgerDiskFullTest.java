package io.claimgate.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.claimgate.Samples;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded H2 ledger on a tiny tmpfs that fills up (the gateway's folders on the ordinary disk): while the ledger
 * cannot write, files are given back and {@code /health/ready} says the ledger is down; once space returns the ledger
 * works again in the same process and readiness says so; H2 writes no trace file, and what it reports reaches the
 * log without the database's file name. Needs root to mount the tmpfs; skipped where mounting is not permitted.
 */
@Timeout(300)
class LedgerDiskFullTest {
    @TempDir
    Path disk;

    private Tmpfs tmpfs;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void mount() throws Exception {
        tmpfs = Tmpfs.mount(1024);
        Assumptions.assumeTrue(tmpfs != null, "a tmpfs cannot be mounted here (needs root)");
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void unmount() throws Exception {
        root.detachAppender(log);
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    @Test
    void aFullDiskUnderTheLedgerShowsInReadinessAndTheLedgerWorksAgainOnceSpaceReturns() throws Exception {
        String url = "jdbc:h2:file:" + tmpfs.dir().resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        GatewaySettings settings = GatewayFiles.settings(disk, url, "node-a", "claimgate.management.port", "0");
        Path inbox = settings.folders().inbox();
        Files.createDirectories(inbox);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int failedWhileFull = 0;
        List<Integer> readyWhileFull = new ArrayList<>();
        try (Ledger ledger = Ledger.open(settings.ledger())) {
            Gateway gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(),
                    Samples.csvExport(), Samples.rules()), new GatewayMetrics());
            try (ManagementServer management = new ManagementServer(settings, gateway)) {
                URI ready = URI.create("http://127.0.0.1:" + management.port() + "/health/ready");
                Path first = GatewayFiles.drop(inbox, "first.837", GatewayFiles.withControl(801));
                assertThat(gateway.receive(first)).isEqualTo(Gateway.Outcome.DONE);
                assertThat(status(http, ready)).isEqualTo(200);

                tmpfs.leaveFree(0);
                Path second = GatewayFiles.drop(inbox, "second.837", GatewayFiles.withControl(802));
                for (int poll = 0; poll < 5; poll++) {
                    try {
                        gateway.receive(second);
                    } catch (IOException | RuntimeException e) {
                        failedWhileFull++;
                        assertThat(second).as("given back to the inbox").isRegularFile();
                    }
                    readyWhileFull.add(status(http, ready));
                }
                String body = body(http, ready);
                tmpfs.freeAll();
                // readiness follows the ledger back up by itself, without a file arriving
                await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                        .until(() -> status(http, ready) == 200);
                String after;
                try {
                    after = gateway.receive(second).name();
                } catch (IOException | RuntimeException e) {
                    after = e.toString();
                }
                List<String> rows;
                try {
                    rows = ledger.files().stream().map(r -> r.state().db()).toList();
                } catch (RuntimeException e) {
                    rows = List.of(e.toString());
                }
                long traceBytes = traceBytes();
                List<String> h2Lines = log.list.stream().filter(e -> e.getLoggerName().equals("h2database")
                        || e.getLoggerName().startsWith("io.claimgate.ledger")).map(ILoggingEvent::getFormattedMessage)
                        .toList();
                System.out.printf("ledger disk full: %d of 5 tries failed while full, readiness %s while full "
                                + "(last: %s), ready again after space returned, then the file: %s; ledger rows %s; H2 trace file bytes "
                                + "%d; ledger log lines %s%n", failedWhileFull, readyWhileFull, body.strip(),
                        after, rows, traceBytes, h2Lines);

                assertThat(failedWhileFull).as("tries that failed on the full disk").isEqualTo(5);
                assertThat(readyWhileFull).as("readiness while the ledger cannot write").containsOnly(503);
                assertThat(body).contains("\"ledger\":\"DOWN\"");
                assertThat(after).as("the file once space returned").isEqualTo("DONE");
                assertThat(rows).containsExactly("done", "done");
                assertThat(traceBytes).as("H2 trace file").isZero();
                assertThat(log.list).noneMatch(e -> e.getLoggerName().equals("h2database"));
                assertThat(h2Lines).isNotEmpty().noneMatch(l -> l.contains(tmpfs.dir().toString())
                        || l.contains("ledger.mv.db") || l.contains("SYN") || l.contains("first.837"));
            }
        }
    }

    /** Bytes of H2 trace files on the tmpfs. */
    private long traceBytes() throws IOException {
        try (Stream<Path> s = Files.list(tmpfs.dir())) {
            long bytes = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".trace.db")).toList()) {
                bytes += Files.size(p);
            }
            return bytes;
        }
    }

    private static int status(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
