package io.claimgate.scrub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.config.Configuration;
import io.claimgate.rules.therapy.TherapyRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The 97530 daily limit across the claims and files of one batch, and the policy that caps instead of rejecting. */
class PatientDayTest {
    private static final Path SAMPLE = Samples.CLAIMS.resolve("mue-split-across-claims.837");

    @TempDir
    Path dir;

    private Map<String, String> statuses(Path outDir, String name) throws IOException {
        JsonNode report = new ObjectMapper().readTree(outDir.resolve("reports/" + name + ".findings.json").toFile());
        Map<String, String> status = new HashMap<>();
        report.get("claims").forEach(c -> status.put(c.get("id").asText(), c.get("status").asText()));
        return status;
    }

    @Test
    void unitsAcceptedEarlierInTheBatchCountAgainstTheLimit() throws IOException {
        Path copy = dir.resolve("again.837");
        Files.copy(SAMPLE, copy);
        ScrubService batch = new ScrubService(dir.resolve("batch"), Samples.csvExport(), Samples.rules());
        batch.scrub(SAMPLE);
        FileResult second = batch.scrub(copy);
        // 2026-12-21: 4 units already accepted, so 4 more are over 6; 2026-12-22: 3 accepted + 3 = 6 is within it
        assertThat(statuses(dir.resolve("batch"), "again")).containsEntry("CG-MUE-001", "REJECTED")
                .containsEntry("CG-MUE-002", "REJECTED").containsEntry("CG-MUE-003", "ACCEPTED");
        assertThat(second.rejected()).isEqualTo(2);

        FileResult alone = new ScrubService(dir.resolve("alone"), Samples.csvExport(), Samples.rules()).scrub(copy);
        assertThat(alone.rejected()).isEqualTo(1);
    }

    @Test
    void aFileThatFailsLeavesNothingCountedInTheBatch() throws IOException {
        Path out = dir.resolve("retry");
        Files.createDirectories(out);
        Files.writeString(out.resolve("accepted"), "a file where the accepted folder should be");
        ScrubService batch = new ScrubService(out, Samples.csvExport(), Samples.rules());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batch.scrub(SAMPLE)).isInstanceOf(IOException.class);
        Files.delete(out.resolve("accepted"));
        batch.scrub(SAMPLE);
        // as if the failed attempt had never been: only CG-MUE-002 passes the limit
        assertThat(statuses(out, "mue-split-across-claims")).containsEntry("CG-MUE-001", "ACCEPTED")
                .containsEntry("CG-MUE-002", "REJECTED").containsEntry("CG-MUE-003", "ACCEPTED");
    }

    @Test
    void theKxThresholdCountsImportedYearToDateAndEarlierClaims() throws IOException {
        Path config = Samples.copyConfig(dir);
        // WHISKEY (SYN1000021, Medicare) has 2,300.00 of PT/SLP therapy in 2026 already; 2026 threshold 2,480.00;
        // the Medicare policy values a 97530 unit at 35.07
        Files.writeString(config.resolve("ytd/ytd-2026.csv"), "member_id,year,bucket,amount\nSYN1000021,2026,PT_SLP,2300.00\n");
        String text = Files.readString(SAMPLE);
        Path withKx = dir.resolve("with-kx.837");
        // KX on CG-MUE-001 (still under: a warning) and on CG-MUE-003 (over: needed)
        Files.writeString(withKx, text.replace("SV1*HC:97530:GP*240", "SV1*HC:97530:GP:KX*240")
                .replace("SV1*HC:97530:GP*180*UN*3***1:2~\nDTP*472*D8*20261222", "SV1*HC:97530:GP:KX*180*UN*3***1:2~\nDTP*472*D8*20261222"));
        try (TherapyRules rules = new TherapyRules(Configuration.load(config))) {
            // without KX: CG-MUE-001 takes the year to 2,440.28; CG-MUE-002 is over the daily limit; CG-MUE-003
            // would take it to 2,545.49 without KX
            new ScrubService(dir.resolve("kx"), Samples.csvExport(), rules).scrub(SAMPLE);
            assertThat(statuses(dir.resolve("kx"), "mue-split-across-claims")).containsEntry("CG-MUE-001", "ACCEPTED")
                    .containsEntry("CG-MUE-002", "REJECTED").containsEntry("CG-MUE-003", "REJECTED");
            assertThat(ruleIds(dir.resolve("kx"), "mue-split-across-claims", "CG-MUE-003"))
                    .containsExactly("CPT97530-KX-THRESHOLD");

            new ScrubService(dir.resolve("kx2"), Samples.csvExport(), rules).scrub(withKx);
            assertThat(statuses(dir.resolve("kx2"), "with-kx")).containsEntry("CG-MUE-001", "ACCEPTED")
                    .containsEntry("CG-MUE-003", "ACCEPTED");
            assertThat(ruleIds(dir.resolve("kx2"), "with-kx", "CG-MUE-001")).containsExactly("CPT97530-KX-UNSUPPORTED");
            assertThat(ruleIds(dir.resolve("kx2"), "with-kx", "CG-MUE-003")).isEmpty();
        }
    }

    private List<String> ruleIds(Path outDir, String name, String claimId) throws IOException {
        JsonNode report = new ObjectMapper().readTree(outDir.resolve("reports/" + name + ".findings.json").toFile());
        List<String> ids = new java.util.ArrayList<>();
        report.get("claims").forEach(c -> {
            if (c.get("id").asText().equals(claimId)) {
                c.get("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
            }
        });
        return ids;
    }

    @Test
    void aPolicyThatCapsLowersTheCrossingLineInstead() throws IOException {
        Path config = Samples.copyConfig(dir);
        Path medicare = config.resolve("payers/medicare.yaml");
        Files.writeString(medicare, Files.readString(medicare).replace("overCap: REJECT", "overCap: CAP"));
        try (TherapyRules rules = new TherapyRules(Configuration.load(config))) {
            FileResult r = new ScrubService(dir.resolve("cap"), Samples.csvExport(), rules).scrub(SAMPLE);
            assertThat(r.rejected()).isZero();
            assertThat(r.corrected()).isEqualTo(1);
        }
        assertThat(statuses(dir.resolve("cap"), "mue-split-across-claims"))
                .containsEntry("CG-MUE-002", "CORRECTED");
        // CG-MUE-002's line goes from 3 units to 2; CG-MUE-003 (another day) keeps its 3
        assertThat(Samples.segments(dir.resolve("cap/accepted/mue-split-across-claims.837")))
                .containsSubsequence("SV1*HC:97530:GP*240*UN*4***1:2", "SV1*HC:97530:GP*180*UN*2***1:2",
                        "SV1*HC:97530:GP*180*UN*3***1:2")
                .filteredOn(seg -> seg.startsWith("SV1")).hasSize(3);
    }
}
