package io.claimgate.scrub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases a review found: each is scrubbed whole; a file that passes is scrubbed again and must come back with no
 * correction and no reject (idempotence), and every scrub writes its 277CA when the 999 accepts the set.
 */
class ReviewedCasesTest {
    private static final String NPI = "1999000015";

    @TempDir
    Path dir;

    private record Run(FileResult result, JsonNode report, Path accepted) {
        List<String> statuses() {
            List<String> s = new ArrayList<>();
            report.get("claims").forEach(c -> s.add(c.get("status").asText()));
            return s;
        }

        List<String> rules() {
            List<String> r = new ArrayList<>();
            report.get("claims").forEach(c -> c.get("findings").forEach(f -> r.add(f.get("ruleId").asText())));
            return r;
        }
    }

    private Run scrub(String name, String text) throws IOException {
        Path input = dir.resolve(name + ".837");
        Files.writeString(input, text);
        Path out = dir.resolve("out-" + name);
        FileResult r = new ScrubService(out, Samples.csvExport(), Samples.rules()).scrub(input);
        assertThat(out.resolve("acks/" + name + ".277")).as("277CA").isRegularFile();
        return new Run(r, new ObjectMapper().readTree(out.resolve("reports/" + name + ".findings.json").toFile()),
                out.resolve("accepted/" + name + ".837"));
    }

    private void assertIdempotent(Run first, String name) throws IOException {
        Run again = scrub(name + "-again", Files.readString(first.accepted()));
        assertThat(again.statuses()).as("second scrub").containsOnly("ACCEPTED");
        assertThat(again.result().claimsIn()).isEqualTo(first.result().accepted());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            59 beside XU, then a duplicate of the corrected line; HC:97530:GP:59:XU|120|UN|2|1|20261105,HC:97530:GP:XU|60|UN|1|1|20261105
            51 and no discipline;                                  HC:97530:51|120|UN|2|1|20261105
            minutes under the commercial limit;                    HC:97530:GP|120|MJ|60|1|20261105
            a line without discipline beside a GP duplicate;       HC:97530|120|UN|2|1|20261105,HC:97530:GP|60|UN|1|1|20261105
            """)
    void correctedClaimsComeBackClean(String what, String lines) throws IOException {
        Run first = scrub("case", Samples.claimFile(lines.replace(',', ';'), NPI, "SYNCOM01", "CI"));
        assertThat(first.statuses()).as(what).containsOnly("CORRECTED");
        assertIdempotent(first, "case");
    }

    @Test
    void minutesCountTowardTheDailyLimit() throws IOException {
        // Medicare: 200 minutes of 97530 are 13 units, over the limit of 6
        Run run = scrub("minutes", Samples.claimFile("HC:97530:GP|400|MJ|200|1|20261105", NPI, "SYNMCR01", "MB"));
        assertThat(run.rules()).contains("CPT97530-MUE");
        assertThat(run.statuses()).containsOnly("REJECTED");
    }

    @Test
    void hugeUnitsAreRejectedNotACrash() throws IOException {
        Run run = scrub("huge", Samples.claimFile("HC:97530:GP|120|UN|99999999999|1|20261105", NPI, "SYNCOM01", "CI"));
        assertThat(run.statuses()).containsOnly("REJECTED");
        assertThat(run.rules()).contains("CPT97530-MUE");
    }

    @Test
    void aRejectBeyondTheFindingCapStillRejects() throws IOException {
        // 26 lines on 26 dates: 25 carry 51 (a correction each, 50 findings with their 59s), the last a bad pointer
        StringBuilder lines = new StringBuilder();
        for (int d = 1; d <= 25; d++) {
            lines.append(String.format("HC:97530:GP:51:59:XU|120|UN|2|1|202610%02d;", d));
        }
        lines.append("HC:97530:GP|120|UN|2|9|20261026");
        Run run = scrub("cap", Samples.claimFile(lines.toString(), NPI, "SYNCOM01", "CI"));
        assertThat(run.statuses()).containsOnly("REJECTED");
        assertThat(run.result().accepted()).isZero();
    }

    @Test
    void hostileTextInClaimValuesStaysInertInEveryReport() throws IOException {
        String text = Samples.claimFile("HC:97530:GP|120|UN|0|1|20261105", NPI, "SYNCOM01", "CI")
                .replace("CLM*CG-RULES-001", "CLM*=HYPERLINK(\"x\")${1+1}")
                .replace("SYN1000099", "@SUM(A1)#{1+1}");
        Run run = scrub("hostile", text);
        String csv = Files.readString(dir.resolve("out-hostile/reports/hostile.findings.csv"));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")${1+1}\"").doesNotContain(",=HYPERLINK")
                .doesNotContain(",\"=HYPERLINK");
        run.report().get("claims").forEach(c -> c.get("findings").forEach(f ->
                assertThat(f.get("message").asText()).doesNotContain("{1+1}").doesNotContain("HYPERLINK")));
        assertThat(run.report().get("claims").get(0).get("id").asText()).isEqualTo("=HYPERLINK(\"x\")${1+1}");
    }

    @Test
    void bytesOutsideTheX12CharacterSetsRejectTheClaimAndGoOutAsTheyCame() throws IOException {
        String clean = Samples.claimFile("HC:97530:GP|120|UN|2|1|20261105", NPI, "SYNCOM01", "CI");
        for (byte bad : new byte[] {0x00, 0x01, 0x1F, 0x7F, (byte) 0xE9, (byte) 0xC3}) {
            byte[] planted = clean.replace("1 SYNTHETIC LANE", "1 SYNTHETIC?LANE")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int at = new String(planted, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("SYNTHETIC?LANE") + 9;
            planted[at] = bad;
            String name = String.format("char%02x", bad & 0xFF);
            Path input = dir.resolve(name + ".837");
            Files.write(input, planted);
            Path out = dir.resolve("out-" + name);
            FileResult r = new ScrubService(out, Samples.csvExport(), Samples.rules()).scrub(input);
            assertThat(r.rejected()).as(name).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(out.resolve("reports/" + name + ".findings.json").toFile());
            assertThat(report.toString()).as(name).contains("X12-ELEMENT-INVALID-CHARACTER");
            byte[] rejected = Files.readAllBytes(out.resolve("rejected/" + name + ".837"));
            assertThat(indexOf(rejected, new byte[] {'C', bad, 'L'})).as(name + ": the byte as it came").isPositive();
            byte[] ack = Files.readAllBytes(out.resolve("acks/" + name + ".999"));
            assertThat(new String(ack, java.nio.charset.StandardCharsets.ISO_8859_1)).as(name + ": 999")
                    .contains("IK4*1*166*6*1 SYNTHETIC LANE~");
            assertThat(indexOf(ack, new byte[] {bad})).as(name + ": the 999 stays in the character set").isNegative();
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
