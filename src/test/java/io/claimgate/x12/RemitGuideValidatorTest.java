package io.claimgate.x12;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.RemittedClaim;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 835 read with claimgate's guide validator against the same read with StAEDI's schema validation: the golden
 * remits and the public 835 corpus (when {@code ../shared} is present) give the same claims, and the same findings
 * (as {@code rule@segment:position[/element]}) wherever StAEDI does not cascade (see {@link GuideValidatorTest}).
 */
class RemitGuideValidatorTest {

    record Verdict(List<String> claims, TreeMap<String, Integer> findings) {
    }

    static Verdict verdict(RemitReader reader, byte[] bytes) throws IOException {
        List<String> claims = new ArrayList<>();
        TreeMap<String, Integer> findings = new TreeMap<>();
        reader.read(new ByteArrayInputStream(bytes), new RemitReader.Handler() {
            @Override
            public void claim(RemittedClaim claim) {
                claims.add(claim.claimId() + "/" + claim.lines().size());
            }

            @Override
            public void finding(Finding f) {
                findings.merge(f.ruleId() + "@" + f.position().segmentId() + ":" + f.position().segmentPosition()
                        + (f.position().element() > 0 ? "/" + f.position().element()
                        + (f.position().component() > 0 ? ":" + f.position().component() : "") : ""), 1, Integer::sum);
            }
        });
        return new Verdict(claims, findings);
    }

    @Test
    void goldenRemitsGetStaedisFindings() throws IOException {
        int compared = 0;
        for (Path file : Samples.files(Samples.EDI_SAMPLES.resolve("835"), ".*\\.835")) {
            byte[] bytes = Files.readAllBytes(file);
            Verdict ours = verdict(RemitReader.validating(), bytes);
            Verdict ref = verdict(RemitReader.withStaediValidation(), bytes);
            assertThat(ours.claims()).as(file.getFileName() + " claims").isEqualTo(ref.claims());
            assertThat(ours.findings()).as(file.getFileName() + " findings").isEqualTo(ref.findings());
            compared++;
        }
        assertThat(compared).isEqualTo(3);
    }

    @Test
    void corpusRemitsGetStaedisClaims() throws IOException {
        Path dir = Samples.corpus("835").orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "../shared/corpus/835 not present");
        int same = 0;
        List<String> differences = new ArrayList<>();
        for (Path file : Samples.files(dir, ".*")) {
            byte[] bytes = Files.readAllBytes(file);
            Verdict ours = verdict(RemitReader.validating(), bytes);
            Verdict ref = verdict(RemitReader.withStaediValidation(), bytes);
            assertThat(ours.claims()).as(file.getFileName() + " claims").isEqualTo(ref.claims());
            if (ours.findings().equals(ref.findings())) {
                same++;
            } else {
                differences.add(file.getFileName() + "\n  ours:   " + ours.findings() + "\n  staedi: " + ref.findings());
            }
        }
        System.out.println("835 corpus: identical findings in " + same + " files; differing:\n"
                + String.join("\n", differences));
        assertThat(same).isPositive();
    }
}
