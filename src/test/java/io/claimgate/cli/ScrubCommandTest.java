package io.claimgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: exit codes, outputs, the run manifest. */
class ScrubCommandTest {

    @TempDir
    Path out;

    private int scrub(String... paths) {
        String[] args = Stream.concat(Stream.of("scrub", "--out", out.toString(),
                "--config", Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString()),
                Stream.of(paths)).toArray(String[]::new);
        return Main.run(args);
    }

    @Test
    void everyClaimAcceptedExitsZero() throws IOException {
        assertThat(scrub(Samples.CLAIMS.resolve("clean-multi-claim.837").toString())).isEqualTo(0);
        assertThat(out.resolve("accepted/clean-multi-claim.837")).isRegularFile();
        assertThat(out.resolve("acks/clean-multi-claim.999")).isRegularFile();
        assertThat(out.resolve("reports/clean-multi-claim.findings.json")).isRegularFile();
        assertThat(out.resolve("reports/clean-multi-claim.findings.csv")).isRegularFile();
        assertThat(out.resolve("rejected/clean-multi-claim.837")).doesNotExist();
        assertThat(out.resolve("acks/clean-multi-claim.ta1")).doesNotExist();
    }

    @Test
    void aRejectedClaimExitsOne() {
        assertThat(scrub(Samples.CLAIMS.resolve("claim-charge-unbalanced.837").toString())).isEqualTo(1);
    }

    @Test
    void aFileThatIsNotX12ExitsOne() {
        assertThat(scrub(Samples.CLAIMS.resolve("not-x12.837").toString())).isEqualTo(1);
    }

