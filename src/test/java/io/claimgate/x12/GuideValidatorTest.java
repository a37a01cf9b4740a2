package io.claimgate.x12;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.synthetic.SyntheticBatch;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * claimgate's implementation-guide validator against StAEDI's schema validation (the reference) on the same bytes:
 * the golden samples, the public corpus (when {@code ../shared} is present) and synthetic files with one planted
 * mutation each (a segment dropped, repeated, moved, an element emptied, garbled or added). Both must reject the same
 * transaction sets and hand over the same claims; the findings are compared as {@code rule@segment:position}.
 *
 * <p>Deliberate differences, where StAEDI 1.26.0 is wrong and claimgate reports what the 999 should say:
 * <ul>
 *   <li>a segment whose qualifier matches no alternative of the guide (e.g. {@code DTP*999}) is one
 *       {@code X12-SEGMENT-NOT-USED}; StAEDI only looks forward among alternatives, so one unmatched qualifier also
 *       makes the loop's later segments "not used";</li>
 *   <li>a missing required loop is reported once, on its first segment, with the loop's own id.</li>
 * </ul>
 * The test counts agreements and lists every disagreement; it fails when a set's acceptance differs.
 */
class GuideValidatorTest {

    record Verdict(List<String> claims, TreeMap<String, Integer> findings, List<String> rejectingSets) {
    }

    static Verdict verdict(ClaimReader reader, byte[] bytes) throws IOException {
        List<String> claims = new ArrayList<>();
        TreeMap<String, Integer> findings = new TreeMap<>();
        List<String> rejecting = new ArrayList<>();
        reader.read(new ByteArrayInputStream(bytes), new ClaimReader.Handler() {
            @Override
            public void claim(Claim claim) {
                claims.add(claim.id());
            }

            @Override
            public void finding(Finding f, ClaimReader.Scope scope, long claimOrdinal) {
                String key = f.ruleId() + "@" + f.position().segmentId() + ":" + f.position().segmentPosition()
                        + (f.position().element() > 0 ? "/" + f.position().ik401() : "")
                        + (f.position().transactionControl() == null ? "" : " ST" + f.position().transactionControl());
                findings.merge(key, 1, Integer::sum);
                if (f.rejects() && f.position().transactionControl() != null) {
                    rejecting.add(f.position().transactionControl());
                }
            }
        });
        return new Verdict(claims, findings, rejecting.stream().distinct().sorted().toList());
    }

    static Verdict ours(byte[] bytes) throws IOException {
        return verdict(ClaimReader.validating(), bytes);
    }

    static Verdict staedi(byte[] bytes) throws IOException {
        return verdict(ClaimReader.withStaediValidation(X12Schemas.claim()), bytes);
    }

    @Test
    void goldenSamplesGetStaedisVerdicts() throws IOException {
        int compared = 0;
        for (Path file : Samples.files(Samples.CLAIMS, ".*\\.837")) {
            byte[] bytes = Files.readAllBytes(file);
            Verdict ours = ours(bytes);
            Verdict ref = staedi(bytes);
            assertThat(ours.claims()).as(file.getFileName() + " claims").isEqualTo(ref.claims());
            assertThat(ours.findings()).as(file.getFileName() + " findings").isEqualTo(ref.findings());
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(20);
    }

    @Test
    void corpusGetsStaedisAcceptance() throws IOException {
        Path dir = Samples.corpus("837p").orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "../shared/corpus/837p not present");
        List<String> differences = new ArrayList<>();
        int same = 0;
        for (Path file : Samples.files(dir, ".*")) {
            byte[] bytes = Files.readAllBytes(file);
            Verdict ours = ours(bytes);
            Verdict ref = staedi(bytes);
            assertThat(ours.claims()).as(file.getFileName() + " claims").isEqualTo(ref.claims());
            assertThat(ours.rejectingSets()).as(file.getFileName() + " rejected sets").isEqualTo(ref.rejectingSets());
            if (ours.findings().equals(ref.findings())) {
                same++;
            } else {
                differences.add(file.getFileName() + "\n  ours:   " + ours.findings() + "\n  staedi: " + ref.findings());
            }
        }
        System.out.println("corpus: identical findings in " + same + " files; differing:\n" + String.join("\n", differences));
    }

