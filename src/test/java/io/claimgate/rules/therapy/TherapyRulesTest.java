package io.claimgate.rules.therapy;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.x12.ClaimReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row per case: the service lines of a claim (SV1 and date, {@code ;} between lines), the rule expected to fire
 * (or {@code -} for none), and, when it fires, the element it points at. Close cases that must not fire sit next
 * to the ones that must. Claims are real X12 read by the reader; the policy is the shipped commercial example
 * (payer SYNCOM01) unless the row says Medicare.
 */
class TherapyRulesTest {

    /** Lines: "SV1 element 1|SV102|SV103|SV104|SV107|date", separated by ';'. */
    static List<Finding> check(String lines, String billingNpi) throws IOException {
        return check(lines, billingNpi, "SYNCOM01", "CI");
    }

    static List<Finding> check(String lines, String billingNpi, String payer, String filing) throws IOException {
        String text = Samples.claimFile(lines, billingNpi, payer, filing);
        List<Claim> claims = new ArrayList<>();
        ClaimReader.unvalidated().read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII)),
                ClaimReader.Handler.claims(claim -> {
                        claims.add(claim);
                    }));
        assertThat(claims).hasSize(1);
        return Samples.rules().check(claims.get(0));
    }

    private static final String GOOD_NPI = "1999000015";

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = ',', textBlock = """
            # units
            HC:97530:GP|120|UN|2|1|20260105,                                   -, -
            HC:97530:GP|120|UN|2|1|20260105;HC:97530:GP|60|UN|1|1|20260106,    -, -
            HC:97530:GP|120|UN|2|1|20260105;HC:97530:GO|60|UN|1|1|20260105,    -, -
            HC:97530:GP|120|UN|0|1|20260105,                                   CPT97530-UNITS-INVALID, SV104
            HC:97530:GP|120|UN|-1|1|20260105,                                  CPT97530-UNITS-INVALID, SV104
            HC:97530:GP|120|UN|1.5|1|20260105,                                 CPT97530-UNITS-INVALID, SV104
            HC:97530:GP|120|UN|2.0|1|20260105,                                 -, -
            HC:97530:GP|120|UN||1|20260105,                                    CPT97530-UNITS-INVALID, SV104
            HC:97110:GP|45|UN|0|1|20260105,                                    -, -
            # timed lines in minutes and units on one date
            HC:97530:GP|120|MJ|30|1|20260105;HC:97110:GP|45|UN|1|1|20260105,   CPT97530-UNITS-MIXED-BASIS, SV103
            HC:97530:GP|120|MJ|30|1|20260105;HC:97110:GP|45|MJ|15|1|20260105,  CPT97530-UNITS-FROM-MINUTES, SV104
            HC:97530:GP|120|UN|2|1|20260105;HC:97110:GP|45|MJ|15|1|20260106,   -, -
            # discipline and assistant modifiers
            HC:97530:GP:GO|120|UN|2|1|20260105,                                CPT97530-DISCIPLINE-CONFLICT, SV101
            HC:97530:GO|120|UN|2|1|20260105,                                   -, -
            HC:97530:GP:CQ|120|UN|2|1|20260105,                                -, -
            HC:97530:GO:CQ|120|UN|2|1|20260105,                                CPT97530-ASSISTANT-MISMATCH, SV101-4
            HC:97530:GP:CO|120|UN|2|1|20260105,                                CPT97530-ASSISTANT-MISMATCH, SV101-4
            HC:97530:GO:CO|120|UN|2|1|20260105,                                -, -
            # modifiers that do not apply to 97530
            HC:97530:GP:26|120|UN|2|1|20260105,                                CPT97530-MODIFIER-INVALID, SV101-4
            HC:97530:GP:76|120|UN|2|1|20260105,                                CPT97530-MODIFIER-INVALID, SV101-4
            HC:97530:GP:KX|120|UN|2|1|20260105,                                -, -
            # NCCI: 97140 (column 1) with 97530 (column 2), indicator 1
            HC:97530:GP|120|UN|2|1|20260105;HC:97140:GP|42.5|UN|1|1|20260105,    CPT97530-NCCI-PTP, SV101-2
            HC:97530:GP:59|120|UN|2|1|20260105;HC:97140:GP|42.5|UN|1|1|20260105, -, -
            HC:97530:GP:XU|120|UN|2|1|20260105;HC:97140:GP|42.5|UN|1|1|20260105, -, -
            HC:97530:GP|120|UN|2|1|20260105;HC:97140:GP:59|42.5|UN|1|1|20260105, CPT97530-NCCI-PTP, SV101-2
            HC:97530:GP|120|UN|2|1|20260105;HC:97140:GP|42.5|UN|1|1|20260106,    -, -
            # group therapy the same day
            HC:97530:GP|120|UN|2|1|20260105;HC:97150:GP|30|UN|1|1|20260105,    CPT97530-GROUP-SAME-DAY, SV101-2
            HC:97530:GP:59|120|UN|2|1|20260105;HC:97150:GP|30|UN|1|1|20260105, -, -
            HC:97530:GP|120|UN|2|1|20260105;HC:97150:GP:XS|30|UN|1|1|20260105, -, -
            # 0770T add-on
            HC:0770T|20|UN|1|1|20260105,                                       CPT97530-ADDON-ORPHAN, SV101-2
            HC:0770T|20|UN|1|1|20260105;HC:97530:GP|120|UN|2|1|20260105,       -, -
            HC:0770T|20|UN|1|1|20260105;HC:97530:GP|120|UN|2|1|20260106,       CPT97530-ADDON-ORPHAN, SV101-2
            # diagnosis pointers (the claim has 2 diagnoses)
            HC:97530:GP|120|UN|2|1:2|20260105,                                 -, -
            HC:97530:GP|120|UN|2|3|20260105,                                   CPT97530-DX-POINTER, SV107-1
            HC:97530:GP|120|UN|2|1:5|20260105,                                 CPT97530-DX-POINTER, SV107-2
            HC:97530:GP|120|UN|2|7:5|20260105,                                 CPT97530-DX-POINTER, SV107-1
            # charge
            HC:97530:GP|0|UN|2|1|20260105,                                     CPT97530-CHARGE, SV102
            HC:97530:GP|0.01|UN|2|1|20260105,                                  -, -
            """)
    void eachRuleFiresOnItsCasesAndOnlyThem(String lines, String rule, String element) throws IOException {
        List<Finding> findings = check(lines, GOOD_NPI);
        if (rule.equals("-")) {
            assertThat(findings).extracting(Finding::ruleId).isEmpty();
        } else {
            assertThat(findings).extracting(Finding::ruleId).containsOnly(rule);
            assertThat(findings.get(0).position().elementReference()).isEqualTo(element);
            assertThat(findings.get(0).position().segmentId()).isEqualTo("SV1");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2} to {3}")
    @CsvSource(delimiter = ',', textBlock = """
            # the claim's rendering provider is a PT (225100000X): GP is added
            HC:97530|120|UN|2|1|20260105,               CPT97530-DISCIPLINE-MISSING, HC:97530, HC:97530:GP
            HC:97530:KX|120|UN|2|1|20260105,            CPT97530-DISCIPLINE-MISSING, HC:97530:KX, HC:97530:KX:GP
            HC:97530:GP:51|120|UN|2|1|20260105,         CPT97530-MODIFIER-INVALID, HC:97530:GP:51, HC:97530:GP
            HC:97530:GP:59:XU|120|UN|2|1|20260105,      CPT97530-DISTINCT-DOUBLE, HC:97530:GP:59:XU, HC:97530:GP:XU
            # minutes to units; the commercial example policy counts per code: 60 minutes -> 4 units
            HC:97530:GP|120|MJ|60|1|20260105,           CPT97530-UNITS-FROM-MINUTES, MJ*60, UN*4
            HC:97530:GP|120|MJ|8|1|20260105,            CPT97530-UNITS-FROM-MINUTES, MJ*8, UN*1
            # two lines of one date and the same modifiers (in any order) are merged
            HC:97530:GP|120|UN|2|1|20260105;HC:97530:GP|60|UN|1|1|20260105, CPT97530-DUPLICATE-LINE, lines 1 and 2, line 1
            HC:97530:GP:KX|120|UN|2|1|20260105;HC:97530:KX:GP|60|UN|1|1|20260105, CPT97530-DUPLICATE-LINE, lines 1 and 2, line 1
            """)
    void correctionsSayWhatChanges(String lines, String rule, String from, String to) throws IOException {
        List<Finding> findings = check(lines, GOOD_NPI);
        assertThat(findings).extracting(Finding::ruleId).containsExactly(rule);
        Finding f = findings.get(0);
        assertThat(f.outcome()).isEqualTo(io.claimgate.finding.Outcome.CORRECTED);
        assertThat(f.rejects()).isFalse();
        assertThat(f.correction().from()).isEqualTo(from);
        assertThat(f.correction().to()).isEqualTo(to);
    }

    @org.junit.jupiter.api.Test
    void aDisciplineThatCannotBeDerivedOrHasNoSlotIsRejected() throws IOException {
        // all four modifier slots taken by modifiers that stay: nothing can be added
        List<Finding> full = check("HC:97530:KX:XU:XS:CQ|120|UN|2|1|20260105", GOOD_NPI);
        assertThat(full).filteredOn(f -> f.ruleId().equals("CPT97530-DISCIPLINE-MISSING"))
                .singleElement().satisfies(f -> assertThat(f.rejects()).isTrue());
        // 51 together with another invalid modifier: the line is rejected, not corrected
        List<Finding> both = check("HC:97530:GP:51:26|120|UN|2|1|20260105", GOOD_NPI);
        assertThat(both).extracting(Finding::ruleId).containsExactly("CPT97530-MODIFIER-INVALID");
        assertThat(both.get(0).rejects()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void removalsFreeTheSlotADerivedDisciplineNeeds() throws IOException {
        // 59 goes (XU is there), so GP fits although four modifiers were sent
        assertThat(check("HC:97530:KX:59:XU:CQ|120|UN|2|1|20260105", GOOD_NPI))
                .filteredOn(f -> f.ruleId().equals("CPT97530-DISCIPLINE-MISSING"))
                .singleElement().satisfies(f -> assertThat(f.rejects()).isFalse());
    }

    @org.junit.jupiter.api.Test
    void twoFaultsOfOneRuleStayTwoFindings() throws IOException {
        assertThat(check("HC:97530:GP|120|UN|2|7:5|20260105", GOOD_NPI)).extracting(f -> f.position().elementReference())
                .containsExactly("SV107-1", "SV107-2");
    }

    @org.junit.jupiter.api.Test
    void minutesOfTheSameDayArePooledUnderTheCmsRuleAndCountedPerCodeOtherwise() throws IOException {
        // 97530 24 minutes and 97110 23 minutes: CMS 47 -> 3 units (2 + 1); per code 2 + 2
        String lines = "HC:97530:GP|120|MJ|24|1|20260105;HC:97110:GP|45|MJ|23|1|20260105";
        assertThat(check(lines, GOOD_NPI)).extracting(f -> f.correction().to()).containsExactly("UN*2", "UN*2");
        assertThat(check(lines, GOOD_NPI, "SYNMCR01", "MB")).extracting(f -> f.correction().to())
                .containsExactly("UN*2", "UN*1");
        // under 8 minutes on its own: no unit, the line is rejected
        assertThat(check("HC:97530:GP|120|MJ|7|1|20260105", GOOD_NPI)).singleElement()
                .satisfies(f -> assertThat(f.rejects()).isTrue());
    }

    @ParameterizedTest(name = "NPI {0} valid={1}")
    @CsvSource({"1234567893, true", "1558598797, true", "1993999998, true", "1999000015, true",
            "1234567890, false", "123456789, false", "3347607384, true", "3347607385, false", "12345678A3, false"})
    void npiCheckDigit(String npi, boolean valid) throws IOException {
        assertThat(Npis.valid(npi)).isEqualTo(valid);
        if (npi.matches("[0-9]{10}")) {
            List<Finding> findings = check("HC:97530:GP|120|UN|2|1|20260105", npi);
            assertThat(findings).extracting(Finding::ruleId)
                    .isEqualTo(valid ? List.of() : List.of("NPI-CHECK-DIGIT"));
        }
    }

    @ParameterizedTest
    @CsvSource({"'${1+1}'", "'#{1+1}'", "'<#assign x=1>'", "'{io.claimgate.rule.NPI-CHECK-DIGIT}'"})
    void messagesNeverCarryInputText(String hostile) throws IOException {
        // the hostile text sits in a modifier of a line whose units are invalid
        List<Finding> findings = check("HC:97530:GP:" + hostile + "|120|UN|0|1|20260105", GOOD_NPI);
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.message()).doesNotContain("1+1").doesNotContain("2").doesNotContain("${")
                    .doesNotContain("#{").doesNotContain("assign").doesNotContain("Luhn");
            assertThat(f.message()).isEqualTo(TherapyRule.UNITS_INVALID.summary());
        });
    }
}
