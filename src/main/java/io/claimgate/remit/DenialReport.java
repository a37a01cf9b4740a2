package io.claimgate.remit;

import io.claimgate.report.DenialRow;
import io.claimgate.report.MappingRenderer;
import io.claimgate.report.SpilledRows;
import io.claimgate.report.XlsxExport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the denial outputs into a folder, each through its Smooks mapping: {@code denials.csv},
 * {@code denials-summary.json}, {@code denials.html} and {@code denials.xlsx} (sheets denials, rollups,
 * predicted-vs-actual, rendered by CSV templates). Each file appears whole (temporary name, then rename).
 */
public final class DenialReport implements AutoCloseable {
    public static final List<String> OUTPUTS = List.of("denials.csv", "denials-summary.json", "denials.html",
            "denials.xlsx");
    private final MappingRenderer csv;
    private final MappingRenderer summary;
    private final MappingRenderer html;
    private final MappingRenderer rollups;
    private final MappingRenderer predictions;

    public DenialReport(Path mappingsDir) {
        this.csv = new MappingRenderer(mappingsDir, "denials-csv.xml");
        this.summary = new MappingRenderer(mappingsDir, "denials-summary.xml");
        this.html = new MappingRenderer(mappingsDir, "denials-html.xml");
        this.rollups = new MappingRenderer(mappingsDir, "denials-rollups-csv.xml");
        this.predictions = new MappingRenderer(mappingsDir, "denials-predictions-csv.xml");
    }

    /** Writes the four outputs; returns their paths. */
    public List<Path> write(Path outDir, SpilledRows<DenialRow> rows, DenialSummary s) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        written.add(atomically(outDir.resolve("denials.csv"), out -> csv.render("rows", rows,
                Map.of("rows", rows.iterator()), out)));
        written.add(atomically(outDir.resolve("denials-summary.json"), out -> summary.render("summary", s,
                Map.of("s", s), out)));
        written.add(atomically(outDir.resolve("denials.html"), out -> html.render("summary", s, Map.of("s", s),
                out)));
        written.add(atomically(outDir.resolve("denials.xlsx"), out -> {
            try (XlsxExport xlsx = new XlsxExport(out)) {
                xlsx.sheet("denials", o -> csv.render("rows", rows, Map.of("rows", rows.iterator()), o));
                xlsx.sheet("rollups", o -> rollups.render("summary", s, Map.of("s", s), o));
                xlsx.sheet("predicted-vs-actual", o -> predictions.render("summary", s, Map.of("s", s), o));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return written;
    }

    private static Path atomically(Path target, java.util.function.Consumer<OutputStream> write)
            throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            write.accept(out);
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    @Override
    public void close() {
        csv.close();
        summary.close();
        html.close();
        rollups.close();
        predictions.close();
    }
}
