package io.claimgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outputs directed to a tiny tmpfs that is full (a filler file leaves exactly N pages free, N swept from 0 up to
 * enough), for {@code scrub} and for the gateway: no partial output is ever visible (no output under its final name,
 * no temporary file left), the input is untouched and stays retryable, nothing is quarantined, and processing
 * resumes when space returns. Needs root to mount the tmpfs; skipped where mounting is not permitted. The ledger is
 * on the ordinary disk.
 */
@Timeout(300)
class DiskFullTest {
    /** half-good.837: 4 claims, 2 accepted and 2 rejected; six outputs (two 837P, 999, 277CA, JSON, CSV). */
    private static final Path INPUT = Samples.CLAIMS.resolve("half-good.837");
    private static final int MOST_PAGES = 9; // enough for every output of the input above

    @TempDir
    Path disk;

    private Tmpfs tmpfs;

    @BeforeEach
    void mount() throws Exception {
        tmpfs = Tmpfs.mount(512);
        Assumptions.assumeTrue(tmpfs != null, "a tmpfs cannot be mounted here (needs root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    @Test
    void theControlNumberStateLeavesNoTemporaryFileOnAFullDiskAndGoesOnAfterwards() throws Exception {
        Path state = tmpfs.dir().resolve(".claimgate-control-number");
        io.claimgate.scrub.ControlNumbers numbers = new io.claimgate.scrub.ControlNumbers(state);
        assertThat(numbers.get()).isEqualTo("000000001");
        tmpfs.leaveFree(0);
        assertThatThrownBy(numbers::get).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(temporaryFiles(tmpfs.dir())).isEmpty();
        assertThat(state).hasContent("1");
        tmpfs.freeAll();
        assertThat(Long.parseLong(numbers.get())).isGreaterThan(1);
        assertThat(temporaryFiles(tmpfs.dir())).isEmpty();
    }

    @Test
    void aMappingThatCannotBeWrittenFailsAsAnIoErrorNotAsAFailureOfTheData() throws Exception {
        tmpfs.leaveFree(0);
        try (io.claimgate.report.FindingRows rows = new io.claimgate.report.FindingRows();
             java.io.OutputStream out = Files.newOutputStream(tmpfs.dir().resolve("findings.csv"))) {
            assertThatThrownBy(() -> Samples.csvExport().write(rows, out))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasRootCauseMessage("No space left on device");
        }
    }

    @Test
    void scrubOnAFullDiskLeavesNoPartialOutputAndResumesWhenSpaceReturns() throws Exception {
        byte[] input = Files.readAllBytes(INPUT);
        Path in = Files.write(disk.resolve("half-good.837"), input);
        int failed = 0;
        int complete = 0;
        List<String> failurePoints = new ArrayList<>();
        for (int pages = 0; pages <= MOST_PAGES; pages++) {
            Path out = tmpfs.dir().resolve("out-" + pages);
            Files.createDirectories(out);
            tmpfs.leaveFree(pages);
            Run run = scrub(out, in);
            assertThat(Files.readAllBytes(in)).as("the input is untouched").isEqualTo(input);
            assertThat(temporaryFiles(out)).as("temporary files left with %d pages free", pages).isEmpty();
            assertThat(run.err).as("no stack trace").doesNotContainPattern("(?m)^\\s+at ")
                    .doesNotContain("Exception:");
            // the console's lines (the log's WARN line, when the log goes to the console too, comes on top)
            List<String> notProcessed = run.err.lines().filter(l -> l.startsWith(in.getFileName() + ": not processed"))
                    .toList();
            List<String> noManifest = run.err.lines().filter(l -> l.contains("run-manifest.json not written"))
                    .toList();
            if (!notProcessed.isEmpty() || !noManifest.isEmpty()) {
                failed++;
                assertThat(run.exit).as(run.err).isEqualTo(2);
                assertThat(notProcessed).as("one clear message for the file").hasSizeLessThanOrEqualTo(1);
                assertThat(noManifest).as("one clear message for the manifest").hasSizeLessThanOrEqualTo(1);
                List<Path> visible = outputs(out);
                if (!notProcessed.isEmpty()) {
                    // the file's outputs: none; the manifest, when there was room for it, says so
                    assertThat(visible).as("outputs visible with %d pages free", pages)
                            .allMatch(p -> p.getFileName().toString().equals("run-manifest.json"));
                    for (Path manifest : visible) {
                        assertThat(Files.readString(manifest)).contains("not processed");
                    }
                    failurePoints.add(pages + ":" + notProcessed.get(0).replaceAll(".*\\(([^ ]+ at [^ )]+).*", "$1"));
                } else {
                    // every output of the file is whole; only the manifest could not be written
                    assertThat(out.resolve("run-manifest.json")).doesNotExist();
                    failurePoints.add(pages + ":manifest");
                }
            } else {
                complete++;
                assertThat(run.exit).as(run.err).isEqualTo(1); // half-good has rejected claims
                assertComplete(out, "half-good");
            }
            deleteTree(out);
        }
        tmpfs.freeAll();
        Path out = tmpfs.dir().resolve("out-after");
        Run after = scrub(out, in);
        assertThat(after.exit).as(after.err).isEqualTo(1);
        assertComplete(out, "half-good");
        System.out.printf("disk-full scrub: %d runs out of space (%s), %d complete, then complete after space "
                + "returned%n", failed, failurePoints, complete);
        assertThat(failed).as("runs that hit the full disk").isGreaterThanOrEqualTo(4);
    }

    @Test
    void theGatewayGivesAFileBackOnAFullDiskAndProcessesItOnceSpaceReturns() throws Exception {
        GatewaySettings settings = GatewayFiles.settings(disk, "jdbc:h2:file:" + disk.resolve("ledger")
                .toAbsolutePath() + ";WRITE_DELAY=0", "node-a");
        settings = new GatewaySettings(GatewaySettings.Folders.under(tmpfs.dir().resolve("gw"),
                tmpfs.dir().resolve("gw/inbox")), settings.node(), settings.poll(), settings.filesPerPoll(),
                settings.readLockMinAge(),
                settings.doneFileSuffix(), settings.incompleteMaxAge(), settings.duplicateWindow(),
                settings.maxStarts(), settings.staleAfter(), settings.ledger(), settings.managementHost(),
                settings.managementPort(), settings.sftp(), settings.limits());
        GatewaySettings.Folders folders = settings.folders();
        String text = Files.readString(INPUT, StandardCharsets.ISO_8859_1);
        int retries = 0;
        int done = 0;
        int releasedTimes = 0;
        try (Ledger ledger = Ledger.open(settings.ledger())) {
            Gateway gateway = new Gateway(settings, ledger, new ScrubService(folders.out(), Samples.csvExport(),
                    Samples.rules()), new GatewayMetrics());
            for (int pages = 0; pages <= MOST_PAGES; pages++) {
                // a file of its own for each amount of free space: another ISA13, other patients (so the daily
                // unit limit over what earlier files accepted stays out of the way)
                String ctl = String.format("%09d", 7000 + pages);
                String content = text.replace("*000001201*0*T*", "*" + ctl + "*0*T*")
                        .replace("IEA*1*000001201", "IEA*1*" + ctl)
                        .replace("*SYN100000", String.format("*SYN%02d0000", 20 + pages));
                String name = "claims-" + pages + ".837";
                Path dropped = GatewayFiles.drop(folders.inbox(), name, content);
                String sha12 = io.claimgate.x12.InterchangeScan.of(dropped).sha256().substring(0, 12);
                tmpfs.leaveFree(pages);

                // while the disk stays full the file is given back again and again, more often than max-starts
                boolean full = false;
                for (int attempt = 1; attempt <= settings.maxStarts() + 1; attempt++) {
                    Gateway.Outcome outcome;
                    try {
                        outcome = gateway.receive(dropped);
                    } catch (IOException e) {
                        full = true;
                        retries++;
                        FileRecord row = row(ledger, sha12);
                        assertThat(row.state()).as("given back with %d pages free", pages)
                                .isEqualTo(FileState.RECEIVED);
                        assertThat(row.attempts()).isEqualTo(attempt);
                        assertThat(row.released()).isEqualTo(attempt);
                        assertThat(ledger.transitions(row.id())).last().isEqualTo("processing>received");
                        assertThat(dropped).as("back in the inbox under its name").isRegularFile()
                                .hasContent(content);
                        assertThat(GatewayFiles.files(folders.processing())).isEmpty();
                        assertThat(GatewayFiles.files(folders.quarantine())).isEmpty();
                        assertThat(GatewayFiles.files(folders.archive())).noneMatch(p -> p.toString()
                                .contains(sha12));
                        assertThat(outputsOf(folders, sha12)).as("outputs visible with %d pages free", pages)
                                .isEmpty();
                        assertThat(temporaryFiles(folders.out())).isEmpty();
                        continue;
                    }
                    assertThat(outcome).isEqualTo(Gateway.Outcome.DONE);
                    break;
                }
                if (full) {
                    releasedTimes = Math.max(releasedTimes, row(ledger, sha12).released());
                    tmpfs.freeAll();
                    assertThat(gateway.receive(dropped)).as("space returned").isEqualTo(Gateway.Outcome.DONE);
                }
                done++;
                FileRecord row = row(ledger, sha12);
                assertThat(row.state()).isEqualTo(FileState.DONE);
                assertThat(row.claimsIn()).isEqualTo(4L);
                assertThat(row.claimsAccepted()).isEqualTo(2L);
                assertThat(row.claimsRejected()).isEqualTo(2L);
                List<String> transitions = ledger.transitions(row.id());
                assertThat(transitions.stream().filter(t -> t.endsWith(">done") || t.endsWith(">rejected")
                        || t.endsWith(">quarantined"))).as("one terminal state").hasSize(1);
                assertThat(transitions.get(transitions.size() - 1)).isEqualTo("processing>done");
                assertThat(row.outputs()).hasSize(6);
                assertThat(outputsOf(folders, sha12)).hasSize(6);
                for (String o : row.outputs()) {
                    assertValid(folders.out().resolve(o));
                }
                assertThat(dropped).doesNotExist();
                assertThat(GatewayFiles.files(folders.archive())).filteredOn(p -> p.toString().contains(sha12))
                        .hasSize(1);
                assertThat(temporaryFiles(folders.out())).isEmpty();
                // the next file starts from a clean slate: its outputs and archive copy make room again
                tmpfs.freeAll();
            }
            assertThat(GatewayFiles.files(folders.quarantine())).isEmpty();
            assertThat(ledger.files()).hasSize(MOST_PAGES + 1)
                    .allSatisfy(f -> assertThat(f.state()).isEqualTo(FileState.DONE));
            System.out.printf("disk-full gateway: %d files, %d given back on a full disk (up to %d times each), "
                            + "%d done after space returned or with enough space, 0 quarantined%n", MOST_PAGES + 1,
                    retries, releasedTimes, done);
        }
        assertThat(retries).isGreaterThanOrEqualTo(4 * (settings.maxStarts() + 1));
    }

    private static FileRecord row(Ledger ledger, String sha12) {
        List<FileRecord> rows = ledger.files().stream().filter(f -> f.sha256().startsWith(sha12)).toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /**
     * The temporary folder (the kept claims and the verdicts, 1.4 times the input) on the full tmpfs, the outputs on
     * the ordinary disk: in a child JVM, as the folder is chosen once per process. Out of space, the file is not
     * processed, with one clear line; no output of it, the input untouched, the process's temporary folder gone.
     */
    @Test
    void aFullTemporaryFolderFailsTheFileCleanlyAndLeavesNothingInIt() throws Exception {
        Path in = disk.resolve("batch.837");
        try (java.io.OutputStream o = Files.newOutputStream(in)) {
            new io.claimgate.synthetic.SyntheticBatch(new io.claimgate.synthetic.SyntheticBatch.Spec(300, 3, 0.5, 0.1,
                    5, 100)).write837(o);
        }
        byte[] input = Files.readAllBytes(in);
        // the kept claims alone take about 1.4 times the input's 160 kB: with up to 16 pages (64 kB) free the
        // scrub cannot finish; the whole tmpfs (512 kB) is enough
        List<String> outcomes = new ArrayList<>();
        for (int pages : new int[] {0, 1, 4, 16}) {
            tmpfs.leaveFree(pages);
            Path out = disk.resolve("out-" + pages);
            Run run = scrubInChild(out, in, tmpfs.dir());
            assertThat(Files.readAllBytes(in)).as("the input is untouched").isEqualTo(input);
            assertThat(tmpfsContents()).as("left in the temporary folder with %d pages free", pages).isEmpty();
            assertThat(run.exit).as(run.err).isEqualTo(2);
            // the file is not processed, or (no room even for what the run starts with) the run stops before it
            assertThat(run.err).as("one clear line").containsPattern(
                            "(?m)^(batch\\.837: not processed \\(|claimgate: stopped: )no space left on device")
                    .doesNotContainPattern("(?m)^\\s+at ");
            assertThat(outputs(out)).as("outputs with %d pages free", pages)
                    .allMatch(p -> p.getFileName().toString().equals("run-manifest.json"));
            outcomes.add(pages + ": " + run.err.lines().filter(l -> l.matches("(batch|claimgate).*no space left.*")).findFirst()
                    .orElse("").replaceAll(" \\(?no space left.*", ""));
        }
        System.out.printf("temporary folder full: %s%n", outcomes);
        tmpfs.freeAll();
        Path out = disk.resolve("out-after");
        Run after = scrubInChild(out, in, tmpfs.dir());
        assertThat(after.exit).as(after.err).isEqualTo(1);
        assertThat(after.err).contains("batch.837: 300 claims");
        assertThat(out.resolve("accepted/batch.837")).isRegularFile();
        assertThat(tmpfsContents()).isEmpty();
    }

    /** What is on the tmpfs besides the filler. */
    private List<Path> tmpfsContents() throws IOException {
        try (Stream<Path> s = Files.list(tmpfs.dir())) {
            return s.filter(p -> !p.getFileName().toString().equals(".filler")).toList();
        }
    }

    private static Run scrubInChild(Path out, Path in, Path temporary) throws IOException, InterruptedException {
        Path console = Files.createTempFile("claimgate-child", ".txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "scrub", "--out", out.toString(), "--config", Samples.CONFIG.toString(), "--mappings",
                Samples.MAPPINGS.toString(), in.toString()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        try {
            assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the child scrub ended").isTrue();
            return new Run(p.exitValue(), Files.readString(console, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(console);
        }
    }

    private record Run(int exit, String err) {
    }

    private static Run scrub(Path out, Path in) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = Main.run("scrub", "--out", out.toString(), "--config", Samples.CONFIG.toString(), "--mappings",
                    Samples.MAPPINGS.toString(), in.toString());
        } finally {
            System.setErr(stderr);
        }
        return new Run(exit, console.toString(StandardCharsets.UTF_8));
    }

    /** A complete scrub of half-good.837: every output there, whole, and the manifest listing them. */
    private static void assertComplete(Path out, String name) throws IOException {
        List<Path> outputs = outputs(out);
        assertThat(outputs).extracting(p -> out.relativize(p).toString()).containsExactlyInAnyOrder(
                "accepted/" + name + ".837", "rejected/" + name + ".837", "acks/" + name + ".999",
                "acks/" + name + ".277", "reports/" + name + ".findings.json", "reports/" + name + ".findings.csv",
                "run-manifest.json");
        for (Path p : outputs) {
            assertValid(p);
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run-manifest.json").toFile());
        assertThat(manifest.toString()).contains("half-good");
    }

    /** Reads an output back: X12 files are whole interchanges, JSON parses, the CSV has its header and rows. */
    private static void assertValid(Path p) throws IOException {
        String name = p.getFileName().toString();
        assertThat(p).isRegularFile();
        if (name.endsWith(".837") || name.endsWith(".999") || name.endsWith(".277") || name.endsWith(".ta1")) {
            assertThat(GatewayFiles.wholeInterchange(p)).as(name).isTrue();
            if (p.getParent().getFileName().toString().equals("accepted")
                    || p.getParent().getFileName().toString().equals("rejected")) {
                assertThat(GatewayFiles.claims(p)).as(name).isEqualTo(2);
            }
        } else if (name.endsWith(".json")) {
            JsonNode json = new ObjectMapper().readTree(p.toFile());
            if (name.endsWith(".findings.json")) {
                assertThat(json.at("/summary/claimsIn").asLong()).isEqualTo(4);
                assertThat(json.at("/summary/accepted").asLong()).isEqualTo(2);
            }
        } else if (name.endsWith(".csv")) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).contains("rule_id");
            assertThat(lines).hasSizeGreaterThan(2);
        } else {
            throw new AssertionError("unexpected output " + p);
        }
    }

    /** Visible outputs: regular, non-hidden files. */
    private static List<Path> outputs(Path out) throws IOException {
        return GatewayFiles.files(out);
    }

    private static List<Path> outputsOf(GatewaySettings.Folders folders, String sha12) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : List.of(folders.accepted(), folders.rejected(), folders.acks(), folders.reports())) {
            GatewayFiles.files(dir).stream().filter(p -> p.getFileName().toString().contains(sha12))
                    .forEach(found::add);
        }
        return found;
    }

    /** Hidden files other than the control-number state and its lock: temporary files left behind. */
    private static List<Path> temporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(".") && !n.equals(".claimgate-control-number")
                        && !n.equals(".claimgate-control-number.lock") && !n.equals(".filler");
            }).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
