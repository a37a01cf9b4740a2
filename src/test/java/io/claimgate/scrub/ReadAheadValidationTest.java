package io.claimgate.scrub;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.x12.EnvelopeOutcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation with the reading on a second thread must find exactly what one thread finds, and keep the same claims,
 * on every sample and every corpus file.
 */
class ReadAheadValidationTest {

    @TestFactory
    Stream<DynamicTest> readAheadValidationFindsTheSame() throws IOException {
        List<Path> files = Samples.claimFilesWithCorpus();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String single = describe(ScrubService.validate(file, ScrubService.sha256(), 1, new ScrubProgress(), Samples.rules()));
            assertThat(describe(ScrubService.validate(file, ScrubService.sha256(), 2, new ScrubProgress(), Samples.rules())))
                    .as("2 threads").isEqualTo(single);
        }));
    }

    private static String describe(ValidationPass verdicts) {
        try (ValidationPass pass = verdicts) {
            return describeOpen(pass);
        }
    }

    private static String describeOpen(ValidationPass pass) {
        StringBuilder sb = new StringBuilder();
        sb.append("claims ").append(pass.claims).append('\n');
        pass.fileFindings.forEach(f -> sb.append("file ").append(key(f)).append('\n'));
        for (EnvelopeOutcome.Interchange i : pass.interchanges) {
            sb.append("ISA ").append(i.header().control()).append(' ').append(i.rejected()).append('\n');
            i.findings().forEach(f -> sb.append("  ").append(key(f)).append('\n'));
            for (EnvelopeOutcome.Group g : i.groups()) {
                sb.append(" GS ").append(g.header().control()).append(' ').append(g.rejected()).append('\n');
                g.findings().forEach(f -> sb.append("  ").append(key(f)).append('\n'));
                for (EnvelopeOutcome.Set s : g.sets()) {
                    sb.append("  ST ").append(s.header().control()).append(' ').append(s.claims()).append(' ')
                            .append(s.rejected()).append('\n');
                    s.findings().forEach(f -> sb.append("   ").append(key(f)).append('\n'));
                }
            }
        }
        Map<Long, List<String>> claims = new TreeMap<>();
        for (var it = pass.claimFindings.entries(); it.hasNext(); ) {
            SpilledFindings.Entry e = it.next();
            claims.put(e.ordinal(), e.findings().stream().map(ReadAheadValidationTest::key).toList());
        }
        claims.forEach((k, v) -> sb.append("claim ").append(k).append(' ').append(v).append('\n'));
        // the claims kept for the routing pass: ordinal, id and segment count, in order
        for (var it = pass.readClaims(); it.hasNext(); ) {
            var c = it.next();
            sb.append("kept ").append(c.ordinal()).append(' ').append(c.id().hashCode()).append(' ')
                    .append(c.segments().size()).append('\n');
        }
        return sb.toString();
    }

    private static String key(Finding f) {
        return f.ruleId() + "@" + f.position();
    }
}
