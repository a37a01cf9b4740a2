package io.claimgate.remit;

import io.claimgate.Samples;
import io.claimgate.cli.Main;
import io.claimgate.gateway.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrub an 837P batch through the gateway (so the ledger holds what was submitted), feed the hand-written 835
 * {@code edi-samples/835/denials-mixed.835}, and check the totals, the predicted-against-actual table and the
 * findings against {@code edi-samples/expected/835/denials-mixed.txt}, computed by hand.
 */
class DenialsEndToEndTest {
    static final Path REMITS = Samples.EDI_SAMPLES.resolve("835");

    @TempDir
    Path dir;

    @Test
    void theHandWrittenRemitAgainstWhatTheGatewaySubmitted() throws Exception {
        String url = io.claimgate.gateway.Submitted.ledgerUrl(dir);
        assertThat(io.claimgate.gateway.Submitted.through(dir, Samples.CLAIMS.resolve("clean-multi-claim.837"),
                Samples.CLAIMS.resolve("therapy-rules.837"))).allSatisfy(o ->
                assertThat(o).isIn(Gateway.Outcome.DONE, Gateway.Outcome.REJECTED));

        Path out = dir.resolve("denials");
        int exit = Main.run("denials", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), "--set", "claimgate.ledger.url=" + url,
                REMITS.resolve("denials-mixed.835").toString());
        assertThat(exit).isEqualTo(0);

        ExpectedDenials.check(Samples.EXPECTED.resolve("835/denials-mixed.txt"), out);

        // the CSV: one row per adjustment, amounts as numbers, the denial the gateway had flagged marked Y
        List<String> csv = Files.readAllLines(out.resolve("denials.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).startsWith("payer,claim_id,");
        // CAS triplets in the remit: 3 (CLEAN-001) + 2 + 1 + 2 (RULE-MUE) + 1 + 2 (reversal) + 2 + 1 = 14
        assertThat(csv).hasSize(1 + 14);
        assertThat(csv).anySatisfy(r -> assertThat(r).contains("\"CG-RULE-MUE\"").contains("\"DENIED\"")
                .contains("\"CPT97530-MUE\",\"Y\",\"REJECTED\""));
        assertThat(csv).anySatisfy(r -> assertThat(r).contains("\"CG-CLEAN-003\"").contains(",2,120,0,\"CO\",\"151\"")
                .contains("\"CPT97530-MUE\",\"N\",\"ACCEPTED\""));
        // the page and the workbook
        String html = Files.readString(out.resolve("denials.html"));
        assertThat(html).contains("<svg").contains("CPT97530-MUE").doesNotContain("<script");
        try (ZipFile xlsx = new ZipFile(out.resolve("denials.xlsx").toFile())) {
            assertThat(xlsx.getEntry("xl/worksheets/sheet1.xml")).isNotNull();
            assertThat(xlsx.getEntry("xl/worksheets/sheet3.xml")).isNotNull();
        }
    }
}
