package io.claimgate.x12;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.model.RemittedClaim;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data element longer than StAEDI's tokenizer holds stops the reading of its interchange: both readers say so in
 * the finding (not only "cannot be read") and keep what they read before it.
 */
class UnreadableTest {
    private static final String LONG = "X".repeat(Unreadable.TOKENIZER_MAX_ELEMENT + 904);

    @Test
    void aClaimFileWithAnElementOverTheTokenizersLimit() throws IOException {
        String clean = Files.readString(Samples.CLAIMS.resolve("clean-multi-claim.837"));
        int lastSubscriber = clean.lastIndexOf("NM1*IL*1*");
        int claimsBefore = count(clean.substring(0, lastSubscriber), "CLM*");
        String damaged = clean.substring(0, lastSubscriber + 9) + LONG + clean.substring(lastSubscriber + 9);
        List<String> ids = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ClaimReader.validating().read(bytes(damaged), new ClaimReader.Handler() {
            @Override
            public void claim(Claim claim) {
                ids.add(claim.id());
            }

            @Override
            public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
                findings.add(finding);
            }
        });
        assertThat(claimsBefore).isPositive();
        assertThat(ids).hasSize(claimsBefore);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("X12-INTERCHANGE-UNREADABLE")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("longer than 4,096 characters");
                    assertThat(f.position().segmentId()).isEqualTo("NM1");
                });
    }

    @Test
    void aRemitWithAnElementOverTheTokenizersLimit() throws IOException {
        String remit = Files.readString(Samples.EDI_SAMPLES.resolve("835").resolve("denials-mixed.835"));
        int nm1 = remit.indexOf("NM1*QC*1*", remit.lastIndexOf("CLP*"));
        // the last claim's CLP was read before the long element: it is kept with what was read of it
        int claimsBefore = count(remit.substring(0, nm1), "CLP*");
        String damaged = remit.substring(0, nm1 + 9) + LONG + remit.substring(nm1 + 9);
        List<RemittedClaim> claims = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        RemitReader.validating().read(bytes(damaged), new RemitReader.Handler() {
            @Override
            public void claim(RemittedClaim claim) {
                claims.add(claim);
            }

            @Override
            public void finding(Finding finding) {
                findings.add(finding);
            }
        });
        assertThat(claimsBefore).isPositive();
        assertThat(claims).hasSize(claimsBefore);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("X12-INTERCHANGE-UNREADABLE")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("longer than 4,096 characters"));
    }

    @Test
    void otherFailuresKeepTheRulesOwnMessage() {
        assertThat(Unreadable.reason(new io.xlate.edi.stream.EDIStreamException("unexpected character"))).isNull();
        assertThat(Unreadable.finding(new IllegalStateException(), io.claimgate.finding.X12Position.FILE).message())
                .isEqualTo(X12Rule.INTERCHANGE_UNREADABLE.summary());
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
