package io.claimgate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.scrub.FileResult;
import io.claimgate.scrub.ScrubService;
import io.claimgate.x12.ClaimFileWriter;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.Envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the 837P path. {@link #scrub} takes each input through {@link ScrubService#scrub(Path)}, the whole gateway
 * on one file: anything but findings and outputs is a finding of the fuzzer. {@link #readCheckWrite} is the cheap
 * path for speed: the validating reader, the therapy rules on every claim and the 837P writer to nowhere.
 * Seeds: {@code ClaimFuzzTestInputs/} (see the README beside it).
 */
class ClaimFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * StAEDI's writer warns through java.util.logging at every interchange it starts without a control schema (the
     * command line bridges that to its logs; a test JVM would print it for every input): kept quiet here.
     */
    private static final java.util.logging.Logger STAEDI_WRITER_LOG = quiet("io.xlate.edi.internal.stream");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }
    private static final String NAME = "fuzz";

    /** Where scrub outputs go: memory-backed when the machine has /dev/shm (the scrub forces every output to disk). */
    private static final Path WORK = workFolder();

    private static Path workFolder() {
        Path shm = Paths.get("/dev/shm");
        try {
            Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty(
                    "java.io.tmpdir"));
            Path dir = Files.createTempDirectory(base, "claimgate-fuzz-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The whole scrub of one file. Only I/O failures may be thrown, and the disk here is a private temporary folder,
     * so any exception fails. Then: claims in = accepted + rejected + not read, with not read reported; the report
     * is always written and agrees; every 837P written reads back with the number of claims the result gives it and
     * a sound envelope; every acknowledgment written tokenizes as X12.
     */
    @FuzzTest(maxDuration = "10m")
    void scrub(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory(WORK, "scrub-");
        try {
            Path input = dir.resolve(NAME + ".837");
            Files.write(input, data);
            Path out = dir.resolve("out");
            FileResult result = new ScrubService(out, Samples.csvExport(), Samples.rules()).validationThreads(1)
                    .scrub(input);

            assertThat(result.accepted()).isNotNegative();
            assertThat(result.rejected()).isNotNegative();
            assertThat(result.corrected()).isBetween(0L, result.accepted());
            assertThat(result.notRead()).as("not read").isNotNegative();
            assertThat(result.conserved()).isEqualTo(result.notRead() == 0);
            if (!result.conserved()) {
                assertThat(result.fileFindingRules()).as("claims not read are reported")
                        .contains("X12-CLAIMS-NOT-READ");
            }
            if (result.rejected() > 0 || result.notRead() > 0) {
                assertThat(result.anythingRejected()).isTrue();
            }
            assertThat(result.outputs()).as("outputs")
                    .contains("reports/" + NAME + ".findings.json", "reports/" + NAME + ".findings.csv");

            JsonNode summary = JSON.readTree(out.resolve("reports/" + NAME + ".findings.json").toFile())
                    .get("summary");
            assertThat(summary.get("claimsIn").asLong()).as("report claims in").isEqualTo(result.claimsIn());
            assertThat(summary.get("notRead").asLong()).as("report not read").isEqualTo(result.notRead());

            for (String output : result.outputs()) {
                Path written = out.resolve(output);
                assertThat(written).as(output).isRegularFile();
                if (output.startsWith("accepted/") || output.startsWith("rejected/")) {
                    long expected = output.startsWith("accepted/") ? result.accepted() : result.rejected();
                    assertReadsBack(written, output, expected);
                } else if (output.startsWith("acks/")) {
                    try (InputStream in = Files.newInputStream(written)) {
                        assertThat(io.claimgate.x12.BareParse.segments(in)).as(output + " segments").isPositive();
                    }
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** An 837P the scrub wrote: its claims as counted, and no envelope, group or set finding around them. */
    private static void assertReadsBack(Path file, String output, long expectedClaims) throws IOException {
        boolean rejected = output.startsWith("rejected/");
        List<Claim> claims = new ArrayList<>();
        List<String> envelopeFindings = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            ClaimReader.unvalidated().read(in, new ClaimReader.Handler() {
                @Override
                public void claim(Claim claim) {
                    claims.add(claim);
                }

                @Override
                public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
                    // a rejected file echoes its claims' own version label (GS08, ST03) and set identifier (ST01),
                    // wrong or not
                    boolean echoed = rejected
                            && finding.ruleId().matches("X12-(GROUP|SET)-VERSION|X12-SET-NOT-SUPPORTED");
                    if (finding.ruleId().matches("X12-(NOT-X12|FILE|INTERCHANGE|GROUP|SET)-.*") && !echoed) {
                        envelopeFindings.add(finding.ruleId());
                    }
                }
            });
        }
        assertThat(envelopeFindings).as(output + " envelope findings").isEmpty();
        assertThat(claims).as(output + " claims").hasSize((int) expectedClaims);
    }

    /**
     * The reader, the therapy rules and the writer, without the disk: faster, so the fuzzer gets further into the
     * reader and the rules. Nothing may be thrown.
     */
    @FuzzTest(maxDuration = "10m")
    void readCheckWrite(byte[] data) throws IOException {
        try (ClaimFileWriter writer = new ClaimFileWriter(OutputStream.nullOutputStream(), new Counter(),
                LocalDateTime.of(2026, 1, 15, 9, 30), subscriber -> false)) {
            ClaimReader.validating().read(new ByteArrayInputStream(data), new ClaimReader.Handler() {
                private Envelope.Interchange interchange;
                private Envelope.Group group;
                private Envelope.Set set;

                @Override
                public void interchangeStart(Envelope.Interchange i) {
                    interchange = i;
                }

                @Override
                public void groupStart(Envelope.Group g) {
                    group = g;
                }

                @Override
                public void setStart(Envelope.Set s) {
                    set = s;
                }

                @Override
                public void claim(Claim claim) {
                    Samples.rules().check(claim);
                    writer.write(claim, interchange, group, set);
                }

                @Override
                public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
                    // findings are the expected outcome; only what escapes counts here
                }
            });
        }
    }

    /** Nine-digit interchange control numbers from 1. */
    private static final class Counter implements java.util.function.Supplier<String> {
        private long next = 1;

        @Override
        public String get() {
            return String.format("%09d", next++);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
