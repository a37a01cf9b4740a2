package io.claimgate.remit;

import io.claimgate.Samples;
import io.claimgate.cli.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written 835 samples of {@code edi-samples/835} that need no ledger ({@code ledger none} in their
 * expectation file): each analysed by {@code claimgate denials --no-ledger}, totals, rows and findings as computed
 * by hand in {@code edi-samples/expected/835/}.
 */
class RemitGoldenTest {
    static final Path REMITS = Samples.EDI_SAMPLES.resolve("835");

    @TempDir
    Path out;

    static Stream<String> samples() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(Samples.EXPECTED.resolve("835"))) {
            for (Path p : s.sorted().toList()) {
                if (Files.readAllLines(p).contains("ledger none")) {
                    names.add(p.getFileName().toString().replace(".txt", ".835"));
                }
            }
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void analysedAsComputedByHand(String sample) throws IOException {
        int exit = Main.run("denials", "--no-ledger", "--out", out.toString(), "--config",
                Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString(), REMITS.resolve(sample).toString());
        assertThat(exit).isZero();
        ExpectedDenials.check(Samples.EXPECTED.resolve("835").resolve(sample.replace(".835", ".txt")), out);
    }

    @org.junit.jupiter.api.Test
    void aFileThatIsNotX12IsReportedAndExitsOne() throws IOException {
        assertThat(Main.run("denials", "--no-ledger", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), Samples.CLAIMS.resolve("not-x12.837").toString()))
                .isEqualTo(1);
        assertThat(Files.readString(out.resolve("denials-summary.json"))).contains("\"X12-NOT-X12\"");
    }

    @org.junit.jupiter.api.Test
    void spreadsheetTextThatLooksLikeAFormulaStaysTextAndAmountsAreNumbers() throws IOException {
        assertThat(Main.run("denials", "--no-ledger", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), REMITS.resolve("rule-families.835").toString())).isZero();
        // CSV: the claim id "=CG-FAM-09" is quoted and led by an apostrophe; amounts are bare numbers
        String csv = Files.readString(out.resolve("denials.csv"));
        assertThat(csv).contains("\"'=CG-FAM-09\"").doesNotContain(",\"=CG-FAM-09\"").contains(",210,0,\"CO\",\"151\"");
        // XLSX: the same text is a string cell, never a formula; the amount 210 a number cell
        try (java.util.zip.ZipFile xlsx = new java.util.zip.ZipFile(out.resolve("denials.xlsx").toFile())) {
            String sheet = new String(xlsx.getInputStream(xlsx.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            // text cells are inline strings (memory stays flat however many rows)
            assertThat(sheet.replace("&apos;", "'")).contains(">'=CG-FAM-09<").doesNotContain(">=CG-FAM-09<");
            assertThat(xlsx.getEntry("xl/sharedStrings.xml") == null || !new String(xlsx.getInputStream(
                    xlsx.getEntry("xl/sharedStrings.xml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("CG-FAM")).isTrue();
            assertThat(sheet).doesNotContain("<f>").containsPattern("<c r=\"[A-Z]+\\d+\"[^>]*><v>210</v></c>");
        }
    }
}
