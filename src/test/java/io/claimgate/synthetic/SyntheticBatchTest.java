package io.claimgate.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import io.claimgate.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's files are what it says: deterministic from the seed, a valid 837P whose only findings are the
 * defects it planted (each caught by its rule), and a balanced 835 whose denials the analysis ties back to those
 * rules through the ledger.
 */
class SyntheticBatchTest {
    @TempDir
    Path dir;

    private static final SyntheticBatch.Spec SPEC = new SyntheticBatch.Spec(400, 3, 0.5, 0.2, 11, 150);

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws IOException {
        assertThat(bytes(SPEC)).isEqualTo(bytes(SPEC));
        assertThat(bytes(new SyntheticBatch.Spec(400, 3, 0.5, 0.2, 12, 150))).isNotEqualTo(bytes(SPEC));
    }

    private static byte[] bytes(SyntheticBatch.Spec spec) throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        SyntheticBatch b = new SyntheticBatch(spec);
        b.write837(a);
        b.write835(a);
        return a.toByteArray();
    }

    @Test
    void everyPlantedDefectIsCaughtByItsRuleAndTheRemitTiesEachDenialBack() throws Exception {
        SyntheticBatch batch = new SyntheticBatch(SPEC);
        Path claims = dir.resolve("batch.837");
        Path remit = dir.resolve("batch.835");
        SyntheticBatch.Counts planted;
        try (var out = Files.newOutputStream(claims)) {
            planted = batch.write837(out);
        }
        try (var out = Files.newOutputStream(remit)) {
            batch.write835(out);
        }
        assertThat(planted.defects()).hasSize(4).allSatisfy((d, n) -> assertThat(n).isPositive());

        // through the gateway, so the ledger holds the submission
        String url = io.claimgate.gateway.Submitted.ledgerUrl(dir);
        io.claimgate.gateway.Submitted.through(dir, claims);
        Map<String, Long> hits = new HashMap<>();
        try (Ledger ledger = Ledger.open(new io.claimgate.ledger.LedgerSettings(url, "sa", "", "reader", 2))) {
            ledger.claimsOf(ledger.files().get(0).id()).forEach(c -> c.ruleIds().forEach(r -> hits.merge(r, 1L,
                    Long::sum)));
        }
        // the only findings are the planted defects, one claim each
        assertThat(hits).containsOnlyKeys("CPT97530-DISCIPLINE-MISSING", "CPT97530-MUE", "CPT97530-NCCI-PTP",
                "NPI-CHECK-DIGIT");
        assertThat(hits.get("CPT97530-DISCIPLINE-MISSING"))
                .isEqualTo(planted.defects().get(SyntheticBatch.Defect.DISCIPLINE_MISSING));
        assertThat(hits.get("CPT97530-MUE")).isEqualTo(planted.defects().get(SyntheticBatch.Defect.UNITS_OVER_LIMIT));
        assertThat(hits.get("CPT97530-NCCI-PTP")).isEqualTo(planted.defects().get(SyntheticBatch.Defect.NCCI_PAIR));
        assertThat(hits.get("NPI-CHECK-DIGIT")).isEqualTo(planted.defects().get(SyntheticBatch.Defect.NPI_CHECK_DIGIT));

        Path out = dir.resolve("denials");
        assertThat(Main.run("denials", "--out", out.toString(), "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(), "--set", "claimgate.ledger.url=" + url,
                remit.toString())).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("denials-summary.json").toFile());
        assertThat(s.get("findings")).isEmpty(); // balanced, every claim and line matched, every code known
        Map<String, Long> flagged = new HashMap<>();
        for (JsonNode r : s.get("predictedVsActual")) {
            flagged.put(r.get("rule").asText(), r.get("flaggedAndDenied").asLong());
            assertThat(r.get("missed").asLong()).as(r.toString()).isZero();
        }
        // one denied line per defect, all lines of a claim with a bad NPI
        assertThat(flagged.get("CPT97530-DISCIPLINE-MISSING"))
                .isEqualTo(planted.defects().get(SyntheticBatch.Defect.DISCIPLINE_MISSING));
        assertThat(flagged.get("CPT97530-MUE")).isEqualTo(planted.defects().get(SyntheticBatch.Defect.UNITS_OVER_LIMIT));
        assertThat(flagged.get("CPT97530-NCCI-PTP")).isEqualTo(planted.defects().get(SyntheticBatch.Defect.NCCI_PAIR));
        assertThat(flagged.get("NPI-CHECK-DIGIT"))
                .isEqualTo(3 * planted.defects().get(SyntheticBatch.Defect.NPI_CHECK_DIGIT));
    }
}
