package io.claimgate.report;

import io.claimgate.Samples;
import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.x12.X12Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindingsCsvExportTest {

    private static ReportFinding finding(String claimId, int position) {
        X12Position p = new X12Position("000000101", "101", "0001", "SV1", position, "2400", 3, 0, 0, "355");
        return new ReportFinding("in.837", "CLAIM", claimId, "REJECTED", Finding.of(X12Rule.ELEMENT_INVALID_CODE, p));
    }

    private static List<String> csv(FindingRows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Samples.csvExport().write(rows, out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneRowPerFindingUnderAHeader() {
        try (FindingRows rows = new FindingRows()) {
            rows.add(finding("CG-1", 27));
            rows.add(finding("CG-2", 40));
            List<String> lines = csv(rows);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("file,level,isa13,gs06,st02,claim_id");
            assertThat(lines.get(1)).isEqualTo("\"in.837\",\"CLAIM\",\"000000101\",\"101\",\"0001\",\"CG-1\","
                    + "\"REJECTED\",\"X12-ELEMENT-INVALID-CODE\",\"ERROR\",\"REJECTED\",\"SV1\",\"27\",\"2400\","
                    + "\"SV103\",\"IK403=7\",\"invalid code value\",\"\",\"\"");
        }
    }

    @Test
    void spreadsheetFormulasStayText() {
        CsvText csv = new CsvText();
        assertThat(csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(csv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(csv.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(csv.cell("plain")).isEqualTo("\"plain\"");
        assertThat(csv.cell(null)).isEqualTo("\"\"");
    }

    @Test
    void manyRowsSpillToDiskAndComeBackInOrder() {
        int n = SpilledRows.IN_MEMORY * 2 + 17;
        try (FindingRows rows = new FindingRows()) {
            for (int i = 0; i < n; i++) {
                rows.add(finding("CG-" + i + "\tTAB\\", i + 1));
            }
            List<String> positions = new ArrayList<>();
            rows.forEach(r -> positions.add(r.getClaimId() + "/" + r.getPosition()));
            assertThat(positions).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(positions.get(i)).isEqualTo("CG-" + i + "\tTAB\\/" + (i + 1));
            }
            assertThat(csv(rows)).hasSize(n + 1);
        }
    }

    @Test
    void templatesOutsideTheMappingsFolderAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(FindingsCsvExport.CONFIG), Files.readString(
                Samples.MAPPINGS.resolve(FindingsCsvExport.CONFIG)).replace("findings-csv.ftl", "../secret.ftl"));
        assertThatThrownBy(() -> new FindingsCsvExport(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the mappings folder");
    }
}