    @Test
    void mutatedSyntheticFilesGetStaedisAcceptance() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticBatch(new SyntheticBatch.Spec(6, 3, 0.5, 0.0, 7L, 3)).write837(out);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        String[] segments = text.split("~\n?");
        Random random = new Random(11);
        List<String> differences = new ArrayList<>();
        int same = 0;
        int acceptanceDifferences = 0;
        int runs = 400;
        for (int run = 0; run < runs; run++) {
            String mutated = mutate(segments, random);
            byte[] bytes = mutated.getBytes(StandardCharsets.ISO_8859_1);
            Verdict ours = ours(bytes);
            Verdict ref = staedi(bytes);
            assertThat(ours.claims()).isEqualTo(ref.claims());
            if (!ours.rejectingSets().equals(ref.rejectingSets())) {
                acceptanceDifferences++;
            }
            if (ours.findings().equals(ref.findings())) {
                same++;
            } else {
                differences.add("ours:   " + ours.findings() + "\n  staedi: " + ref.findings());
            }
        }
        System.out.println("mutations: " + runs + ", identical findings " + same + ", acceptance differs "
                + acceptanceDifferences + "\n" + String.join("\n", differences.subList(0, Math.min(5, differences.size()))));
        assertThat(acceptanceDifferences).isZero();
    }

    /** Findings of our validator on a one-claim file, as {@code rule@segment:position[/element]}. */
    static List<String> findingsOf(String text) throws IOException {
        return new ArrayList<>(ours(text.getBytes(StandardCharsets.ISO_8859_1)).findings().keySet().stream()
                .map(k -> k.substring(0, k.indexOf(' '))).toList());
    }

    static String oneClaim(String lines) {
        return Samples.claimFile(lines, "1999000015", "CGPAYER01", "CI");
    }

    @Test
    void aCleanClaimHasNoFindings() throws IOException {
        assertThat(findingsOf(oneClaim("HC:97530:GP|120|UN|4|1|20260112"))).isEmpty();
    }

    @Test
    void aQualifierTheGuideDoesNotUseIsOneFindingWithoutACascade() throws IOException {
        // DTP*999 is no 2400 date the guide allows; StAEDI 1.26.0 also calls every later segment of the line unused
        String text = oneClaim("HC:97530:GP|120|UN|4|1|20260112;HC:97110:GP|60|UN|2|1|20260112")
                .replaceFirst("DTP\\*472\\*D8\\*20260112~", "DTP*999*D8*20260112~DTP*472*D8*20260112~")
                .replaceFirst("SE\\*(\\d+)\\*0001", "SE*" + 0 + "*0001");
        text = fixSegmentCount(text);
        assertThat(findingsOf(text)).containsExactly("X12-ELEMENT-INVALID-CODE@DTP:25/1", "X12-SEGMENT-NOT-USED@DTP:25");
        assertThat(staedi(text.getBytes(StandardCharsets.ISO_8859_1)).findings().size()).isGreaterThan(1);
    }

    @Test
    void aRequiredAlternativeThatIsMissingIsReportedEvenWhenAnotherOneIsPresent() throws IOException {
        // the billing provider's REF*EI (tax id) is required; a REF with an unknown qualifier does not stand in
        String text = oneClaim("HC:97530:GP|120|UN|4|1|20260112").replace("REF*EI*990000101", "REF*ZZ*990000101");
        assertThat(findingsOf(text)).containsExactly("X12-ELEMENT-INVALID-CODE@REF:11/1", "X12-SEGMENT-NOT-USED@REF:11",
                "X12-SEGMENT-UNDER-MINIMUM@REF:12");
    }

    @Test
    void elementFormsAreChecked() throws IOException {
        String clean = oneClaim("HC:97530:GP|120|UN|4|1|20260112");
        assertThat(findingsOf(clean.replace("BHT*0019*00*CGB9001*20260115", "BHT*0019*00*CGB9001*20260230")))
                .containsExactly("X12-ELEMENT-INVALID-DATE@BHT:2/4");
        assertThat(findingsOf(clean.replace("BHT*0019*00*CGB9001*20260115*0930", "BHT*0019*00*CGB9001*20260115*2460")))
                .containsExactly("X12-ELEMENT-INVALID-TIME@BHT:2/5");
        assertThat(findingsOf(clean.replace("SV1*HC:97530:GP*120*", "SV1*HC:97530:GP*12.0.0*")))
                .containsExactly("X12-ELEMENT-INVALID-CHARACTER@SV1:24/2");
        assertThat(findingsOf(clean.replace("LX*1~", "LX*A~"))).containsExactly("X12-ELEMENT-INVALID-CHARACTER@LX:23/1");
        assertThat(findingsOf(clean.replace("SV1*HC:97530:GP*120*UN*", "SV1*HC:97530:GP*120*XX*")))
                .containsExactly("X12-ELEMENT-INVALID-CODE@SV1:24/3");
        assertThat(findingsOf(clean.replace("NM1*IL*1*TESTPATIENT*ZULU****MI*", "NM1*IL*1*TESTPATIENT*ZULU****XX*")))
                .containsExactly("X12-ELEMENT-CODE-NOT-USED@NM1:14/8");
        assertThat(findingsOf(clean.replace("DMG*D8*19580314*F", "DMG*D8*19580314*F*EXTRA*1*2*3*4*5*6*7*8")))
                .contains("X12-ELEMENT-TOO-MANY@DMG:17/12");
    }

    @Test
    void valuesOutsideTheX12CharacterSetsAreFindings() throws IOException {
        String clean = oneClaim("HC:97530:GP|120|UN|4|1|20260112");
        for (String bad : List.of("\u0001", "\u0000", "\u001f", "\u007f", "\u00e9", "\u00c3\u00a9")) {
            String text = clean.replace("N3*1 SYNTHETIC LANE", "N3*1 SYNTHETIC" + bad + "LANE");
            assertThat(findingsOf(text)).as("U+%04X", (int) bad.charAt(0))
                    .containsExactly("X12-ELEMENT-INVALID-CHARACTER@N3:15/1");
        }
        // lowercase letters and the extended set's specials are allowed
        assertThat(findingsOf(clean.replace("N3*1 SYNTHETIC LANE", "N3*1 Synthetic Lane #5 @{[]}"))).isEmpty();
    }

    @Test
    void aMissingRequiredSegmentIsReportedWhereItsAbsenceIsNoticedInItsOwnLoop() throws IOException {
        String text = fixSegmentCount(oneClaim("HC:97530:GP|120|UN|4|1|20260112").replace("HI*ABK:M25561*ABF:R262~\n", ""));
        assertThat(findingsOf(text)).containsExactly("X12-SEGMENT-MISSING@HI:20");
        assertThat(ours(text.getBytes(StandardCharsets.ISO_8859_1)).findings().firstKey()).contains("ST0001");
    }

    static String fixSegmentCount(String text) {
        String[] lines = text.split("\n");
        int st = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("ST*")) {
                st = i;
            }
            if (lines[i].startsWith("SE*")) {
                lines[i] = "SE*" + (text.substring(0, 0).length() + countSegments(lines, st, i)) + "*0001~";
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static int countSegments(String[] lines, int st, int se) {
        int n = 0;
        for (int i = st; i <= se; i++) {
            n += lines[i].split("~").length;
        }
        return n;
    }

    /** One random mutation of a transaction segment (ISA..ST and SE..IEA are left alone). */
    static String mutate(String[] segments, Random random) {
        List<String> list = new ArrayList<>(List.of(segments));
        int first = 0;
        while (first < list.size() && !list.get(first).startsWith("BHT")) {
            first++;
        }
        int last = list.size() - 1;
        while (last > 0 && !list.get(last).startsWith("SE*")) {
            last--;
        }
        int at = first + random.nextInt(last - first);
        String segment = list.get(at);
        String[] elements = segment.split("\\*", -1);
        switch (random.nextInt(7)) {
            case 0 -> list.remove(at);
            case 1 -> list.add(at, segment);
            case 2 -> {
                list.remove(at);
                list.add(first + random.nextInt(last - first - 1), segment);
            }
            case 3 -> {
                if (elements.length > 1) {
                    elements[1 + random.nextInt(elements.length - 1)] = "";
                    list.set(at, String.join("*", elements));
                }
            }
            case 4 -> {
                if (elements.length > 1) {
                    String[] garbage = {"ZZ", "ABC", "99999999999999999999999999999999999999", "20231340", "1.2.3",
                            "X", "-", "2461"};
                    elements[1 + random.nextInt(elements.length - 1)] = garbage[random.nextInt(garbage.length)];
                    list.set(at, String.join("*", elements));
                }
            }
            case 5 -> list.set(at, segment + "*EXTRA");
            default -> {
                if (elements.length > 1) {
                    int e = 1 + random.nextInt(elements.length - 1);
                    elements[e] = elements[e] + ":Q";
                    list.set(at, String.join("*", elements));
                }
            }
        }
        // SE01 follows the segment count so the mutation is the only defect
        int se = list.size() - 1;
        while (se > 0 && !list.get(se).startsWith("SE*")) {
            se--;
        }
        int st = se;
        while (st > 0 && !list.get(st).startsWith("ST*")) {
            st--;
        }
        String[] seElements = list.get(se).split("\\*", -1);
        seElements[1] = String.valueOf(se - st + 1);
        list.set(se, String.join("*", seElements));
        return String.join("~\n", list) + "~\n";
    }
}
