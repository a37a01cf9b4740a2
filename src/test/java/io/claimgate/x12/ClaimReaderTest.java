package io.claimgate.x12;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.xlate.edi.schema.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading: delimiters, line breaks, BOM, several interchanges, and input that is not X12 or is cut short. */
class ClaimReaderTest {
    private static Schema schema;
    private static String clean;
    private static String invalidCode;

    @BeforeAll
    static void load() throws IOException {
        schema = X12Schemas.claim();
        clean = Files.readString(Samples.CLAIMS.resolve("clean-multi-claim.837"));
        invalidCode = Files.readString(Samples.CLAIMS.resolve("invalid-code-value.837"));
    }

    record Read(List<Claim> claims, List<String> findings) {
        List<String> ids() {
            return claims.stream().map(Claim::id).toList();
        }
    }

    static Read read(byte[] bytes) throws IOException {
        return read(bytes, ClaimReader.Limits.DEFAULT);
    }

    static Read read(byte[] bytes, ClaimReader.Limits limits) throws IOException {
        List<Claim> claims = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        new ClaimReader(schema).limits(limits).read(new ByteArrayInputStream(bytes), new ClaimReader.Handler() {
            @Override
            public void claim(Claim claim) {
                claims.add(claim);
            }

            @Override
            public void finding(Finding f, ClaimReader.Scope scope, long claimOrdinal) {
                findings.add(f.ruleId() + "@" + f.position().segmentId() + ":" + f.position().segmentPosition()
                        + (f.position().element() > 0 ? "/" + f.position().ik401() : ""));
            }
        });
        return new Read(claims, findings);
    }

