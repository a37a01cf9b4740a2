package io.claimgate.report;

import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.io.sink.WriterSink;
import org.smooks.io.source.JavaSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Renders findings as CSV through a Smooks configuration ({@code findings-csv.xml}) and its FreeMarker template in
 * the mappings folder, so users can reshape the export without recompiling. The template receives
 * {@code findings}: the file's {@link FindingRow}s, to be listed once, and {@code csv}: a helper that quotes a value
 * and makes spreadsheet formulas inert.
 */
public final class FindingsCsvExport implements AutoCloseable {
    public static final String CONFIG = "findings-csv.xml";

    private final Smooks smooks;

    public FindingsCsvExport(Path mappingsDir) {
        Path config = mappingsDir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("Smooks mapping not found: " + config);
        }
        try {
            String xml = resolveTemplates(Files.readString(config, StandardCharsets.UTF_8), mappingsDir);
            this.smooks = new Smooks(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | org.xml.sax.SAXException e) {
            throw new IllegalArgumentException("Smooks mapping " + config + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static final java.util.regex.Pattern TEMPLATE =
            java.util.regex.Pattern.compile("(<ftl:template>)\\s*([^<]+?\\.ftl)\\s*(</ftl:template>)");

    /**
     * Template file names in a mapping are relative to the mappings folder (Smooks would resolve them against the
     * working directory, so the folder is set as the template's base); a name that leads outside it is refused.
     */
    static String resolveTemplates(String xml, Path mappingsDir) {
        Path base = mappingsDir.toAbsolutePath().normalize();
        java.util.regex.Matcher m = TEMPLATE.matcher(xml);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Path template = base.resolve(m.group(2).trim()).normalize();
            if (!template.startsWith(base)) {
                throw new IllegalArgumentException("template outside the mappings folder: " + m.group(2).trim());
            }
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(
                    "<ftl:template baseDir=\"" + xmlAttribute(base.toString()) + "\">" + m.group(2).trim()
                            + m.group(3)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String xmlAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    /** Renders the rows into {@code out} (UTF-8), streaming: the CSV is never held whole in memory. */
    public void write(FindingRows rows, OutputStream out) {
        ExecutionContext context = smooks.createExecutionContext();
        java.util.Iterator<FindingRow> iterator = rows.iterator();
        JavaSource source = new JavaSource("findings", iterator);
        source.setBeans(new java.util.HashMap<>(Map.of("findings", iterator, "csv", new CsvText())));
        source.setEventStreamRequired(false);
        // Smooks closes the sink's writer when it is done; the caller's stream must stay open
        OutputStream shield = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        java.io.Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(shield, StandardCharsets.UTF_8));
        smooks.filterSource(context, source, new WriterSink<>(writer)); // flushes and closes the writer
    }

    @Override
    public void close() {
        smooks.close();
    }
}
