package io.claimgate.x12;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments are written as text instead of going through StAEDI's writer: the 837P and 277CA outputs must be byte
 * for byte what StAEDI's writer makes of the same claims — for every golden sample, every corpus file (when
 * {@code ../shared} is present) and values StAEDI's writer refuses (copied in both cases).
 */
class X12OutputTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 15, 9, 30);

    /** The claims of a file, written once by copying and once through StAEDI's writer. */
    private static String[] bothWays(byte[] input) throws IOException {
        List<Claim> claims = new ArrayList<>();
        List<Envelope.Interchange> interchanges = new ArrayList<>();
        List<Envelope.Group> groups = new ArrayList<>();
        List<Envelope.Set> sets = new ArrayList<>();
        Envelope.Interchange[] i = new Envelope.Interchange[1];
        Envelope.Group[] g = new Envelope.Group[1];
        Envelope.Set[] s = new Envelope.Set[1];
        java.util.Map<Long, List<Finding>> rejections = new java.util.HashMap<>();
        ClaimReader.validating().read(new ByteArrayInputStream(input), new ClaimReader.Handler() {
            @Override
            public void interchangeStart(Envelope.Interchange interchange) {
                i[0] = interchange;
            }

            @Override
            public void groupStart(Envelope.Group group) {
                g[0] = group;
            }

            @Override
            public void setStart(Envelope.Set set) {
                s[0] = set;
            }

            @Override
            public void claim(Claim claim) {
                claims.add(claim);
                interchanges.add(i[0]);
                groups.add(g[0]);
                sets.add(s[0]);
            }

            @Override
            public void finding(Finding finding, ClaimReader.Scope scope, long claimOrdinal) {
                if (scope == ClaimReader.Scope.CLAIM && finding.rejects()) {
                    rejections.computeIfAbsent(claimOrdinal, k -> new ArrayList<>()).add(finding);
                }
            }
        });
        String[] out = new String[4];
        for (int way = 0; way < 2; way++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int[] control = {100};
            try (ClaimFileWriter writer = new ClaimFileWriter(bytes, () -> String.format("%09d", control[0]++), NOW,
                    subscriber -> true, way == 1)) {
                for (int c = 0; c < claims.size(); c++) {
                    writer.write(claims.get(c), interchanges.get(c), groups.get(c), sets.get(c));
                }
            }
            out[way] = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        // the 277CA of the same claims, with the rejections the guide found (their STC segments)
        for (int way = 0; way < 2; way++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int[] control = {100};
            ClaimStatusWriter writer = new ClaimStatusWriter(bytes, () -> String.format("%09d", control[0]++), NOW,
                    provider -> java.math.BigDecimal.valueOf(12345, 2), way == 1);
            ClaimStatusWriter.SetTotals totals = new ClaimStatusWriter.SetTotals(2,
                    java.math.BigDecimal.valueOf(30000, 2), 1, java.math.BigDecimal.valueOf(999, 2));
            for (int c = 0; c < claims.size(); c++) {
                writer.claim(claims.get(c), interchanges.get(c), groups.get(c), sets.get(c), totals,
                        rejections.getOrDefault(claims.get(c).ordinal(), List.of()));
            }
            writer.close();
            out[2 + way] = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertThat(claims.isEmpty() || !out[0].isEmpty()).isTrue();
        return out;
    }

    @Test
    void copiedSegmentsAreWhatStaedisWriterWrites() throws IOException {
        int files = 0;
        int withClaims = 0;
        int rejectedStatuses = 0;
        for (Path file : Samples.files(Samples.CLAIMS, ".*\\.837")) {
            String[] out = bothWays(Files.readAllBytes(file));
            assertThat(out[0]).as(file.getFileName().toString()).isEqualTo(out[1]);
            assertThat(out[2]).as(file.getFileName() + " 277CA").isEqualTo(out[3]);
            files++;
            if (out[2].contains("STC*A7")) {
                rejectedStatuses++;
            }
            if (out[0].contains("CLM")) {
                withClaims++;
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(20);
        assertThat(withClaims).isGreaterThanOrEqualTo(15);
        assertThat(rejectedStatuses).as("277CAs with a rejected claim").isGreaterThanOrEqualTo(2);
    }

    @Test
    void corpusFilesComeOutTheSameBothWays() throws IOException {
        Path dir = Samples.corpus("837p").orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "../shared/corpus/837p not present");
        int withClaims = 0;
        for (Path file : Samples.files(dir, ".*")) {
            String[] out = bothWays(Files.readAllBytes(file));
            assertThat(out[0]).as(file.getFileName().toString()).isEqualTo(out[1]);
            assertThat(out[2]).as(file.getFileName() + " 277CA").isEqualTo(out[3]);
            if (out[0].contains("CLM")) {
                withClaims++;
            }
        }
        assertThat(withClaims).isGreaterThanOrEqualTo(10);
    }

    @Test
    void lineBreaksRepetitionsComponentsAndRefusedValuesComeOutTheSame() throws IOException {
        String clean = Files.readString(Samples.CLAIMS.resolve("clean-newlines.837"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        // CRLF between segments, a repeated and composite HI, an empty component, a value over StAEDI's 500
        String edited = clean.replace("\n", "\r\n")
                .replaceFirst("HI\\*([^~]*)~", "HI*$1^ABF:M5450::~")
                .replaceFirst("NTE\\*ADD\\*[^~]*~|(CLM\\*[^~]*~)", "$1NTE*ADD*" + "X".repeat(600) + "~");
        assertThat(edited).contains("^ABF:M5450::~").contains("X".repeat(600)).contains("\r\n");
        String[] out = bothWays(edited.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(out[0]).isEqualTo(out[1]).contains("X".repeat(600)).contains("^ABF:M5450::~");
        assertThat(out[2]).isEqualTo(out[3]).contains("STC*").contains("\n");
    }
}
