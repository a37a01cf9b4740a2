package io.claimgate.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the end-to-end benchmark on a small synthetic batch: the report has its six stages, each with
 * numbers in every column. Its timings are not looked at.
 */
class BenchmarkCommandTest {

    @Test
    void theEndToEndReportHasEveryStageWithNumbers() {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("benchmark", "--generate", "300");
        } finally {
            System.setErr(before);
        }
        assertThat(exit).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("837P synthetic.837:").contains("max heap"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("stage").contains("MB/s").contains("claims/s")
                .contains("lines/s").contains("peak MB").contains("x bare"));
        for (String stage : List.of("837P bare StAEDI parse", "837P + claimgate guide validation",
                "837P + StAEDI schema validation", "scrub (",
                "835 bare StAEDI parse", "835 + claimgate guide validation",
                "835 + StAEDI schema validation", "denials (")) {
            assertThat(lines).as(stage).anySatisfy(l -> {
                assertThat(l).startsWith(stage);
                String[] numbers = l.substring(38).trim().split("\\s+");
                assertThat(numbers).hasSize(6).allSatisfy(n -> assertThat(n).matches("[0-9]+(\\.[0-9]+)?|Infinity"));
            });
        }
    }

    @Test
    void withoutTheInstallationsFoldersItSaysSoBeforeAnyStage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        PrintStream before = System.err;
        String home = System.getProperty("claimgate.home");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setProperty("claimgate.home", empty.toString());
            exit = Main.run("benchmark", "--generate", "300");
        } finally {
            System.setErr(before);
            if (home == null) {
                System.clearProperty("claimgate.home");
            } else {
                System.setProperty("claimgate.home", home);
            }
        }
        assertThat(exit).isEqualTo(Main.USAGE);
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("mappings folder was not found").doesNotContain("stage").doesNotContain("\tat ");
    }

    @Test
    void theFileModeCanLeaveOutTheSlowReference() {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("benchmark", "--repeat", "2", "--no-staedi-schema",
                    io.claimgate.Samples.CLAIMS.resolve("clean-multi-claim.837").toString());
        } finally {
            System.setErr(before);
        }
        assertThat(exit).isZero();
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("best of 2 run(s)").contains("validation pass (claimgate guide)")
                .contains("scrub (validate + route + write)").doesNotContain("StAEDI schema");
        assertThat(text.lines().filter(l -> l.startsWith("scrub over bare parse (best runs)")))
                .singleElement().satisfies(l -> assertThat(l).matches(".*\\s[0-9]+\\.[0-9]{2} x"));
    }
}