    static Read read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Rewrites an interchange (delimiters * : ^ ~) with other delimiters and a line break after each segment. */
    static String redelimit(String text, char element, char component, char repetition, char segment, String nl) {
        StringBuilder sb = new StringBuilder();
        for (String seg : text.split("~")) {
            String s = seg.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("ISA")) {
                // ISA11 is the repetition separator and ISA16 the component separator
                String[] e = s.split("\\*", -1);
                e[11] = String.valueOf(repetition);
                e[16] = String.valueOf(component);
                s = String.join("*", e);
                sb.append(s.replace('*', element));
            } else {
                for (char c : s.toCharArray()) {
                    sb.append(c == '*' ? element : c == ':' ? component : c == '^' ? repetition : c);
                }
            }
            sb.append(segment).append(nl);
        }
        return sb.toString();
    }

    @Test
    void aCleanFileHasNoFindings() throws IOException {
        Read r = read(clean);
        assertThat(r.findings()).isEmpty();
        assertThat(r.ids()).hasSize(3);
        Claim first = r.claims().get(0);
        assertThat(first.billingProvider().levelCode()).isEqualTo("20");
        assertThat(first.subscriber().levelCode()).isEqualTo("22");
        assertThat(first.patient()).isNull();
        assertThat(first.lines()).allSatisfy(l -> assertThat(l.procedureCode()).isNotEmpty());
        assertThat(first.segments().get(0).tag()).isEqualTo("CLM");
        assertThat(first.position()).isGreaterThan(1);
    }

    @Test
    void otherDelimitersAndLineBreaksGiveTheSameClaimsAndFindings() throws IOException {
        Read base = read(invalidCode);
        assertThat(base.findings()).isNotEmpty();
        for (String variant : List.of(
                redelimit(invalidCode, '*', ':', '^', '~', "\n"),
                redelimit(invalidCode, '*', ':', '^', '~', "\r\n"),
                redelimit(invalidCode, '|', '>', '!', '\'', ""),
                redelimit(invalidCode, '^', '\\', '{', '~', "\n"))) {
            Read r = read(variant);
            assertThat(r.ids()).isEqualTo(base.ids());
            assertThat(r.findings()).isEqualTo(base.findings());
        }
    }

    @Test
    void aSubscriberBelongsToTheBillingProviderItsParentIdNames() throws IOException {
        Read r = read(Files.readAllBytes(Samples.CLAIMS.resolve("hierarchy-by-parent-id.837")));
        assertThat(r.findings()).isEmpty();
        java.util.Map<String, String> npiByClaim = new java.util.HashMap<>();
        for (Claim c : r.claims()) {
            npiByClaim.put(c.id(), c.billingProvider().first("NM1").element(9));
        }
        assertThat(npiByClaim).containsEntry("CG-HLPARENT-001", "1999000015")
                .containsEntry("CG-HLPARENT-002", "2999000013")
                .containsEntry("CG-HLPARENT-003", "1999000015");
    }

    @Test
    void hierarchyIdsOutOfSequenceOrWithAWrongParentAreFindings() throws IOException {
        String text = Files.readString(Samples.CLAIMS.resolve("clean-newlines.837"));
        assertThat(read(text.replace("HL*3*1*22*0~", "HL*4*1*22*0~")).findings())
                .containsExactly("X12-HL-SEQUENCE@HL:39/1");
        assertThat(read(text.replace("HL*3*1*22*0~", "HL*3*2*22*0~")).findings())
                .containsExactly("X12-HL-PARENT@HL:39/2");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(clean.getBytes(StandardCharsets.ISO_8859_1));
        Read r = read(bytes.toByteArray());
        assertThat(r.findings()).isEmpty();
        assertThat(r.ids()).isEqualTo(read(clean).ids());
    }

    @Test
    void severalInterchangesInOneFile() throws IOException {
        String second = clean.replace("000000101", "000000102");
        Read r = read(clean + "\n" + second);
        assertThat(r.findings()).isEmpty();
        assertThat(r.claims()).hasSize(6);
        assertThat(r.claims().get(5).source().interchangeOrdinal()).isEqualTo(1);
        assertThat(r.claims().get(5).source().interchangeControl()).isEqualTo("000000102");
    }

    @Test
    void inputThatIsNotX12IsOneFinding() throws IOException {
        assertThat(read("").findings()).containsExactly("X12-NOT-X12@null:0");
        assertThat(read("claim_id,amount\nA1,100\n").findings()).containsExactly("X12-NOT-X12@null:0");
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertThat(read(garbage).findings()).containsExactly("X12-NOT-X12@null:0");
        assertThat(read(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}).findings()).containsExactly("X12-NOT-X12@null:0");
    }

    @Test
    void anIsaThatIsNotFixedWidthIsAnInterchangeFinding() throws IOException {
        String shortIsa = clean.replaceFirst("\\*          \\*00", "*         *00"); // ISA02 of 9 characters
        Read r = read(shortIsa);
        assertThat(r.findings()).containsExactly("X12-INTERCHANGE-HEADER@ISA:0");
        assertThat(r.claims()).isEmpty();
    }

    @Test
    void aFileCutShortReportsTheInterchangeAndKeepsTheClaimsRead() throws IOException {
        List<String> ids = read(clean).ids();
        int secondClaim = clean.indexOf("CLM*", clean.indexOf("CLM*") + 4);
        int afterItsClm = clean.indexOf('~', secondClaim) + 1;

        // cut after the second claim's CLM segment: that claim is kept with what was read of it
        Read r = read(clean.substring(0, afterItsClm + 5));
        assertThat(r.findings()).anyMatch(f -> f.startsWith("X12-INTERCHANGE-TRUNCATED")
                || f.startsWith("X12-INTERCHANGE-UNREADABLE"));
        assertThat(r.ids()).isEqualTo(ids.subList(0, 2));

        // cut inside its CLM segment: an unfinished segment is no claim (no shell without a CLM is handed over;
        // the scrub counts it as not read)
        Read inClm = read(clean.substring(0, secondClaim + 10));
        assertThat(inClm.findings()).anyMatch(f -> f.startsWith("X12-INTERCHANGE-TRUNCATED")
                || f.startsWith("X12-INTERCHANGE-UNREADABLE"));
        assertThat(inClm.ids()).isEqualTo(ids.subList(0, 1));
        assertThat(inClm.claims()).allSatisfy(c -> assertThat(c.segments()).isNotEmpty());
    }

    @Test
    void pastALimitTheSetIsRejectedAndNoMoreClaimsAreBuilt() throws IOException {
        byte[] three = Files.readAllBytes(Samples.CLAIMS.resolve("clean-newlines.837"));
        Read all = read(three);
        assertThat(all.ids()).hasSize(3);
        ClaimReader.Limits d = ClaimReader.Limits.DEFAULT;

        Read twoClaims = read(three, new ClaimReader.Limits(d.maxSegmentLength(), 2, 50, d.maxSegmentsPerClaim()));
        assertThat(twoClaims.ids()).isEqualTo(all.ids().subList(0, 2));
        assertThat(twoClaims.findings()).singleElement().asString().startsWith("X12-LIMIT-CLAIMS-PER-SET@CLM:");

        int mostLines = all.claims().stream().mapToInt(c -> c.lines().size()).max().orElseThrow();
        Read fewerLines = read(three, new ClaimReader.Limits(d.maxSegmentLength(), 5000, mostLines - 1,
                d.maxSegmentsPerClaim()));
        assertThat(fewerLines.ids()).hasSizeLessThan(3);
        assertThat(fewerLines.findings()).singleElement().asString().startsWith("X12-LIMIT-LINES-PER-CLAIM@LX:");

        Read fewSegments = read(three, new ClaimReader.Limits(d.maxSegmentLength(), 5000, 50, 10));
        assertThat(fewSegments.ids()).hasSizeLessThan(3);
        assertThat(fewSegments.findings()).singleElement().asString().startsWith("X12-LIMIT-SEGMENTS-PER-CLAIM@");

        String text = new String(three, StandardCharsets.ISO_8859_1);
        int clm = text.indexOf("CLM*", text.indexOf("CLM*") + 1); // the second claim
        int end = text.indexOf('~', clm);
        String longClm = text.substring(0, end) + "*" + "X".repeat(1100) + text.substring(end);
        Read longSegment = read(longClm.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(longSegment.ids()).isEqualTo(all.ids().subList(0, 1));
        assertThat(longSegment.findings()).singleElement().asString().startsWith("X12-LIMIT-SEGMENT-LENGTH@CLM:");
    }
}
