package io.claimgate.report;


import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders findings as CSV through a Smooks configuration ({@code findings-csv.xml}) and its FreeMarker template in
 * the mappings folder, so users can reshape the export without recompiling. The template receives
 * {@code findings}: the file's {@link FindingRow}s, to be listed once, and {@code csv}: a helper that quotes a value
 * and makes spreadsheet formulas inert.
 */
public final class FindingsCsvExport implements AutoCloseable {
    public static final String CONFIG = "findings-csv.xml";

    private final MappingRenderer renderer;

    public FindingsCsvExport(Path mappingsDir) {
        this.renderer = new MappingRenderer(mappingsDir, CONFIG);
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
        java.util.Iterator<FindingRow> iterator = rows.iterator();
        renderer.render("findings", iterator, Map.of("findings", iterator), out);
    }

    @Override
    public void close() {
        renderer.close();
    }
}
