package io.claimgate.remit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the outputs of {@code claimgate denials} against a hand-written expectation file of
 * {@code edi-samples/expected/835/}: lines {@code TOTAL VALUE}, {@code unknown KIND CODE COUNT},
 * {@code prediction RULE flagged N missed N paid N}, {@code finding RULE COUNT} and
 * {@code rule CLAIM-ID KIND GROUP-CARC AMOUNT RULE|-} (one CSV row with these values must exist).
 */
final class ExpectedDenials {
    private ExpectedDenials() {
    }

    static void check(Path expected, Path out) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("denials-summary.json").toFile());
        JsonNode totals = summary.get("totals");
        List<List<String>> csv = csv(out.resolve("denials.csv"));
        List<String> header = csv.get(0);
        for (String line : Files.readAllLines(expected)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "ledger" -> { }
                case "unknown" -> assertThat(summary.get("unknownCodes")).as(line).anySatisfy(u -> {
                    assertThat(u.get("code").asText()).isEqualTo(w[1] + " " + w[2]);
                    assertThat(u.get("count").asLong()).isEqualTo(Long.parseLong(w[3]));
                });
                case "prediction" -> {
                    JsonNode row = null;
                    for (JsonNode r : summary.get("predictedVsActual")) {
                        if (r.get("rule").asText().equals(w[1])) {
                            row = r;
                        }
                    }
                    assertThat(row).as(line).isNotNull();
                    assertThat(row.get("flaggedAndDenied").asLong()).as(line).isEqualTo(Long.parseLong(w[3]));
                    assertThat(row.get("missed").asLong()).as(line).isEqualTo(Long.parseLong(w[5]));
                    assertThat(row.get("flaggedButPaid").asLong()).as(line).isEqualTo(Long.parseLong(w[7]));
                }
                case "finding" -> {
                    long n = 0;
                    for (JsonNode f : summary.get("findings")) {
                        if (f.get("rule").asText().equals(w[1])) {
                            n++;
                        }
                    }
                    assertThat(n).as(line).isEqualTo(Long.parseLong(w[2]));
                }
                case "rule" -> {
                    String[] gc = w[3].split("-", 2);
                    String rule = w[5].equals("-") ? "" : w[5];
                    assertThat(csv.subList(1, csv.size())).as(line).anySatisfy(r -> {
                        assertThat(r.get(header.indexOf("claim_id"))).isEqualTo(w[1]);
                        assertThat(r.get(header.indexOf("kind"))).isEqualTo(w[2]);
                        assertThat(r.get(header.indexOf("group"))).isEqualTo(gc[0]);
                        assertThat(r.get(header.indexOf("carc"))).isEqualTo(gc[1]);
                        assertThat(new BigDecimal(r.get(header.indexOf("amount")))).isEqualByComparingTo(w[4]);
                        assertThat(r.get(header.indexOf("gateway_rule"))).isEqualTo(rule);
                    });
                }
                default -> assertThat(new BigDecimal(totals.get(w[0]).asText())).as(line)
                        .isEqualByComparingTo(w[1]);
            }
        }
    }

    /** A small CSV reader: quoted fields with doubled quotes, bare fields as they are. */
    static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> row = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        sb.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(sb.toString());
                    sb.setLength(0);
                } else {
                    sb.append(c);
                }
            }
            row.add(sb.toString());
            rows.add(row);
        }
        return rows;
    }
}
