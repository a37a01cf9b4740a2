package io.claimgate.scrub;

import io.claimgate.Samples;
import io.claimgate.report.FindingsCsvExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envelope faults made by mutating a clean sample (3 claims, ISA13 000000201, GS06 201, ST02 0001) and what each
 * must produce in the 999 / TA1, with nothing lost.
 */
class EnvelopeOutcomeTest {
    private static final FindingsCsvExport csv = Samples.csvExport();
    private static String clean;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        clean = Files.readString(Samples.CLAIMS.resolve("clean-newlines.837"), StandardCharsets.ISO_8859_1);
    }

    private FileResult scrub(String text) throws IOException {
        Path input = dir.resolve("input.837");
        Files.writeString(input, text, StandardCharsets.ISO_8859_1);
        return new ScrubService(dir.resolve("out"), csv, Samples.rules()).scrub(input);
    }

    private List<String> ack(String ext) throws IOException {
        Path file = dir.resolve("out/acks/input." + ext);
        return Files.exists(file) ? Samples.segments(file) : null;
    }

    private static List<String> body(List<String> segments) {
        return segments.stream().filter(s -> !s.matches("(ISA|GS|ST|SE|GE|IEA)\\*.*")).toList();
    }

    @Test
    void se02NotMatchingSt02RejectsTheSet() throws IOException {
        FileResult r = scrub(clean.replaceFirst("SE\\*(\\d+)\\*0001~", "SE*$1*0009~"));
        assertThat(body(ack("999"))).containsExactly("AK1*HC*201*005010X222A1", "AK2*837*0001*005010X222A1",
                "IK5*R*3", "AK9*R*1*1*0");
        assertThat(r.rejected()).isEqualTo(3);
        assertThat(r.conserved()).isTrue();
    }

    @Test
    void ge02NotMatchingGs06RejectsTheGroup() throws IOException {
        FileResult r = scrub(clean.replaceFirst("GE\\*1\\*201~", "GE*1*202~"));
        assertThat(body(ack("999"))).containsExactly("AK1*HC*201*005010X222A1", "AK2*837*0001*005010X222A1",
                "IK5*A", "AK9*R*1*1*1*4");
        assertThat(r.rejected()).isEqualTo(3);
    }

    @Test
    void ge01CountWrongRejectsTheGroup() throws IOException {
        scrub(clean.replaceFirst("GE\\*1\\*201~", "GE*2*201~"));
        assertThat(body(ack("999"))).last().isEqualTo("AK9*R*2*1*1*5"); // AK902 = GE01 as sent
    }

    @Test
    void iea01CountWrongRejectsTheInterchangeInATa1() throws IOException {
        FileResult r = scrub(clean.replaceFirst("IEA\\*1\\*", "IEA*3*"));
        assertThat(ack("999")).isNull();
        assertThat(body(ack("ta1"))).containsExactly("TA1*000000201*260115*0930*R*021");
        assertThat(r.accepted()).isZero();
        assertThat(r.rejected()).isEqualTo(3);
    }

    @Test
    void aRequestedTa1AcceptsAGoodInterchange() throws IOException {
        String requested = clean.substring(0, 100) + "1" + clean.substring(101); // ISA14 = 1
        assertThat(requested.substring(0, 106)).endsWith("*1*T*:~");
        FileResult r = scrub(requested);
        assertThat(body(ack("ta1"))).containsExactly("TA1*000000201*260115*0930*A*000");
        assertThat(ack("999")).isNotNull();
        assertThat(r.accepted()).isEqualTo(3);
    }

    @Test
    void aWrongVersionRejectsTheSetAndTheGroup() throws IOException {
        FileResult r = scrub(clean.replace("005010X222A1", "005010X222A2"));
        assertThat(body(ack("999"))).contains("IK5*R*I6").last().asString().startsWith("AK9*R");
        assertThat(r.accepted()).isZero();
    }

    @Test
    void aFileCutShortIsRejectedInATa1AndEveryClaimIsAccountedFor() throws IOException {
        int cut = clean.lastIndexOf("CLM*");
        FileResult r = scrub(clean.substring(0, cut + 20));
        assertThat(body(ack("ta1"))).singleElement().asString().matches("TA1\\*000000201\\*260115\\*0930\\*R\\*02[34]");
        assertThat(r.accepted()).isZero();
        assertThat(r.claimsIn()).isEqualTo(3);
        // the two whole claims go back in the rejected file; the one cut inside its CLM segment is no claim any
        // output could carry: it is reported as not read (the input is kept), not written as an empty shell
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.notRead()).isEqualTo(1);
        assertThat(r.fileFindingRules()).contains("X12-CLAIMS-NOT-READ");
        assertThat(Files.readString(dir.resolve("out/rejected/input.837"))).contains("CLM*CG-NEWLINE-001*")
                .contains("CLM*CG-NEWLINE-002*").doesNotContain("CLM*CG-NEWLINE-003");
    }

    @Test
    void aValueLongerThanStaediWritesIsKeptInTheRejectedFile() throws IOException {
        String note = "NTE*ADD*" + "A".repeat(700) + "~\n";
        int at = clean.indexOf("HI*");
        FileResult r = scrub(clean.substring(0, at) + note + clean.substring(at));
        assertThat(r.rejected()).isPositive();
        assertThat(Files.readString(dir.resolve("out/rejected/input.837"))).contains(note);
        assertThat(r.conserved()).isTrue();
    }
}
