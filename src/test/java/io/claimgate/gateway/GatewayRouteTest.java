package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drop-folder route end to end in one JVM (camel-test-junit5): real files in a real inbox, Camel's file
 * consumer, the scrub service, an embedded H2 ledger. Each test starts the Camel context itself, with the gateway
 * settings it needs. Waits on Camel's NotifyBuilder and on the ledger (Awaitility), never on fixed sleeps.
 */
class GatewayRouteTest extends CamelTestSupport {
    @TempDir
    Path dir;

    private Ledger ledger;
    private Gateway gateway;
    private GatewaySettings settings;

    private void start(String... keyValues) throws Exception {
        settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-a", keyValues);
        ledger = Ledger.open(settings.ledger());
        gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(), Samples.csvExport(),
                Samples.rules()), new GatewayMetrics());
        gateway.reconcile();
        context.addRoutes(new GatewayRoutes(settings, gateway));
        context.start();
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        configuration.withUseAdviceWith(true); // started by each test, once its routes are added
    }

    @AfterEach
    void stop() {
        context.stop();
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
    }

    private Path inbox() {
        return settings.folders().inbox();
    }

    private FileRecord terminal(String sha12) {
        return ledger.files().stream().filter(f -> f.sha256().startsWith(sha12) && f.state().terminal())
                .findFirst().orElse(null);
    }

    private FileRecord awaitTerminal(Path file) throws IOException {
        String sha12 = io.claimgate.x12.InterchangeScan.of(file).sha256().substring(0, 12);
        await().atMost(30, TimeUnit.SECONDS).until(() -> terminal(sha12) != null);
        return terminal(sha12);
    }

    @Test
    void aDroppedFileIsProcessedOnceWithItsOutputsArchivedAndInTheLedger() throws Exception {
        start();
        NotifyBuilder one = new NotifyBuilder(context).whenCompleted(1).create();
        Path copy = dir.resolve("probe.837");
        Files.copy(GatewayFiles.CLEAN, copy);
        GatewayFiles.drop(inbox(), "clean.837", Files.readString(GatewayFiles.CLEAN, StandardCharsets.US_ASCII));
        assertThat(one.matches(30, TimeUnit.SECONDS)).isTrue();
        FileRecord f = awaitTerminal(copy);

        assertThat(f.state()).isEqualTo(FileState.DONE);
        assertThat(f.fileName()).isEqualTo("clean.837");
        assertThat(f.attempts()).isEqualTo(1);
        assertThat(f.claimsIn()).isEqualTo(3L);
        assertThat(f.claimsAccepted()).isEqualTo(3L);
        assertThat(f.senderId()).isEqualTo("CGSUBMITTER01");
        assertThat(f.interchangeControls()).containsExactly("000000101");
        assertThat(ledger.transitions(f.id())).containsExactly("null>received", "received>processing",
                "processing>done");
        assertThat(ledger.claimsOf(f.id())).hasSize(3).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo("ACCEPTED");
            assertThat(c.patientKey()).hasSize(16);
            assertThat(c.serviceFrom()).isNotNull();
            assertThat(c.lines()).isNotEmpty().allSatisfy(l -> {
                assertThat(l.action()).isEqualTo("ACCEPTED");
                assertThat(l.procedure()).matches("9[0-9]{4}");
                assertThat(l.serviceDate()).isBetween(c.serviceFrom(), c.serviceTo());
            });
        });
        // the lines of the sample's three claims, as submitted
        assertThat(ledger.claimsOf(f.id()).stream().mapToInt(c -> c.lines().size()).sum())
                .isEqualTo(Files.readString(GatewayFiles.CLEAN).split("SV1\\*", -1).length - 1);
        // the outputs the ledger lists exist, under names made of sender, ISA13 and hash
        Path out = settings.folders().out();
        assertThat(f.outputs()).contains("accepted/CGSUBMITTER01_000000101_" + f.sha256().substring(0, 12) + ".837")
                .anyMatch(o -> o.startsWith("acks/") && o.endsWith(".999"))
                .anyMatch(o -> o.startsWith("reports/") && o.endsWith(".findings.json"));
        for (String o : f.outputs()) {
            assertThat(out.resolve(o)).isRegularFile();
        }
        assertThat(GatewayFiles.claims(out.resolve(f.outputs().stream().filter(o -> o.startsWith("accepted/"))
                .findFirst().orElseThrow()))).isEqualTo(3);
        assertThat(GatewayFiles.files(inbox())).isEmpty();
        assertThat(GatewayFiles.files(settings.folders().processing())).isEmpty();
        assertThat(GatewayFiles.files(settings.folders().archive())).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).endsWith("-clean.837"));
        assertThat(gateway.metrics().prometheus()).contains("claimgate_files_total{outcome=\"done\"} 1")
                .contains("claimgate_claims_total{status=\"ACCEPTED\"} 3");
    }

    /**
     * A backlog larger than one poll takes (Camel's maxMessagesPerPoll) is processed oldest first across polls: the
     * batch rules decide between claims of different files in the order the files were processed, so that order is
     * the order they arrived in, not the order the directory lists them in.
     */
    @Test
    void aBacklogIsProcessedOldestFirst() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("gw").resolve("inbox"));
        int perPoll = 20;
        int n = perPoll * 3 + 10;
        List<Integer> ages = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
        java.util.Collections.shuffle(ages, new java.util.Random(7));
        java.time.Instant now = java.time.Instant.now();
        for (int i = 0; i < n; i++) {
            // names in one order, arrival times in another
            Path f = inbox.resolve(String.format("batch-%03d.837", i));
            Files.writeString(f, GatewayFiles.withControl(1000 + i), StandardCharsets.US_ASCII);
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(now.minusSeconds(3600 - ages.get(i))));
        }
        start("claimgate.gateway.files-per-poll", String.valueOf(perPoll));
        await().atMost(120, TimeUnit.SECONDS).until(() -> ledger.files().stream()
                .filter(f -> f.state().terminal()).count() == n);
        List<String> processed = ledger.files().stream()
                .sorted(java.util.Comparator.comparingLong(FileRecord::id)).map(FileRecord::fileName).toList();
        List<String> oldestFirst = java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparing(ages::get)).map(i -> String.format("batch-%03d.837", i))
                .toList();
        assertThat(processed).isEqualTo(oldestFirst);
    }

    @Test
    void theSameBytesAgainAreAnsweredFromTheLedgerNotReprocessed() throws Exception {
        start();
        String content = GatewayFiles.withControl(201);
        Path first = GatewayFiles.drop(inbox(), "first.837", content);
        Path probe = Files.writeString(dir.resolve("probe"), content);
        FileRecord original = awaitTerminal(probe);
        List<Path> outputsBefore = GatewayFiles.files(settings.folders().out().resolve("acks"));

        GatewayFiles.drop(inbox(), "again.837", content);
        await().atMost(30, TimeUnit.SECONDS).until(() -> ledger.files().size() == 2
                && ledger.files().get(1).state().terminal());
        FileRecord again = ledger.files().get(1);
        assertThat(again.duplicateOf()).isEqualTo(original.id());
        assertThat(again.reason()).isEqualTo("DUPLICATE-CONTENT");
        assertThat(again.state()).isEqualTo(original.state());
        assertThat(again.outputs()).isEqualTo(original.outputs());
        assertThat(again.attempts()).isZero();
        assertThat(ledger.file(original.id()).attempts()).isEqualTo(1);
        assertThat(GatewayFiles.files(settings.folders().out().resolve("acks"))).isEqualTo(outputsBefore);
        assertThat(GatewayFiles.files(settings.folders().archive())).hasSize(2);
        assertThat(first).doesNotExist();
        assertThat(gateway.metrics().files(Gateway.Outcome.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void aRepeatedIsa13WithOtherContentIsRejectedWithTa1Code025() throws Exception {
        start();
        String content = GatewayFiles.withControl(301);
        Path probe = Files.writeString(dir.resolve("probe"), content);
        GatewayFiles.drop(inbox(), "a.837", content);
        awaitTerminal(probe);

        // same sender, receiver and ISA13; different claims
        String other = content.replace("CLM*", "CLM*X");
        Path probe2 = Files.writeString(dir.resolve("probe2"), other);
        GatewayFiles.drop(inbox(), "b.837", other);
        FileRecord second = awaitTerminal(probe2);

        assertThat(second.state()).isEqualTo(FileState.REJECTED);
        assertThat(second.claimsAccepted()).isZero();
        assertThat(second.claimsRejected()).isEqualTo(3L);
        String ta1Name = second.outputs().stream().filter(o -> o.endsWith(".ta1")).findFirst().orElseThrow();
        String ta1 = Files.readString(settings.folders().out().resolve(ta1Name), StandardCharsets.US_ASCII);
        assertThat(ta1).contains("TA1*000000301*").contains("*R*025");
        Path rejected = settings.folders().out().resolve(second.outputs().stream()
                .filter(o -> o.startsWith("rejected/")).findFirst().orElseThrow());
        assertThat(GatewayFiles.claims(rejected)).isEqualTo(3);
    }

    @Test
    void anIncompleteInterchangeWaitsUntilItIsCompleteAndIsRejectedWhenItNeverIs() throws Exception {
        start("claimgate.gateway.incomplete-max-age-s", "3600");
        String content = GatewayFiles.withControl(401);
        String withoutIea = content.substring(0, content.lastIndexOf("IEA*"));
        Path arriving = GatewayFiles.drop(inbox(), "arriving.837", withoutIea);
        // polled and left alone, again and again
        NotifyBuilder polls = new NotifyBuilder(context).whenCompleted(3).create();
        assertThat(polls.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(arriving).isRegularFile();
        assertThat(ledger.files()).isEmpty();
        assertThat(gateway.metrics().files(Gateway.Outcome.WAITING)).isGreaterThanOrEqualTo(3);

        // the rest arrives: processed
        GatewayFiles.drop(inbox(), "arriving.837", content);
        Path probe = Files.writeString(dir.resolve("probe"), content);
        assertThat(awaitTerminal(probe).state()).isEqualTo(FileState.DONE);
    }

    @Test
    void anInterchangeThatStaysIncompleteIsRejectedOnceOldEnough() throws Exception {
        start("claimgate.gateway.incomplete-max-age-s", "30");
        String content = GatewayFiles.withControl(402);
        String withoutIea = content.substring(0, content.lastIndexOf("IEA*"));
        Path stuck = GatewayFiles.drop(inbox(), "stuck.837", withoutIea);
        Files.setLastModifiedTime(stuck, FileTime.from(Instant.now().minusSeconds(3600)));
        Path probe = Files.writeString(dir.resolve("probe"), withoutIea);
        FileRecord f = awaitTerminal(probe);
        assertThat(f.state()).isEqualTo(FileState.REJECTED);
        assertThat(f.claimsRejected()).isEqualTo(3L);
        String ta1 = Files.readString(settings.folders().out().resolve(f.outputs().stream()
                .filter(o -> o.endsWith(".ta1")).findFirst().orElseThrow()), StandardCharsets.US_ASCII);
        assertThat(ta1).contains("*R*023"); // improper end of file
    }

    /** The ledger of the node in {@code ledgerSettings} takes the scanned file: it is processing there. */
    private static void startedBy(io.claimgate.ledger.LedgerSettings ledgerSettings,
                                  io.claimgate.x12.InterchangeScan scan, String arrivedName) {
        var ids = scan.interchanges().stream().map(h -> new io.claimgate.ledger.Arrival.InterchangeId(h.sender(),
                h.receiver(), h.control())).toList();
        try (Ledger other = Ledger.open(ledgerSettings)) {
            other.admit(new io.claimgate.ledger.Arrival(scan.sha256(), arrivedName, scan.bytes(), ids),
                    Duration.ofDays(1), 3, Duration.ofMinutes(30));
        }
    }

    @Test
    void aFileLeftInTheWorkFolderByACrashIsRecoveredAtStartNotForgotten() throws Exception {
        // a first run took the file and crashed before finishing: the ledger says processing, the file is in work
        settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-a");
        String content = GatewayFiles.withControl(501);
        Path probe = Files.writeString(dir.resolve("probe"), content);
        var scan = io.claimgate.x12.InterchangeScan.of(probe);
        startedBy(settings.ledger(), scan, "crashed.837");
        Path work = settings.folders().processing().resolve("node-a");
        Files.createDirectories(work);
        Files.writeString(work.resolve(Gateway.outputName(scan) + ".x12"), content);

        start();
        FileRecord f = awaitTerminal(probe);
        assertThat(f.state()).isEqualTo(FileState.DONE);
        assertThat(f.attempts()).isEqualTo(2);
        assertThat(f.fileName()).isEqualTo("crashed.837");
        assertThat(GatewayFiles.files(work)).isEmpty();
        assertThat(GatewayFiles.files(settings.folders().archive())).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).endsWith("-crashed.837"));
    }

    @Test
    void aFileAbandonedByANodeThatIsGoneIsTakenOverOnceItsClaimIsStale() throws Exception {
        start("claimgate.gateway.stale-after-s", "1");
        String content = GatewayFiles.withControl(601);
        Path probe = Files.writeString(dir.resolve("probe"), content);
        var scan = io.claimgate.x12.InterchangeScan.of(probe);
        // node-gone took the file (into its work folder, ledger says processing) and died
        var gone = new io.claimgate.ledger.LedgerSettings(settings.ledger().url(), "sa", "", "node-gone", 2);
        startedBy(gone, scan, "orphan.837");
        Path theirs = settings.folders().processing().resolve("node-gone");
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve(Gateway.outputName(scan) + ".x12"), content);

        await().atMost(30, TimeUnit.SECONDS).until(() -> !ledger.staleElsewhere(Duration.ofSeconds(1)).isEmpty());
        gateway.housekeeping();
        FileRecord f = awaitTerminal(probe);
        assertThat(f.state()).isEqualTo(FileState.DONE);
        assertThat(f.ownerNode()).isEqualTo("node-a");
        assertThat(f.attempts()).isEqualTo(2);
        assertThat(GatewayFiles.files(theirs)).isEmpty();
        assertThat(GatewayFiles.files(settings.folders().archive())).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).endsWith("-orphan.837"));
    }

    @Test
    void answersWhoseUploadFailedStayPendingInTheLedgerAndAreUploadedLater() throws Exception {
        start();
        Path remote = Files.createDirectories(dir.resolve("remote-outbox"));
        java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean(false);
        gateway.uploader(files -> {
            if (!reachable.get()) {
                throw new IOException("connection refused");
            }
            for (Path f : files) {
                Files.copy(f, remote.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        });
        String content = GatewayFiles.withControl(701);
        Path probe = Files.writeString(dir.resolve("probe"), content);
        GatewayFiles.drop(inbox(), "up.837", content);
        FileRecord f = awaitTerminal(probe);
        assertThat(ledger.uploadPending()).extracting(FileRecord::id).containsExactly(f.id());
        assertThat(GatewayFiles.files(remote)).isEmpty();

        reachable.set(true);
        gateway.housekeeping();
        assertThat(ledger.uploadPending()).isEmpty();
        assertThat(GatewayFiles.files(remote)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(f.outputs().stream()
                        .filter(o -> o.startsWith("acks/") || o.startsWith("accepted/"))
                        .map(o -> o.substring(o.indexOf('/') + 1)).toList());
    }

    @Test
    void theDailyUnitLimitCountsWhatEarlierFilesAndEarlierRunsAccepted() throws Exception {
        start();
        int crossedAt = -1;
        Path crossing = null;
        for (int k = 0; k < 10 && crossedAt < 0; k++) {
            String content = GatewayFiles.withControl(800 + k);
            Path probe = Files.writeString(dir.resolve("probe-" + k), content);
            GatewayFiles.drop(inbox(), "day-" + k + ".837", content);
            FileRecord f = awaitTerminal(probe);
            if (ledger.claimsOf(f.id()).stream().anyMatch(c -> c.ruleIds().contains("CPT97530-MUE"))) {
                crossedAt = k;
                crossing = probe;
            }
        }
        // the same patients and dates again and again: some later file crosses the daily 97530 limit ...
        assertThat(crossedAt).isGreaterThan(0);
        // ... because of what the earlier files accepted: scrubbed alone, the same bytes do not
        List<String> aloneRules = new java.util.ArrayList<>();
        new ScrubService(dir.resolve("alone"), Samples.csvExport(), Samples.rules()).scrub(crossing,
                new ScrubService.Request("alone", java.util.Set.of(), (claim, status, findings) ->
                        findings.forEach(f -> aloneRules.add(f.ruleId()))));
        assertThat(aloneRules).doesNotContain("CPT97530-MUE");

        // a restart keeps counting: the units are in the ledger, not in memory
        stop();
        ledger = Ledger.open(settings.ledger());
        gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(), Samples.csvExport(),
                Samples.rules()), new GatewayMetrics());
        String content = GatewayFiles.withControl(890);
        Path probe = Files.writeString(dir.resolve("probe-after"), content);
        assertThat(gateway.receive(GatewayFiles.drop(inbox(), "after-restart.837", content)))
                .isEqualTo(Gateway.Outcome.DONE);
        FileRecord after = awaitTerminal(probe);
        assertThat(ledger.claimsOf(after.id())).anySatisfy(c -> assertThat(c.ruleIds()).contains("CPT97530-MUE"));
    }

    @Test
    void withADoneFileContractAFileIsReadOnlyOnceItsDoneFileExists() throws Exception {
        start("claimgate.gateway.done-file-suffix", ".done");
        String waiting = GatewayFiles.withControl(951);
        Path waitingFile = GatewayFiles.drop(inbox(), "waiting.837", waiting);
        String other = GatewayFiles.withControl(952);
        GatewayFiles.drop(inbox(), "other.837", other);
        GatewayFiles.drop(inbox(), "other.837.done", "");
        awaitTerminal(Files.writeString(dir.resolve("probe-other"), other));
        // polled alongside a file that was taken, and left alone without its done-file
        assertThat(waitingFile).isRegularFile();
        assertThat(ledger.files()).hasSize(1);

        GatewayFiles.drop(inbox(), "waiting.837.done", "");
        assertThat(awaitTerminal(Files.writeString(dir.resolve("probe-waiting"), waiting)).state())
                .isEqualTo(FileState.DONE);
        await().atMost(10, TimeUnit.SECONDS).until(() -> GatewayFiles.files(inbox()).isEmpty());
    }

    @Test
    void aRemitDroppedIntoTheRemitInboxIsAnalysedAgainstTheLedgerAndArchived() throws Exception {
        settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(), "node-a");
        ledger = Ledger.open(settings.ledger());
        gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(), Samples.csvExport(),
                Samples.rules()), new GatewayMetrics());
        RemitIntake intake = new RemitIntake(settings, ledger, io.claimgate.config.RemitCodes.load(
                Samples.CONFIG.resolve("reference")), new io.claimgate.remit.DenialReport(Samples.MAPPINGS));
        context.addRoutes(new GatewayRoutes(settings, gateway).remits(intake));
        context.start();

        Path probe = Files.writeString(dir.resolve("probe"), Files.readString(GatewayFiles.CLEAN));
        GatewayFiles.drop(inbox(), "clean.837", Files.readString(GatewayFiles.CLEAN));
        awaitTerminal(probe);
        Path remit = Samples.EDI_SAMPLES.resolve("835/denials-mixed.835");
        GatewayFiles.drop(settings.folders().remits(), "remit.835", Files.readString(remit));
        Path denials = settings.folders().out().resolve("denials");
        await().atMost(30, TimeUnit.SECONDS).until(() -> GatewayFiles.files(settings.folders().remits()).isEmpty()
                && GatewayFiles.files(denials).size() == 4);
        Path summary = GatewayFiles.files(denials).stream()
                .filter(p -> p.getFileName().toString().equals("denials-summary.json")).findFirst().orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile());
        // submitted here: CG-CLEAN-001..003 only; the remit also pays CG-RULE-MUE, CG-RULE-MINUTES and CG-UNKNOWN-9
        assertThat(json.get("totals").get("unmatchedClaims").asLong()).isEqualTo(3);
        assertThat(summary.getParent().getFileName().toString()).startsWith("CGPAYER01_000000835_");
        assertThat(GatewayFiles.files(settings.folders().archive().resolve("remits"))).singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).endsWith("-remit.835"));
    }

    @Test
    void aFileNameFromOutsideNeverBecomesAPath() {
        assertThat(Gateway.plainOr("../../etc/passwd", "fallback")).isEqualTo("fallback");
        assertThat(Gateway.plainOr("..", "fallback")).isEqualTo("fallback");
        assertThat(Gateway.plainOr("a/b.837", "fallback")).isEqualTo("fallback");
        assertThat(Gateway.plainOr(".hidden", "fallback")).isEqualTo("fallback");
        assertThat(Gateway.plainOr("batch-01.837", "fallback")).isEqualTo("batch-01.837");
        assertThat("../x.837".matches(GatewayRoutes.PLAIN_NAME)).isFalse();
        assertThat("..".matches(GatewayRoutes.PLAIN_NAME)).isFalse();
        assertThat("x/../y".matches(GatewayRoutes.PLAIN_NAME)).isFalse();
        assertThat("x\\y".matches(GatewayRoutes.PLAIN_NAME)).isFalse();
        assertThat("claims_2026-01.837".matches(GatewayRoutes.PLAIN_NAME)).isTrue();
    }

    @Test
    void healthAndMetricsAnswerOnLoopbackOnly() throws Exception {
        start("claimgate.management.port", "0");
        try (ManagementServer management = new ManagementServer(settings, gateway)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + management.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"inbox\":\"UP\"").contains("\"ledger\":\"UP\"");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + management.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("# TYPE claimgate_files_total counter");

            // readiness follows the ledger
            ledger.close();
            HttpResponse<String> down = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + management.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"ledger\":\"DOWN\"");
        }
        assertThat(settings.managementHost()).isEqualTo("127.0.0.1");
    }
}
