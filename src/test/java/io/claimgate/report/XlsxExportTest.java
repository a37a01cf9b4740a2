package io.claimgate.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Sheets from CSV: text stays text, bare numbers become numbers, a sheet that overflows continues on the next. */
class XlsxExportTest {
    @TempDir
    Path dir;

    @Test
    void rowsBeyondASheetsLimitContinueOnNumberedSheetsWithTheHeaderAgain() throws IOException {
        Path file = dir.resolve("x.xlsx");
        try (OutputStream out = Files.newOutputStream(file); XlsxExport x = new XlsxExport(out)) {
            x.sheet("rows", o -> {
                try {
                    o.write("id,amount\n".getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < 25; i++) {
                        o.write(("\"r" + i + "\"," + i + ".5\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 10);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String workbook = new String(zip.getInputStream(zip.getEntry("xl/workbook.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(workbook).contains("name=\"rows\"").contains("name=\"rows-2\"").contains("name=\"rows-3\"")
                    .doesNotContain("rows-4");
            String third = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet3.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            // 26 rows (header + 25) over sheets of 10: 10, header + 9, header + 7
            assertThat(third.split("<row ", -1)).hasSize(1 + 8);
            assertThat(third).contains("<v>24.5</v>");
        }
    }
}