    @Test
    void usageAndConfigurationErrorsExitTwo() {
        assertThat(Main.run("scrub")).isEqualTo(2);
        assertThat(Main.run("scrub", "--bogus", "x")).isEqualTo(2);
        assertThat(scrub(out.resolve("no-such-file.837").toString())).isEqualTo(2);
        assertThat(Main.run("scrub", "--out", out.toString(), "--config", out.resolve("missing").toString(),
                Samples.CLAIMS.resolve("clean-multi-claim.837").toString())).isEqualTo(2);
        assertThat(Main.run("scrub", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", out.toString(), Samples.CLAIMS.resolve("clean-multi-claim.837").toString()))
                .isEqualTo(2);
        assertThat(Main.run(new String[0])).isEqualTo(2);
    }

    @Test
    void theRunManifestShowsConservationForEveryInput() throws IOException {
        assertThat(scrub(Samples.CLAIMS.toString())).isEqualTo(1);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run-manifest.json").toFile());
        long inputs;
        try (Stream<Path> s = Files.list(Samples.CLAIMS)) {
            inputs = s.count();
        }
        assertThat(manifest.get("inputs")).hasSize((int) inputs);
        long in = 0;
        for (JsonNode entry : manifest.get("inputs")) {
            long notRead = entry.get("notRead").asLong();
            assertThat(entry.get("claimsIn").asLong())
                    .isEqualTo(entry.get("accepted").asLong() + entry.get("rejected").asLong() + notRead);
            assertThat(entry.get("conserved").asBoolean()).isEqualTo(notRead == 0);
            if (notRead > 0) {
                assertThat(entry.get("fileFindings").toString()).contains("X12-CLAIMS-NOT-READ");
            }
            assertThat(entry.get("sha256").asText()).hasSize(64);
            for (JsonNode output : entry.get("outputs")) {
                assertThat(out.resolve(output.asText())).isRegularFile();
            }
            in += entry.get("claimsIn").asLong();
        }
        assertThat(manifest.get("totals").get("claimsIn").asLong()).isEqualTo(in).isPositive();
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void filesValidatedAheadOnSeveralThreadsGiveExactlyTheOutputsOfOneThread(@TempDir Path other) throws IOException {
        Path one = out.resolve("one");
        Path many = other.resolve("many");
        Main.run("scrub", "--threads", "1", "--out", one.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), Samples.CLAIMS.toString());
        Main.run("scrub", "--threads", "3", "--out", many.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), Samples.CLAIMS.toString());
        List<Path> files;
        try (Stream<Path> s = Files.walk(one)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals("run-manifest.json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path f : files) {
            Path twin = many.resolve(one.relativize(f).toString());
            assertThat(twin).as(twin.toString()).isRegularFile();
            // the envelopes claimgate writes carry the time they were written (with the input's separators): the
            // minute may differ
            assertThat(timeless(twin)).as(twin.toString()).isEqualTo(timeless(f));
        }
    }

    private static String timeless(Path f) throws IOException {
        return Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replaceAll("([^A-Za-z0-9 ])(\\d{6}|\\d{8})\\1\\d{4}(\\d{2})?\\1", "$1DATE$1TIME$1");
    }

    @Test
    void configuredLimitsRejectWhatPassesThemAndKeepTheInput() throws IOException {
        Path config = Samples.copyConfig(out.resolve("cfg"));
        Files.writeString(config.resolve("application.properties"),
                "claimgate.limits.max-claims-per-set=1\nclaimgate.limits.max-file-bytes=2000\n");
        Path reports = out.resolve("limited");
        int exit = Main.run("scrub", "--out", reports.toString(), "--config", config.toString(),
                "--mappings", Samples.MAPPINGS.toString(), Samples.CLAIMS.resolve("clean-multi-claim.837").toString(),
                Samples.CLAIMS.resolve("multi-st-gs.837").toString());
        assertThat(exit).isEqualTo(1);
        JsonNode big = new ObjectMapper().readTree(reports.resolve("reports/multi-st-gs.findings.json").toFile());
        JsonNode small = new ObjectMapper().readTree(
                reports.resolve("reports/clean-multi-claim.findings.json").toFile());
        long bigBytes = Files.size(Samples.CLAIMS.resolve("multi-st-gs.837"));
        long smallBytes = Files.size(Samples.CLAIMS.resolve("clean-multi-claim.837"));
        JsonNode tooLarge = bigBytes > 2000 ? big : small;
        JsonNode read = bigBytes > 2000 ? small : big;
        assertThat(Math.max(bigBytes, smallBytes)).as("one sample over the limit").isGreaterThan(2000);
        assertThat(Math.min(bigBytes, smallBytes)).as("one sample under it").isLessThanOrEqualTo(2000);
        assertThat(tooLarge.toString()).contains("X12-LIMIT-FILE-SIZE");
        assertThat(tooLarge.at("/summary/notRead").asLong()).isEqualTo(tooLarge.at("/summary/claimsIn").asLong())
                .isPositive();
        assertThat(read.toString()).contains("X12-LIMIT-CLAIMS-PER-SET");
        assertThat(read.at("/summary/notRead").asLong()).isPositive();
        assertThat(read.at("/summary/rejected").asLong()).as("the claim before the limit").isEqualTo(1);

        Files.writeString(config.resolve("application.properties"), "claimgate.limits.max-claims-per-set=none\n");
        assertThat(Main.run("scrub", "--out", reports.toString(), "--config", config.toString(),
                Samples.CLAIMS.resolve("clean-multi-claim.837").toString())).isEqualTo(2);
    }

    @Test
    void aFileTooBigForTheHeapFailsCleanlyAndTheNextFileIsStillScrubbed() throws Exception {
        // limits raised far beyond the defaults (which would refuse this claim long before memory runs out)
        Path config = Samples.copyConfig(out.resolve("cfg-oom"));
        Files.writeString(config.resolve("application.properties"), "claimgate.limits.max-segments-per-claim=5000000\n"
                + "claimgate.limits.max-segment-length=100000\n");
        String text = Files.readString(Samples.CLAIMS.resolve("clean-multi-claim.837"));
        int hi = text.indexOf("HI*");
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < 400_000; i++) {
            notes.append("K3*SYNTHETIC NOTE ").append(i).append("~\n");
        }
        Path inputs = Files.createDirectories(out.resolve("oom-in"));
        Path huge = inputs.resolve("a-huge-claim.837");
        Files.writeString(huge, text.substring(0, hi) + notes + text.substring(hi));
        Files.copy(Samples.CLAIMS.resolve("clean-multi-claim.837"), inputs.resolve("b-clean.837"));
        byte[] before = Files.readAllBytes(huge);
        Path results = out.resolve("oom-out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx40m",
                "-cp", System.getProperty("java.class.path"), "io.claimgate.cli.Main", "scrub", "--threads", "1",
                "--out", results.toString(), "--config", config.toString(), "--mappings",
                Samples.MAPPINGS.toString(), inputs.toString()).redirectErrorStream(true).start();
        String console = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(console).isEqualTo(2);
        assertThat(console).contains("a-huge-claim.837: not processed (out of memory")
                .contains("b-clean.837: ").doesNotContain("Exception in thread");
        assertThat(results.resolve("accepted/b-clean.837")).isRegularFile();
        try (Stream<Path> s = Files.walk(results)) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("a-huge-claim"));
        }
        assertThat(Files.readAllBytes(huge)).isEqualTo(before);
    }
}
