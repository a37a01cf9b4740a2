package io.claimgate.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set that already holds the 1,000 findings it keeps for its 999 and then passes an input limit: the limit is why
 * the rest of the set was not read, so its finding must still be listed in the report (found by the malformed
 * corpus: a set of 100,000 claims under one subscriber fills the cap with loop 2300 overflows long before the
 * claims-per-set limit).
 */
class LimitPastFindingCapTest {
    @TempDir
    Path dir;

    @Test
    void theLimitFindingIsKeptWhenTheSetsFindingsAreAlreadyCapped() throws IOException {
        // one subscriber, 1,300 claims: claims 101.. each overflow loop 2300 (1,100 findings), the limit is 1,200
        List<String> segments = Samples.segments(MalformedCorpus.SOURCE);
        int firstClaim = indexOf(segments, "CLM*");
        int secondClaim = indexOf(segments, "CLM*CG-CLEAN-002");
        StringBuilder text = new StringBuilder();
        int st = indexOf(segments, "ST*");
        for (int i = 0; i < firstClaim; i++) {
            text.append(segments.get(i)).append("~\n");
        }
        int inSet = firstClaim - st;
        for (int c = 1; c <= 1300; c++) {
            for (String s : segments.subList(firstClaim, secondClaim)) {
                text.append(s.replace("CG-CLEAN-001", String.format("CG-CAP-%04d", c))).append("~\n");
                inSet++;
            }
        }
        text.append("SE*").append(inSet + 1).append("*0001~\nGE*1*101~\nIEA*1*000000101~\n");
        Path input = dir.resolve("capped.837");
        Files.writeString(input, text, StandardCharsets.US_ASCII);
        Path config = Samples.copyConfig(dir.resolve("cfg"));
        Files.writeString(config.resolve("application.properties"), "claimgate.limits.max-claims-per-set=1200\n");

        Path out = dir.resolve("out");
        assertThat(Main.run("scrub", "--out", out.toString(), "--config", config.toString(), "--mappings",
                Samples.MAPPINGS.toString(), input.toString())).isEqualTo(Main.REJECTED);

        JsonNode report = new ObjectMapper().readTree(out.resolve("reports/capped.findings.json").toFile());
        assertThat(report.at("/summary/notRead").asLong()).isEqualTo(100);
        JsonNode set = null;
        for (JsonNode e : report.get("envelope")) {
            if (e.get("level").asText().equals("SET")) {
                set = e;
            }
        }
        assertThat(set).isNotNull();
        assertThat(set.get("findingsNotListed").asInt()).as("the cap was reached").isPositive();
        List<String> rules = new ArrayList<>();
        set.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
        assertThat(rules).contains("X12-LIMIT-CLAIMS-PER-SET");
    }

    private static int indexOf(List<String> segments, String prefix) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + prefix);
    }
}
