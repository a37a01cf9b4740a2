package io.claimgate.cli;

import io.claimgate.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration an operator got wrong, through {@code claimgate} in a JVM of its own as it is run: exit 2 and one
 * line that names the setting or the file and what it may hold, not an exception's class name.
 */
class ConfigurationErrorTest {
    @TempDir
    Path dir;

    /** Runs {@code claimgate ARGS...}; returns its exit code, its output (both streams) in {@code output}. */
    private int claimgate(List<String> output, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "-Dclaimgate.home=" + Samples.ROOT,
                "io.claimgate.cli.Main"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "claimgate", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("claimgate did not exit within 120 s");
        }
        Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(output::add);
        return p.exitValue();
    }

    private int serve(List<String> output, String... settings) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--drain", "--idle-seconds", "1",
                "--config", Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString(),
                "--set", "claimgate.gateway.dir=" + dir.resolve("gw"),
                "--set", "claimgate.ledger.url=jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return claimgate(output, args.toArray(String[]::new));
    }

    private static void oneLine(List<String> output, String... mentions) {
        assertThat(output).as("what claimgate printed").hasSize(1);
        assertThat(output.get(0)).startsWith("claimgate: ").contains(mentions).doesNotContain("Exception");
    }

    @Test
    void aNegativeFileLimitNamesTheKeyAndTheRange() throws Exception {
        List<String> out = new ArrayList<>();
        assertThat(serve(out, "claimgate.limits.max-file-bytes=-5", "claimgate.management.port=-1")).isEqualTo(2);
        oneLine(out, "claimgate.limits.max-file-bytes", "at least 1");
    }

    @Test
    void aManagementPortOutOfRangeNamesTheKeyAndTheRange() throws Exception {
        List<String> out = new ArrayList<>();
        assertThat(serve(out, "claimgate.management.port=70000")).isEqualTo(2);
        oneLine(out, "claimgate.management.port", "65535");
    }

    @Test
    void aDamagedControlNumberFileNamesTheFileAndWhatItHolds() throws Exception {
        Path gw = Files.createDirectories(dir.resolve("gw"));
        Files.writeString(gw.resolve(".claimgate-control-number"), "12x4\n", StandardCharsets.US_ASCII);
        List<String> serve = new ArrayList<>();
        assertThat(serve(serve, "claimgate.management.port=-1")).isEqualTo(2);
        oneLine(serve, ".claimgate-control-number", "999999999");

        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(".claimgate-control-number"), "", StandardCharsets.US_ASCII);
        List<String> scrub = new ArrayList<>();
        assertThat(claimgate(scrub, "scrub", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), Samples.CLAIMS.resolve("clean-multi-claim.837")
                        .toString())).isEqualTo(2);
        oneLine(scrub, ".claimgate-control-number", "999999999");
        assertThat(out.resolve("accepted")).doesNotExist();
    }
}
