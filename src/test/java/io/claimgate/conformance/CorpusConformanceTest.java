package io.claimgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.report.FindingsCsvExport;
import io.claimgate.scrub.FileResult;
import io.claimgate.scrub.ScrubService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 837P of {@code ../shared/corpus/837p} (public samples from other projects, see its PROVENANCE.md) goes
 * through the scrub without an unhandled exception and with claims conserved. Files documented as invalid are
 * rejected for the documented reason; files documented as valid show no implementation-guide finding beyond the
 * defects PROVENANCE.md lists for them. The whole folder is skipped when the shared corpus is not present.
 */
class CorpusConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FindingsCsvExport csv = Samples.csvExport();

    @TempDir
    static Path out;

    /**
     * Defects of the imsweb template (PROVENANCE: SE01 hard-coded in every file; "in 18 of the 23 files HL IDs
     * repeat within a transaction, usually with an HL whose parent ID does not exist").
     */
    private static final Set<String> IMSWEB_TEMPLATE = Set.of("X12-SET-SEGMENT-COUNT@SE", "X12-HL-SEQUENCE@HL",
            "X12-HL-PARENT@HL");

    /**
     * The imsweb HI composites split with the element separator (PROVENANCE: "HI*BK*8901*BF*87200*BF:5559") show as
     * element errors on HI.
     */
    private static final Set<String> HI_SPLIT = Set.of("X12-ELEMENT-MISSING@HI", "X12-ELEMENT-TOO-LONG@HI",
            "X12-ELEMENT-INVALID-CODE@HI");

    /** Files PROVENANCE.md describes as usable, with the defects it lists for each (as finding@segment). */
    private static final Map<String, Set<String>> DOCUMENTED_DEFECTS = Map.ofEntries(
            Map.entry("imsweb__x12_valid.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            Map.entry("imsweb__x12_no_errors.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            Map.entry("imsweb__x12_many_claims.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            Map.entry("imsweb__x12_multiple_transactions.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            Map.entry("imsweb__x12_multiple_isa.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            Map.entry("imsweb__x12_multiple_st.txt",
                    union(IMSWEB_TEMPLATE, HI_SPLIT, Set.of("X12-GROUP-SET-COUNT@GE"))),
            Map.entry("imsweb__x12_multiple_gs.txt",
                    union(IMSWEB_TEMPLATE, HI_SPLIT, Set.of("X12-INTERCHANGE-GROUP-COUNT@IEA"))),
            Map.entry("imsweb__x12_valid_different_separators.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            Map.entry("imsweb__x12_writer_test.txt", IMSWEB_TEMPLATE),
            Map.entry("imsweb__x12_ambiguous_loop.txt", union(IMSWEB_TEMPLATE, HI_SPLIT)),
            // GE01 documented; beyond PROVENANCE, claimgate finds guide errors in imsweb's placeholder data:
            // NM108 codes in 2310B/2420D, OI04 not P, the REF 2330C requires, FRM answers without a response
            Map.entry("imsweb__x12_complex.txt", union(IMSWEB_TEMPLATE, HI_SPLIT, Set.of("X12-GROUP-SET-COUNT@GE",
                    "X12-ELEMENT-INVALID-CODE@NM1", "X12-ELEMENT-CODE-NOT-USED@NM1", "X12-ELEMENT-INVALID-CODE@OI",
                    "X12-SEGMENT-UNDER-MINIMUM@REF", "X12-ELEMENT-CONDITIONAL-MISSING@FRM"))),
            // version labels (PROVENANCE: "A validator keyed on X222A1 rejects these as version mismatches")
            Map.entry("apimeister__005010_837.edi", Set.of("X12-SET-VERSION@ST")),
            Map.entry("staedi__sample837-original.edi", Set.of("X12-SET-VERSION@ST", "X12-GROUP-VERSION@GS")),
            Map.entry("moov__sample.txt", Set.of()),
            Map.entry("uhin__837.edi", Set.of()));

    /** Files PROVENANCE.md marks INTENTIONALLY INVALID, with the finding that shows the documented reason. */
    private static final Map<String, String> DOCUMENTED_REASON = Map.ofEntries(
            Map.entry("imsweb__x12_bad_first_line.txt", "X12-INTERCHANGE-HEADER"),     // ISA of 105 characters
            Map.entry("imsweb__x12_no_isa_line.txt", "X12-NOT-X12"),                   // no ISA
            Map.entry("imsweb__x12_bad_segment_identifier.txt", "X12-INTERCHANGE-UNREADABLE"), // a segment with no id
            Map.entry("imsweb__x12_bad_valid_code.txt", "X12-ELEMENT-INVALID-CODE@NM1"), // NM101 = 117
            Map.entry("imsweb__x12_segment_errors.txt", "X12-SEGMENT-MISSING@HI"),     // and N3 missing, REF too often
            Map.entry("imsweb__x12_missing_elements.txt", "X12-ELEMENT-MISSING@NM1"),  // NM102 missing
            Map.entry("imsweb__x12_loop_errors1_exceeds_max_1_parent.txt", "X12-LOOP-OVER-MAXIMUM@NM1"),
            Map.entry("imsweb__x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt", "X12-LOOP-OVER-MAXIMUM@NM1"),
            Map.entry("imsweb__x12_loop_errors3_missing_loops.txt", "X12-LOOP-UNDER-MINIMUM@HL"),
            Map.entry("imsweb__x12_missing_required_loop_in_one_repeat.txt", "X12-LOOP-UNDER-MINIMUM@CLM"),
            Map.entry("imsweb__x12_missing_required_loops_mult_repeats.txt", "X12-SEGMENT-MISSING@LX"),
            Map.entry("imsweb__x12_segments_out_of_order.txt", "X12-SEGMENT-OUT-OF-SEQUENCE@N4"),
            Map.entry("staedi__837-header-ref-only.edi", "X12-SEGMENT-MISSING@HL"));

    /**
     * LinuxForHealth files are TR3 examples labelled 005010X222A2: relabelled to X222A1 they must pass, except
     * where the file itself breaks the guide. PROVENANCE lists the `>` composites under ISA16 `:`; the other three
     * are guide errors claimgate finds in them (named in the issue notes).
     */
    private static final Map<String, String> LFH_KNOWN = Map.of(
            "lfh__demo.cob.2ndary.example4.837", "X12-ELEMENT-TOO-LONG@CLM",  // `>` composites
            "lfh__demo.example9.837", "X12-ELEMENT-TOO-LONG@CLM",             // `>` composites
            "lfh__demo.example11.837", "X12-ELEMENT-TOO-LONG@CLM",            // `>` composites
            "lfh__demo.example12.837", "X12-ELEMENT-TOO-LONG@CLM",            // `>` composites
            "lfh__demo.ambulance.example5.837", "X12-ELEMENT-MISSING@CLM",    // CLM05 = 41::1
            "lfh__demo.cob.example3.A.837", "X12-LOOP-UNDER-MINIMUM@",        // 2320 without 2330B payer
            "lfh__demo.cob.example4.837", "X12-ELEMENT-INVALID-CODE@AMT");    // AMT*F2 in 2320 (5010: EAF)

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> corpus837p() throws IOException {
        Path dir = Samples.corpus("837p").orElse(null);
        Assumptions.assumeTrue(dir != null, "../shared/corpus/837p not present");
        ScrubService service = new ScrubService(out.resolve("corpus"), csv, Samples.rules());
        ScrubService relabelled = new ScrubService(out.resolve("relabelled"), csv, Samples.rules());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Samples.files(dir, ".*")) {
            String name = file.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                FileResult result = service.scrub(file);
                assertThat(result.claimsIn()).as("claims in, as PROVENANCE.md counts them")
                        .isEqualTo(documentedClaims(dir, name));
                if (!result.conserved()) {
                    // only a file that stops being readable may leave claims out, and it must say so
                    assertThat(DOCUMENTED_REASON).containsKey(name);
                    assertThat(result.fileFindingRules()).contains("X12-CLAIMS-NOT-READ");
                }
                Set<String> findings = findings(out.resolve("corpus"), result);
                if (DOCUMENTED_DEFECTS.containsKey(name)) {
                    Set<String> unexpected = new HashSet<>(findings);
                    unexpected.removeAll(DOCUMENTED_DEFECTS.get(name));
                    assertThat(unexpected).as("implementation-guide findings not listed in PROVENANCE.md").isEmpty();
                } else if (DOCUMENTED_REASON.containsKey(name)) {
                    assertThat(findings).as("documented reason").anyMatch(f -> f.startsWith(DOCUMENTED_REASON.get(name)));
                    assertThat(result.accepted()).isZero();
                } else if (name.startsWith("lfh__")) {
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    assertThat(text).contains("005010X222A2");
                    assertThat(findings).contains("X12-SET-VERSION@ST");
                    Path copy = out.resolve(name.replace(".837", "-x222a1.837"));
                    Files.writeString(copy, text.replace("005010X222A2", "005010X222A1"), StandardCharsets.ISO_8859_1);
                    FileResult again = relabelled.scrub(copy);
                    Set<String> after = findings(out.resolve("relabelled"), again);
                    if (LFH_KNOWN.containsKey(name)) {
                        assertThat(after).anyMatch(f -> f.startsWith(LFH_KNOWN.get(name)));
                    } else {
                        assertThat(after).as("relabelled TR3 example").isEmpty();
                        assertThat(again.claimsIn()).isPositive();
                    }
                } else {
                    throw new AssertionError("corpus file without an expectation here: " + name);
                }
            }));
        }
        return tests.stream();
    }

    /** The number of claims PROVENANCE.md gives for a file ("N claims" in its note). */
    private static long documentedClaims(Path dir, String name) throws IOException {
        for (String line : Files.readAllLines(dir.resolveSibling("PROVENANCE.md"))) {
            if (line.startsWith("| " + name + " |")) {
                // the notes say "N claims / M lines" (or "N claims / M SV1"); a file with none says "0 claims"
                for (String pattern : List.of("([0-9][0-9,]*) claims? / [0-9][0-9,]* (lines?|SV1)",
                        "([0-9][0-9,]*) claims?\\b")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(line);
                    if (m.find()) {
                        return Long.parseLong(m.group(1).replace(",", ""));
                    }
                }
                if (line.contains("no claims")) {
                    return 0;
                }
            }
        }
        throw new AssertionError("PROVENANCE.md gives no claim count for " + name);
    }

    /** The file's findings as rule@segment, without the consequences (claims rejected with their envelope). */
    private static Set<String> findings(Path outDir, FileResult result) throws IOException {
        String report = result.outputs().stream().filter(o -> o.endsWith(".findings.json")).findFirst().orElseThrow();
        JsonNode json = JSON.readTree(outDir.resolve(report).toFile());
        Set<String> found = new HashSet<>();
        json.get("fileFindings").forEach(f -> found.add(f.get("ruleId").asText()));
        json.get("envelope").forEach(e -> e.get("findings").forEach(f -> found.add(key(f))));
        // implementation-guide findings only: those reported in the 999 (balancing and therapy rules are not)
        json.get("claims").forEach(c -> c.get("findings").forEach(f -> {
            if (f.has("ack")) {
                found.add(key(f));
            }
        }));
        return found;
    }

    private static String key(JsonNode f) {
        return f.get("ruleId").asText() + "@" + (f.has("segment") ? f.get("segment").asText() : "");
    }
}
