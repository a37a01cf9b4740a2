package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
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

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drop folder against a hostile partner and a careless operator (issue 15): a writer that pauses longer than
 * the read lock, bytes that arrive while or after a file is read, symbolic links, FIFOs, directories, a done marker
 * that is a directory, a lock marker left by a dead node. Real files in a real inbox, Camel's file consumer, the
 * scrub service and an H2 ledger, as in {@link GatewayRouteTest}. Each test checks the counts the issue asks for:
 * files taken while incomplete, bytes archived but not read, files outside the inbox read.
 */
class IntakeTest extends CamelTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Ledger ledger;
    private Gateway gateway;
    private GatewaySettings settings;
    /** Run once by the scrub's rules, from inside the processing of a file (null: nothing). */
    private final AtomicReference<Runnable> duringRead = new AtomicReference<>();
    /** Run once by the scrub after the file was read, before its outputs are written (null: nothing). */
    private final AtomicReference<Runnable> afterRead = new AtomicReference<>();

    private void start(String... keyValues) throws Exception {
        settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-a", keyValues);
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
                // asked once when the service is made, then once per file after the file was read
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
            ledger = null;
        }
    }

    private Path inbox() {
        return settings.folders().inbox();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<String> terminalControls() {
        List<String> controls = new ArrayList<>();
        ledger.files().stream().filter(f -> f.state().terminal()).forEach(f -> controls.addAll(
                f.interchangeControls()));
        return controls;
    }

    /**
     * Bytes archived but not read: every archived file must hold exactly the bytes of a ledger row (the ledger keeps
     * the hash of what was read), under a name that starts with that hash. Returns how many do not.
     */
    private long archivedButNotRead() throws Exception {
        long bad = 0;
        for (Path p : GatewayFiles.files(settings.folders().archive())) {
            String sha = sha256(Files.readAllBytes(p));
            boolean read = ledger.files().stream().anyMatch(f -> f.sha256().equals(sha));
            if (!read || !p.getFileName().toString().startsWith(sha.substring(0, 12) + "-")) {
                bad++;
            }
        }
        return bad;
    }

    private int claimsInLedger() {
        return ledger.files().stream().filter(f -> f.state().terminal() && f.duplicateOf() == null)
                .mapToInt(f -> f.claimsIn() == null ? 0 : f.claimsIn().intValue()).sum();
    }

    /** A partner writing one interchange, pausing far longer than the read lock, then writing a second. */
    @Test
    void aWriterThatPausesLongerThanTheReadLockIsNotTakenHalfWritten() throws Exception {
        start();
        pausingWriter();
    }

    /** The same, with the inbox configured through a symbolic link to the folder (what a process shows is real). */
    @Test
    void aWriterThatPausesIsSeenAlsoWhenTheInboxIsConfiguredThroughALink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real-inbox"));
        Path link = Files.createSymbolicLink(dir.resolve("inbox-link"), real);
        start("claimgate.gateway.inbox", link.toString());
        pausingWriter();
    }

    private void pausingWriter() throws Exception {
        String first = GatewayFiles.withControl(801);
        String second = GatewayFiles.withControl(802);
        Path file = inbox().resolve("slow.837");
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the partner pauses while ten read locks (200 ms each) and fifteen polls go by with the file
            // complete-looking, unchanged, but still open for writing
            int polls = gateway.metrics().polls();
            await().atMost(WAIT).until(() -> gateway.metrics().polls() >= polls + 15 && Files.getLastModifiedTime(
                    file).toMillis() < System.currentTimeMillis() - 2_000);
            assertThat(ledger.files()).as("files taken while incomplete").isEmpty();
            out.write(second.getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(WAIT).until(() -> terminalControls().containsAll(List.of("000000801", "000000802")));
        assertThat(terminalControls()).containsExactly("000000801", "000000802");
        assertThat(ledger.files()).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(FileState.DONE);
            assertThat(f.claimsAccepted()).isEqualTo(6L);
        });
        assertThat(archivedButNotRead()).as("bytes archived but not read").isZero();
        assertThat(GatewayFiles.files(inbox())).isEmpty();
    }

    /**
     * A writer the gateway cannot see (another host, another user) adds an interchange while the file is read: what
     * was read is not what was taken, so no output is made of it; the file is read again, whole.
     */
    @Test
    void bytesThatArriveWhileTheFileIsReadMakeItBeReadAgainWhole() throws Exception {
        start();
        String first = GatewayFiles.withControl(811);
        String second = GatewayFiles.withControl(812);
        Path work = settings.folders().processing().resolve("node-a");
        duringRead.set(() -> appendToTheOneFileIn(work, second));
        GatewayFiles.drop(inbox(), "grows.837", first);

        String whole = sha256((first + second).getBytes(StandardCharsets.US_ASCII));
        await().atMost(WAIT).until(() -> ledger.files().stream().anyMatch(f -> f.sha256().equals(whole)
                && f.state().terminal()));
        assertThat(terminalControls()).containsExactly("000000811", "000000812");
        assertThat(ledger.files().stream().filter(f -> f.sha256().equals(whole))).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(FileState.DONE);
            assertThat(f.claimsAccepted()).as("the first interchange is not a duplicate of a read that made nothing")
                    .isEqualTo(6L);
        });
        String partial = sha256(first.getBytes(StandardCharsets.US_ASCII)).substring(0, 12);
        assertThat(GatewayFiles.files(settings.folders().out())).as("outputs of the bytes first taken")
                .noneMatch(p -> p.getFileName().toString().contains(partial));
        assertThat(archivedButNotRead()).as("bytes archived but not read").isZero();
        assertThat(claimsInLedger()).isEqualTo(6);
    }

    /**
     * The same writer adds an interchange after the file was read and answered: the archive keeps exactly the bytes
     * read, and what came after is taken as a new arrival — read, answered, archived on its own.
     */
    @Test
    void bytesThatArriveAfterTheFileWasReadAreTakenAsANewArrivalNotArchivedUnread() throws Exception {
        start();
        String first = GatewayFiles.withControl(821);
        String second = GatewayFiles.withControl(822);
        Path work = settings.folders().processing().resolve("node-a");
        afterRead.set(() -> appendToTheOneFileIn(work, second));
        GatewayFiles.drop(inbox(), "late.837", first);

        await().atMost(WAIT).until(() -> terminalControls().containsAll(List.of("000000821", "000000822")));
        assertThat(terminalControls()).containsExactly("000000821", "000000822");
        assertThat(ledger.files()).allSatisfy(f -> assertThat(f.state()).isEqualTo(FileState.DONE));
        assertThat(archivedButNotRead()).as("bytes archived but not read").isZero();
        assertThat(GatewayFiles.files(settings.folders().archive())).hasSize(2);
        assertThat(claimsInLedger()).isEqualTo(6);
        await().atMost(WAIT).until(() -> GatewayFiles.files(inbox()).isEmpty()
                && GatewayFiles.files(work).isEmpty());
    }

    private static void appendToTheOneFileIn(Path work, String text) {
        try (var s = Files.list(work)) {
            Path taken = s.filter(Files::isRegularFile).findFirst().orElseThrow();
            Files.writeString(taken, text, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Links to a file outside the inbox, to a folder and to nothing: never read through, left, reported once. */
    @Test
    void symbolicLinksAreNeverReadThroughButLeftAndReportedOnce() throws Exception {
        start();
        String outsideContent = GatewayFiles.withControl(831);
        Path outside = Files.writeString(dir.resolve("another-tenant.837"), outsideContent);
        Path outsideDir = Files.createDirectories(dir.resolve("another-folder"));
        Files.createSymbolicLink(inbox().resolve("linked.837"), outside);
        Files.createSymbolicLink(inbox().resolve("folder-link.837"), outsideDir);
        Files.createSymbolicLink(inbox().resolve("dangling.837"), dir.resolve("nothing-here"));
        String good = GatewayFiles.withControl(832);
        GatewayFiles.drop(inbox(), "good.837", good);

        await().atMost(WAIT).until(() -> terminalControls().contains("000000832"));
        await().atMost(WAIT).until(() -> gateway.metrics().refused("symlink") >= 3);
        int polls = gateway.metrics().polls();
        await().atMost(WAIT).until(() -> gateway.metrics().polls() >= polls + 5);

        assertThat(gateway.metrics().refused("symlink")).as("each link reported once").isEqualTo(3);
        assertThat(terminalControls()).as("files outside the inbox read").containsExactly("000000832");
        assertThat(outside).hasContent(outsideContent);
        assertThat(inbox().resolve("linked.837")).isSymbolicLink();
        assertThat(inbox().resolve("folder-link.837")).isSymbolicLink();
        assertThat(inbox().resolve("dangling.837")).isSymbolicLink();
        assertThat(archivedButNotRead()).isZero();
        String outsideSha = sha256(outsideContent.getBytes(StandardCharsets.US_ASCII)).substring(0, 12);
        assertThat(GatewayFiles.files(settings.folders().out())).noneMatch(p -> p.toString().contains(outsideSha));
        assertThat(gateway.exitCode()).as("a refused entry is a rejected input").isEqualTo(1);
    }

    /** A FIFO and a folder in the inbox: no read of them blocks, they are left and reported once each. */
    @Test
    void aFifoAndAFolderInTheInboxAreLeftAndReportedOnce() throws Exception {
        start();
        Path fifo = inbox().resolve("pipe.837");
        mkfifo(fifo);
        Files.createDirectories(inbox().resolve("folder.837"));
        String good = GatewayFiles.withControl(841);
        GatewayFiles.drop(inbox(), "good.837", good);

        await().atMost(WAIT).until(() -> terminalControls().contains("000000841"));
        await().atMost(WAIT).until(() -> gateway.metrics().refused("other") >= 1
                && gateway.metrics().refused("directory") >= 1);
        int polls = gateway.metrics().polls();
        await().atMost(WAIT).until(() -> gateway.metrics().polls() >= polls + 5);
        assertThat(gateway.metrics().refused("other")).isEqualTo(1);
        assertThat(gateway.metrics().refused("directory")).isEqualTo(1);
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(fifo).exists();
        assertThat(inbox().resolve("folder.837")).isDirectory();
        assertThat(ledger.files()).hasSize(1);
    }

    /** A hard link is a second name of a file that may live outside the inbox: refused like a symbolic link. */
    @Test
    void aHardLinkedFileIsRefused() throws Exception {
        start();
        String outsideContent = GatewayFiles.withControl(851);
        Path outside = Files.writeString(dir.resolve("hard-outside.837"), outsideContent);
        Files.setLastModifiedTime(outside, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(60)));
        Files.createLink(inbox().resolve("hard.837"), outside);
        GatewayFiles.drop(inbox(), "good.837", GatewayFiles.withControl(852));

        await().atMost(WAIT).until(() -> terminalControls().contains("000000852"));
        await().atMost(WAIT).until(() -> gateway.metrics().refused("hardlink") >= 1);
        assertThat(terminalControls()).containsExactly("000000852");
        assertThat(outside).hasContent(outsideContent);
    }

    /** With a done-file contract, a done marker that is a folder does not make the file complete. */
    @Test
    void aDoneMarkerThatIsAFolderLeavesTheFileInTheInboxNotOrphaned() throws Exception {
        start("claimgate.gateway.done-file-suffix", ".done");
        GatewayFiles.drop(inbox(), "marked.837", GatewayFiles.withControl(861));
        Files.createDirectories(inbox().resolve("marked.837.done").resolve("inside"));
        GatewayFiles.drop(inbox(), "good.837", GatewayFiles.withControl(862));
        GatewayFiles.drop(inbox(), "good.837.done", "");

        await().atMost(WAIT).until(() -> terminalControls().contains("000000862"));
        await().atMost(WAIT).until(() -> gateway.metrics().refused("directory") >= 1);
        int polls = gateway.metrics().polls();
        await().atMost(WAIT).until(() -> gateway.metrics().polls() >= polls + 5);
        assertThat(inbox().resolve("marked.837")).isRegularFile();
        assertThat(GatewayFiles.files(settings.folders().processing())).isEmpty();
        assertThat(terminalControls()).containsExactly("000000862");
        assertThat(ledger.files()).hasSize(1);
        assertThat(gateway.metrics().refused("directory")).isEqualTo(1);
    }

    /** A lock marker left in the inbox by a node that died (older versions wrote them) does not hold a file back. */
    @Test
    void aLockMarkerLeftByADeadNodeDoesNotHoldTheFileBack() throws Exception {
        start();
        GatewayFiles.drop(inbox(), "orphan.837.camelLock", "");
        GatewayFiles.drop(inbox(), "orphan.837", GatewayFiles.withControl(871));
        await().atMost(Duration.ofSeconds(8)).until(() -> terminalControls().contains("000000871"));
        assertThat(GatewayFiles.files(settings.folders().archive())).singleElement();
    }

    /** No lock marker is ever written into the inbox: the take itself (a rename into the node's work folder) is the lock. */
    @Test
    void noLockMarkerIsWrittenIntoTheInbox() throws Exception {
        start();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (var s = Files.list(inbox())) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".camelLock")).forEach(seen::add);
                } catch (IOException ignored) {
                    // listed again
                }
            }
        });
        watcher.start();
        try {
            for (int i = 0; i < 5; i++) {
                GatewayFiles.drop(inbox(), "f" + i + ".837", GatewayFiles.withControl(880 + i));
            }
            await().atMost(WAIT).until(() -> terminalControls().size() == 5);
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertThat(seen).isEmpty();
    }

    /** A take that fails (here: the work folder is gone, a file in its place) is logged without the arrival name. */
    @Test
    void aFailedTakeIsLoggedWithoutTheArrivalName() throws Exception {
        start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            Path work = settings.folders().processing().resolve("node-a");
            Files.delete(work);
            Files.writeString(work, "not a folder");
            GatewayFiles.drop(inbox(), "Doe-Jane-member-W123456789.837", GatewayFiles.withControl(891));
            await().atMost(WAIT).until(() -> logged.list.stream().anyMatch(e -> e.getLevel().isGreaterOrEqual(
                    ch.qos.logback.classic.Level.WARN) && e.getLoggerName().contains("camel")));
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).isNotEmpty().allSatisfy(e -> {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : e.getThrowableProxy().getClassName() + e.getThrowableProxy().getMessage());
            assertThat(text).doesNotContain("Doe-Jane").doesNotContain("W123456789");
        });
        assertThat(inbox().resolve("Doe-Jane-member-W123456789.837")).isRegularFile();
    }

    // the gateway puts files back into the inbox itself (found in review; each failed on the code before)

    /** A file given back never replaces a file of the same name that arrived while it was in the work folder. */
    @Test
    void giveBackClobbersANewArrivalOfTheSameName() throws Exception {
        start();
        Path inbox = settings.folders().inbox();
        Path work = settings.folders().processing().resolve("node-a");
        String second = GatewayFiles.withControl(812);
        String newcomer = GatewayFiles.withControl(899);
        duringRead.set(() -> {
            appendToTheOneFileIn(work, second); // changed while read -> withdraw + giveBack
            try {
                GatewayFiles.drop(inbox, "daily.837", newcomer); // partner / SFTP hand-over: same name
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        GatewayFiles.drop(inbox, "daily.837", GatewayFiles.withControl(811));
        await().atMost(WAIT).until(() -> terminalControls().containsAll(
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
        afterRead.set(() -> appendToTheOneFileIn(work, second));
        GatewayFiles.drop(inbox, "late.837", GatewayFiles.withControl(821));
        GatewayFiles.drop(inbox, "late.837.done", "");
        await().atMost(WAIT).until(() -> terminalControls().containsAll(
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
        duringRead.set(() -> appendToTheOneFileIn(work, second));
        GatewayFiles.drop(inbox, "grows.837", GatewayFiles.withControl(831));
        GatewayFiles.drop(inbox, "grows.837.done", "");
        await().atMost(WAIT).until(() -> terminalControls().containsAll(
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

    /**
     * A node that died while it scanned a file it had just taken (no ledger row yet) leaves it in its work folder:
     * another node's housekeeping puts it back into the inbox once it is stale, and it is processed.
     */
    @Test
    void aFileTakenByANodeThatDiedBeforeTheLedgerAdmittedItIsTakenOver() throws Exception {
        start("claimgate.gateway.stale-after-s", "1");
        Path theirs = Files.createDirectories(settings.folders().processing().resolve("node-gone"));
        Files.writeString(theirs.resolve(".taking-orphan.837"), GatewayFiles.withControl(895));
        Files.writeString(theirs.resolve("CGSUBMITTER01_000000896_0123456789ab.x12"),
                GatewayFiles.withControl(896));
        await().atMost(WAIT).until(() -> {
            gateway.housekeeping();
            return terminalControls().containsAll(List.of("000000895", "000000896"));
        });
        try (var left = Files.list(theirs)) {
            assertThat(left.toList()).as("left in the dead node's work folder").isEmpty();
        }
        assertThat(ledger.files()).extracting(FileRecord::fileName)
                .containsExactlyInAnyOrder("orphan.837", "CGSUBMITTER01_000000896_0123456789ab.x12");
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
