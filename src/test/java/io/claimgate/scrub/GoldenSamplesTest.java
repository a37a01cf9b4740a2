package io.claimgate.scrub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.x12.ClaimReader;
import io.claimgate.x12.X12Schemas;
import io.claimgate.model.Claim;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden samples: every {@code edi-samples/837p/NAME.837} is scrubbed and compared with its hand-written
 * {@code edi-samples/expected/NAME.txt}; inputs and expectations are paired strictly (an orphan on either side
 * fails). Then every 837P the gateway wrote is read back.
 */
class GoldenSamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FindingsCsvExport csv = Samples.csvExport();

    @TempDir
    static Path out;

    static String name(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    @Test
    void samplesAndExpectationsArePairedStrictly() throws IOException {
        Set<String> inputs = new HashSet<>();
        Samples.files(Samples.CLAIMS, ".*").forEach(p -> inputs.add(name(p)));
        Set<String> expected = new HashSet<>();
        Samples.files(Samples.EXPECTED, ".*\\.txt").forEach(p -> expected.add(name(p)));
        assertThat(inputs).isNotEmpty().isEqualTo(expected);
    }

    @TestFactory
    Stream<DynamicTest> eachSampleGivesItsExpectedOutcome() throws IOException {
        return Samples.files(Samples.CLAIMS, ".*").stream().map(input -> DynamicTest.dynamicTest(name(input), () -> {
            ExpectedOutcome expected = ExpectedOutcome.read(Samples.EXPECTED.resolve(name(input) + ".txt"));
            // each sample is a batch of its own (the patient-day rules span the files of one batch)
            FileResult result = new ScrubService(out.resolve("golden"), csv, Samples.rules()).scrub(input);
            Path dir = out.resolve("golden");
            String n = name(input);

            assertThat(result.claimsIn()).as("claims in").isEqualTo(expected.claimsIn());
            assertThat(result.accepted()).as("accepted").isEqualTo(expected.accepted());
            assertThat(result.rejected()).as("rejected").isEqualTo(expected.rejected());
            assertThat(result.notRead()).as("not read").isEqualTo(expected.notRead());

            Path ta1 = dir.resolve("acks/" + n + ".ta1");
            if (expected.ta1().equals("-")) {
                assertThat(ta1).doesNotExist();
            } else {
                String seg = Samples.segments(ta1).stream().filter(s -> s.startsWith("TA1*")).findFirst().orElseThrow();
                String[] e = seg.split("\\*");
                assertThat(e[4] + " " + e[5]).as("TA104 TA105").isEqualTo(expected.ta1());
            }

            Path ack = dir.resolve("acks/" + n + ".999");
            if (expected.ack999() == null) {
                assertThat(ack).doesNotExist();
            } else {
                // compared with * as the element separator, whatever the 999 was written with
                String separator = String.valueOf(Files.readString(ack).charAt(3));
                List<String> body = Samples.segments(ack).stream().map(s -> s.replace(separator, "*"))
                        .filter(s -> !s.matches("(ISA|GS|ST|SE|GE|IEA)\\*.*")).map(s -> s + "~").toList();
                assertThat(body).as("999 body").containsExactlyElementsOf(expected.ack999());
            }

            JsonNode report = JSON.readTree(dir.resolve("reports/" + n + ".findings.json").toFile());
            List<String> claimRules = new ArrayList<>();
            for (JsonNode claim : report.get("claims")) {
                for (JsonNode f : claim.get("findings")) {
                    // findings that are not in the 999 (and not the consequence of a rejected envelope)
                    if (!f.has("ack") && !f.get("ruleId").asText().equals("X12-ENVELOPE-REJECTED")) {
                        claimRules.add(claim.get("id").asText() + " " + f.get("ruleId").asText());
                    }
                }
            }
            assertThat(claimRules).as("claim findings").containsExactlyInAnyOrderElementsOf(expected.claimFindings());
            List<String> fileRules = new ArrayList<>();
            report.get("fileFindings").forEach(f -> fileRules.add(f.get("ruleId").asText()));
            if (report.get("summary").get("notRead").asLong() > 0) {
                fileRules.add("X12-CLAIMS-NOT-READ");
            }
            assertThat(fileRules).as("file findings").containsExactlyInAnyOrderElementsOf(expected.fileFindings());
            assertThat(result.fileFindingRules()).containsExactlyInAnyOrderElementsOf(expected.fileFindings());
            assertThat(report.get("summary").get("claimsIn").asLong()).isEqualTo(expected.claimsIn());
            if (!expected.ack277().isEmpty()) {
                // the listed segments (or segment beginnings) appear in this order in the 277CA
                List<String> segments = Samples.segments(dir.resolve("acks/" + n + ".277"));
                int at = 0;
                for (String wanted : expected.ack277()) {
                    while (at < segments.size() && !segments.get(at).startsWith(wanted)) {
                        at++;
                    }
                    assertThat(at).as("277CA segment " + wanted).isLessThan(segments.size());
                    at++;
                }
            }
            for (String output : expected.outputs()) {
                String kind = output.substring(0, output.indexOf(' '));
                String segment = output.substring(kind.length() + 1);
                assertThat(Samples.segments(dir.resolve(kind + "/" + n + ".837"))).as(kind + " output")
                        .contains(segment);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyWritten837ReadsBackClean() throws IOException {
        ScrubService service = new ScrubService(out.resolve("reread"), csv, Samples.rules());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path input : Samples.files(Samples.CLAIMS, ".*")) {
            tests.add(DynamicTest.dynamicTest(name(input), () -> {
                FileResult result = service.scrub(input);
                for (String output : result.outputs()) {
                    if (!output.endsWith(".837")) {
                        continue;
                    }
                    Path written = out.resolve("reread").resolve(output);
                    Collected c = read(written);
                    if (output.startsWith("accepted/")) {
                        assertThat(c.findings).as(output + " findings").isEmpty();
                    } else {
                        // rejected claims keep their own errors, but the envelope around them is sound
                        assertThat(c.findings).as(output + " envelope findings")
                                .noneMatch(f -> f.ruleId().matches("X12-(INTERCHANGE|GROUP|SET)-.*"));
                    }
                    long expectedClaims = output.startsWith("accepted/") ? result.accepted() : result.rejected();
                    assertThat(c.claims).as(output + " claims").hasSize((int) expectedClaims);
                    assertHierarchy(written);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> cleanSamplesRoundTripAndRescrubbingChangesNothing() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path input : Samples.files(Samples.CLAIMS, "clean-.*|multi-.*|other-delimiters.*|patient-.*")) {
            tests.add(DynamicTest.dynamicTest(name(input), () -> {
                ScrubService first = new ScrubService(out.resolve("trip1"), csv, Samples.rules());
                ScrubService second = new ScrubService(out.resolve("trip2"), csv, Samples.rules());
                FileResult r1 = first.scrub(input);
                assertThat(r1.rejected()).isZero();
                Path accepted1 = out.resolve("trip1/accepted/" + name(input) + ".837");
                assertThat(withoutEnvelopeIds(accepted1)).as("round trip").isEqualTo(withoutEnvelopeIds(input));

                FileResult r2 = second.scrub(accepted1);
                Path accepted2 = out.resolve("trip2/accepted/" + name(input) + ".837");
                assertThat(r2.claimsIn()).isEqualTo(r1.claimsIn());
                assertThat(withoutEnvelopeIds(accepted2)).as("rescrub").isEqualTo(withoutEnvelopeIds(accepted1));
                assertThat(read(accepted2).claims).extracting(Claim::id)
                        .containsExactlyElementsOf(read(input).claims.stream().map(Claim::id).toList());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> every277CaValidatesAgainstOurSchema() throws IOException {
        io.xlate.edi.schema.Schema schema = io.claimgate.x12.SchemaCheck.claimAcknowledgment();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path input : Samples.files(Samples.CLAIMS, ".*")) {
            tests.add(DynamicTest.dynamicTest(name(input), () -> {
                FileResult r = new ScrubService(out.resolve("ack277"), csv, Samples.rules()).scrub(input);
                Path ack = out.resolve("ack277/acks/" + name(input) + ".277");
                Path ack999 = out.resolve("ack277/acks/" + name(input) + ".999");
                boolean setAccepted = false;
                if (Files.exists(ack999)) {
                    String separator = Files.readString(ack999).substring(3, 4);
                    setAccepted = Samples.segments(ack999).stream()
                            .anyMatch(seg -> seg.replace(separator, "*").equals("IK5*A"));
                }
                if (setAccepted && r.accepted() > 0) {
                    assertThat(ack).as("a 277CA for the sets the 999 accepted").isRegularFile();
                }
                if (Files.exists(ack)) {
                    try (InputStream in = Files.newInputStream(ack)) {
                        assertThat(io.claimgate.x12.SchemaCheck.errors(in, schema)).as("277CA errors").isEmpty();
                    }
                }
            }));
        }
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void scrubbingACorrectedFileAgainCorrectsAndRejectsNothing() throws IOException {
        ScrubService first = new ScrubService(out.resolve("idem1"), csv, Samples.rules());
        FileResult r1 = first.scrub(Samples.CLAIMS.resolve("corrections.837"));
        assertThat(r1.rejected()).isPositive();
        Path accepted = out.resolve("idem1/accepted/corrections.837");
        FileResult r2 = new ScrubService(out.resolve("idem2"), csv, Samples.rules()).scrub(accepted);
        assertThat(r2.claimsIn()).isEqualTo(r1.accepted());
        assertThat(r2.rejected()).isZero();
        JsonNode report = JSON.readTree(out.resolve("idem2/reports/corrections.findings.json").toFile());
        assertThat(report.get("summary").get("corrected").asLong()).isZero();
        for (JsonNode claim : report.get("claims")) {
            assertThat(claim.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(claim.get("findings")).isEmpty();
        }
        assertThat(withoutEnvelopeIds(out.resolve("idem2/accepted/corrections.837")))
                .isEqualTo(withoutEnvelopeIds(accepted));

        // the merged claim: one 97530 line of 3 units and 180, the 97110 line renumbered LX*2
        List<String> segments = Samples.segments(accepted);
        int clm = segments.indexOf(segments.stream().filter(s -> s.startsWith("CLM*CG-CORRECT-005*")).findFirst()
                .orElseThrow());
        List<String> claim = new ArrayList<>();
        for (String s : segments.subList(clm, segments.size())) {
            if (claim.size() > 0 && (s.startsWith("CLM*") || s.startsWith("HL*") || s.startsWith("SE*"))) {
                break;
            }
            claim.add(s);
        }
        assertThat(claim).filteredOn(s -> s.startsWith("LX*") || s.startsWith("SV1*")).containsExactly(
                "LX*1", "SV1*HC:97530:GP*180*UN*3***1:2", "LX*2", "SV1*HC:97110:GP*45*UN*1***1:2");
        assertThat(claim.get(0)).startsWith("CLM*CG-CORRECT-005*225*");
    }

    /**
     * In every set of a written 837P: HL01 counts 1, 2, 3…; HL02 names an earlier level one step up (subscriber under
     * billing provider, patient under subscriber); HL04 is 1 exactly when the next level is this one's child; every
     * claim follows a subscriber or patient level.
     */
    static void assertHierarchy(Path file) throws IOException {
        List<String> segments = Samples.segments(file);
        char e = Files.readString(file).charAt(3);
        java.util.Map<String, String> levels = new java.util.HashMap<>();
        List<String[]> hls = new ArrayList<>();
        String last = null;
        for (String seg : segments) {
            String[] el = seg.split(java.util.regex.Pattern.quote(String.valueOf(e)), -1);
            switch (el[0]) {
                case "ST" -> {
                    levels.clear();
                    hls.clear();
                }
                case "HL" -> {
                    assertThat(el[1]).as(file.getFileName() + " HL01").isEqualTo(String.valueOf(hls.size() + 1));
                    String expectedParentLevel = switch (el[3]) {
                        case "20" -> null;
                        case "22" -> "20";
                        case "23" -> "22";
                        default -> throw new AssertionError("HL03 " + el[3]);
                    };
                    if (expectedParentLevel == null) {
                        assertThat(el[2]).isEmpty();
                    } else {
                        assertThat(levels.get(el[2])).as(file.getFileName() + " parent of HL " + el[1])
                                .isEqualTo(expectedParentLevel);
                    }
                    levels.put(el[1], el[3]);
                    hls.add(el);
                    last = el[3];
                }
                case "CLM" -> assertThat(last).as("level above a claim").isIn("22", "23");
                case "SE" -> {
                    if (!hls.isEmpty()) {
                        assertThat(hls.get(hls.size() - 1)[4]).as(file.getFileName() + " HL04 of the last level")
                                .isEqualTo("0");
                    }
                }
                default -> { }
            }
            if (el[0].equals("HL") && hls.size() > 1) {
                String[] previous = hls.get(hls.size() - 2);
                boolean child = el[2].equals(previous[1]);
                assertThat(previous[4]).as(file.getFileName() + " HL04 of HL " + previous[1])
                        .isEqualTo(child ? "1" : "0");
            }
        }
    }

    /**
     * The file's bytes with the values the gateway may change blanked: ISA09, ISA10, ISA13, GS04, GS05, GS06,
     * GE02 and IEA02 (dates and control numbers of the new envelope).
     */
    static String withoutEnvelopeIds(Path file) throws IOException {
        String text = Files.readString(file);
        char e = text.charAt(3);
        char t = text.charAt(105);
        StringBuilder sb = new StringBuilder();
        for (String seg : text.split(java.util.regex.Pattern.quote(String.valueOf(t)), -1)) {
            String[] el = seg.split(java.util.regex.Pattern.quote(String.valueOf(e)), -1);
            String tag = el[0].strip();
            int[] blank = switch (tag) {
                case "ISA" -> new int[] {9, 10, 13};
                case "GS" -> new int[] {4, 5, 6};
                case "GE", "IEA" -> new int[] {2};
                default -> new int[0];
            };
            for (int i : blank) {
                if (i < el.length) {
                    el[i] = "#";
                }
            }
            sb.append(String.join(String.valueOf(e), el)).append(t);
        }
        return sb.toString();
    }

    record Collected(List<Claim> claims, List<Finding> findings) {
    }

    static Collected read(Path file) throws IOException {
        List<Claim> claims = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            new ClaimReader(X12Schemas.claim()).read(in, new ClaimReader.Handler() {
                @Override
                public void claim(Claim claim) {
                    claims.add(claim);
                }

                @Override
                public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
                    findings.add(finding);
                }
            });
        }
        return new Collected(claims, findings);
    }
}
