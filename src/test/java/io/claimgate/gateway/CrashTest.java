package io.claimgate.gateway;

import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.ledger.LedgerSettings;
import io.claimgate.x12.InterchangeScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code serve} in its own JVM over a few hundred small files, killed with -9 at random points several times and
 * restarted, then drained. Counts, from the ledger and the folders: every input in exactly one terminal state, its
 * outputs present and whole, lost 0, duplicated outputs 0, re-processed at most one per crash. Prints the counts.
 */
class CrashTest {
    static final int FILES = 240;
    static final int KILLS = 5;

    @TempDir
    Path dir;

    /** {@code --set} pairs for a quick-polling serve over {@code gw} with an H2 ledger, no management port. */
    static String[] serveSettings(Path gw, String ledgerUrl, String node) {
        return new String[] {"claimgate.gateway.dir", gw.toString(), "claimgate.ledger.url", ledgerUrl,
                "claimgate.gateway.node", node, "claimgate.gateway.poll-ms", "50",
                "claimgate.gateway.read-lock-min-age-ms", "100", "claimgate.management.port", "-1"};
    }

    @Test
    void killedAtRandomSeveralTimesNothingIsLostOrDuplicated() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = gw.resolve("inbox");
        Path archive = gw.resolve("archive");
        Files.createDirectories(inbox);
        Map<String, Long> claimsBySha = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            String content = GatewayFiles.withControl(10_000 + i);
            Path f = GatewayFiles.drop(inbox, "batch-" + i + ".837", content);
            claimsBySha.put(InterchangeScan.of(f).sha256(), GatewayFiles.claims(f));
        }
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        String[] settings = serveSettings(gw, url, "crash-node");
        Path log = dir.resolve("serve.log");
        long seed = Long.getLong("claimgate.crash.seed", System.nanoTime());
        Random random = new Random(seed);

        int kills = 0;
        for (int k = 0; k < KILLS; k++) {
            int before = GatewayFiles.files(archive).size();
            if (before >= FILES - 10) {
                break;
            }
            int target = Math.min(FILES - 5, before + 1 + random.nextInt(Math.max(1, (FILES - before) / 6)));
            ServeProcess serve = ServeProcess.start(log, Map.of(), List.of(), settings);
            // a random point: after a random number of files reached the archive, plus a random few milliseconds
            await().atMost(120, TimeUnit.SECONDS).until(() -> GatewayFiles.files(archive).size() >= target
                    || !serve.alive());
            Thread.onSpinWait();
            long extra = random.nextInt(40);
            long until = System.nanoTime() + extra * 1_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(serve.alive()).as("serve died by itself; see %s", log).isTrue();
            serve.kill();
            kills++;
        }
        ServeProcess last = ServeProcess.start(log, Map.of(), List.of("--drain", "--idle-seconds", "3"), settings);
        int exit = last.awaitExit(300);

        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            List<FileRecord> rows = ledger.files();
            Map<String, List<FileRecord>> bySha = new HashMap<>();
            rows.forEach(r -> bySha.computeIfAbsent(r.sha256(), s -> new java.util.ArrayList<>()).add(r));
            long terminal = rows.stream().filter(r -> r.state().terminal()).count();
            long notTerminal = rows.size() - terminal;
            long lost = claimsBySha.keySet().stream().filter(s -> !bySha.containsKey(s)
                    || bySha.get(s).stream().noneMatch(r -> r.state().terminal())).count();
            long twiceTerminal = bySha.values().stream().filter(l -> l.size() > 1).count();
            long reprocessed = rows.stream().mapToLong(r -> Math.max(0, r.attempts() - 1)).sum();

            // outputs: every listed output exists and is whole, claims conserved, and no output not listed
            Set<String> listed = new HashSet<>();
            long missingOutputs = 0;
            long brokenOutputs = 0;
            long unconserved = 0;
            for (FileRecord r : rows) {
                long routed = 0;
                for (String o : r.outputs()) {
                    listed.add(o);
                    Path p = gw.resolve(o);
                    if (!Files.isRegularFile(p)) {
                        missingOutputs++;
                        continue;
                    }
                    if (!o.startsWith("reports/") && !GatewayFiles.wholeInterchange(p)) {
                        brokenOutputs++;
                    }
                    if (o.startsWith("accepted/") || o.startsWith("rejected/")) {
                        routed += GatewayFiles.claims(p);
                    }
                }
                if (r.state() != FileState.QUARANTINED && routed != claimsBySha.get(r.sha256())) {
                    unconserved++;
                }
            }
            Set<String> present = new HashSet<>();
            for (String folder : List.of("accepted", "rejected", "acks", "reports")) {
                for (Path p : GatewayFiles.files(gw.resolve(folder))) {
                    present.add(gw.relativize(p).toString());
                }
            }
            Set<String> unlisted = new HashSet<>(present);
            unlisted.removeAll(listed);
            long leftoverTemp;
            try (Stream<Path> s = Files.walk(gw)) {
                leftoverTemp = s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
            }
            int archived = GatewayFiles.files(archive).size();

            System.out.printf("crash test (seed %d): %d files, %d kills -9, last run exit %d; ledger rows %d, "
                            + "terminal %d, not terminal %d, lost %d, twice terminal %d, re-processed %d; outputs "
                            + "listed %d, present %d, missing %d, broken %d, not listed (duplicated) %d, claims not "
                            + "conserved %d, temp files left %d; archived %d, inbox %d, work %d%n",
                    seed, FILES, kills, exit, rows.size(), terminal, notTerminal, lost, twiceTerminal, reprocessed,
                    listed.size(), present.size(), missingOutputs, brokenOutputs, unlisted.size(), unconserved,
                    leftoverTemp, archived, GatewayFiles.files(inbox).size(),
                    GatewayFiles.files(gw.resolve("processing")).size());

            // the serve log (INFO lines, Camel's warnings, kills and restarts) carries no patient data
            assertThat(Files.readString(log)).isNotBlank().contains("sha256=")
                    .doesNotContain("TESTPATIENT").doesNotContain("SYN1000001").doesNotContain("CG-CLEAN-00")
                    .doesNotContain("19580314").doesNotContain("M25561");
            assertThat(kills).isGreaterThanOrEqualTo(3);
            assertThat(rows).hasSize(FILES);
            assertThat(notTerminal).isZero();
            assertThat(lost).isZero();
            assertThat(twiceTerminal).isZero();
            assertThat(reprocessed).isLessThanOrEqualTo(kills);
            assertThat(missingOutputs).isZero();
            assertThat(brokenOutputs).isZero();
            assertThat(unlisted).isEmpty();
            assertThat(unconserved).isZero();
            assertThat(archived).isEqualTo(FILES);
            assertThat(GatewayFiles.files(inbox)).isEmpty();
            assertThat(GatewayFiles.files(gw.resolve("processing"))).isEmpty();
        }
    }

    @Test
    void stoppedWithSigtermItFinishesTheFileInHandAndARestartReprocessesNothing() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = gw.resolve("inbox");
        Path archive = gw.resolve("archive");
        Files.createDirectories(inbox);
        int files = 80;
        for (int i = 0; i < files; i++) {
            GatewayFiles.drop(inbox, "term-" + i + ".837", GatewayFiles.withControl(30_000 + i));
        }
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        String[] settings = serveSettings(gw, url, "term-node");
        Path log = dir.resolve("serve.log");
        ServeProcess serve = ServeProcess.start(log, Map.of(), List.of(), settings);
        await().atMost(120, TimeUnit.SECONDS).until(() -> GatewayFiles.files(archive).size() >= 10);
        serve.terminate();
        int termExit = serve.awaitExit(120);
        int archivedAtStop = GatewayFiles.files(archive).size();
        List<Path> leftInWork = GatewayFiles.files(gw.resolve("processing"));

        ServeProcess again = ServeProcess.start(log, Map.of(), List.of("--drain", "--idle-seconds", "3"), settings);
        int exit = again.awaitExit(300);
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            List<FileRecord> rows = ledger.files();
            long reprocessed = rows.stream().mapToLong(r -> Math.max(0, r.attempts() - 1)).sum();
            System.out.printf("sigterm test: %d files; stopped after %d archived (exit %d), %d left in the work "
                            + "folder; after restart: rows %d, terminal %d, re-processed %d, archived %d, exit %d%n",
                    files, archivedAtStop, termExit, leftInWork.size(), rows.size(),
                    rows.stream().filter(r -> r.state().terminal()).count(), reprocessed,
                    GatewayFiles.files(archive).size(), exit);
            assertThat(leftInWork).isEmpty();
            assertThat(rows).hasSize(files).allSatisfy(r -> assertThat(r.state().terminal()).isTrue());
            assertThat(reprocessed).isZero();
            assertThat(GatewayFiles.files(archive)).hasSize(files);
        }
    }

    @Test
    void aFileThatCrashesTheProcessIsQuarantinedAfterThreeStarts() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = gw.resolve("inbox");
        Files.createDirectories(inbox);
        GatewayFiles.drop(inbox, "poison-0001.837", GatewayFiles.withControl(900));
        GatewayFiles.drop(inbox, "fine.837", GatewayFiles.withControl(901));
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        String[] settings = serveSettings(gw, url, "poison-node");
        Path log = dir.resolve("serve.log");
        Map<String, String> hook = Map.of("CLAIMGATE_TEST_HALT_ON", "poison-");
        int crashes = 0;
        int exit = -1;
        for (int run = 0; run < 6; run++) {
            ServeProcess serve = ServeProcess.start(log, hook, List.of("--drain", "--idle-seconds", "2"), settings);
            exit = serve.awaitExit(120);
            if (exit == 86) {
                crashes++; // the hook halted the JVM as the poison file's processing started
            } else {
                break;
            }
        }
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            FileRecord poison = ledger.files().stream().filter(f -> f.fileName().equals("poison-0001.837"))
                    .findFirst().orElseThrow();
            System.out.printf("poison test: %d crashes, then exit %d; poison file state %s after %d starts%n",
                    crashes, exit, poison.state().db(), poison.attempts());
            assertThat(crashes).isEqualTo(3);
            assertThat(exit).isEqualTo(1); // the run that quarantined it
            assertThat(poison.state()).isEqualTo(FileState.QUARANTINED);
            assertThat(poison.reason()).isEqualTo("POISON");
            assertThat(poison.attempts()).isEqualTo(3);
            assertThat(ledger.files().stream().filter(f -> f.fileName().equals("fine.837")).findFirst()
                    .orElseThrow().state()).isEqualTo(FileState.DONE);
        }
        List<Path> quarantined = GatewayFiles.files(gw.resolve("quarantine"));
        assertThat(quarantined).hasSize(2);
        Path reason = quarantined.stream().filter(p -> p.toString().endsWith(".reason")).findFirst().orElseThrow();
        assertThat(Files.readString(reason)).contains("reason=POISON").contains("attempts=3");
        assertThat(GatewayFiles.files(inbox)).isEmpty();
    }

    /**
     * The poison file crashes the process while its outputs are written (halted after an output was forced under
     * its hidden {@code .NAME.part} name, before the rename), three times, and is quarantined: none of its partial
     * outputs, which hold patient data, may be left in the output folders.
     */
    @Test
    void aFileThatCrashesWhileItsOutputsAreWrittenIsQuarantinedWithNoPartialOutputLeft() throws Exception {
        Path gw = dir.resolve("gw");
        Path inbox = gw.resolve("inbox");
        Files.createDirectories(inbox);
        GatewayFiles.drop(inbox, "poison-0002.837", GatewayFiles.withControl(902));
        GatewayFiles.drop(inbox, "fine.837", GatewayFiles.withControl(903));
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
        String[] settings = serveSettings(gw, url, "poison-node");
        Path log = dir.resolve("serve.log");
        Map<String, String> hook = Map.of("CLAIMGATE_TEST_HALT_BEFORE_RENAME", "_000000902_");
        int crashes = 0;
        int exit = -1;
        long partsAfterFirstCrash = -1;
        for (int run = 0; run < 6; run++) {
            ServeProcess serve = ServeProcess.start(log, hook, List.of("--drain", "--idle-seconds", "2"), settings);
            exit = serve.awaitExit(120);
            if (exit != 86) {
                break;
            }
            crashes++; // halted with the poison file's outputs written but not yet renamed into place
            if (crashes == 1) {
                partsAfterFirstCrash = parts(gw).size();
            }
        }
        List<Path> left = parts(gw);
        System.out.printf("poison while writing test: %d crashes, then exit %d; partial outputs after the first "
                + "crash %d, after quarantine %d%n", crashes, exit, partsAfterFirstCrash, left.size());
        assertThat(crashes).isEqualTo(3);
        assertThat(partsAfterFirstCrash).as("the crash left partial outputs to clean").isPositive();
        try (Ledger ledger = Ledger.open(new LedgerSettings(url, "sa", "", "checker", 2))) {
            FileRecord poison = ledger.files().stream().filter(f -> f.fileName().equals("poison-0002.837"))
                    .findFirst().orElseThrow();
            assertThat(poison.state()).isEqualTo(FileState.QUARANTINED);
            assertThat(poison.reason()).isEqualTo("POISON");
        }
        assertThat(left).as("partial outputs left in accepted/ rejected/ acks/ reports/").isEmpty();
        assertThat(Files.readString(log)).doesNotContain("poison-0002");
    }

    /** Hidden partial outputs ({@code .NAME.part}) in the output folders. */
    static List<Path> parts(Path gw) throws IOException {
        List<Path> parts = new java.util.ArrayList<>();
        for (String folder : List.of("accepted", "rejected", "acks", "reports")) {
            Path d = gw.resolve(folder);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.getFileName().toString().startsWith(".")
                            && p.getFileName().toString().endsWith(".part")).forEach(parts::add);
                }
            }
        }
        return parts;
    }
}
