package io.claimgate.report;

import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.io.sink.WriterSink;
import org.smooks.io.source.JavaSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders beans through one Smooks configuration of the mappings folder and its FreeMarker template, so users
 * reshape an export (columns, layout) without recompiling. Template names are relative to the mappings folder and
 * may not lead outside it. Streams into the caller's output, which stays open; a failure to write to it is thrown
 * as an {@link java.io.UncheckedIOException}.
 */
public final class MappingRenderer implements AutoCloseable {
    private final Smooks smooks;

    public MappingRenderer(Path mappingsDir, String config) {
        Path file = mappingsDir.resolve(config);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Smooks mapping not found: " + file);
        }
        try {
            String xml = FindingsCsvExport.resolveTemplates(Files.readString(file, StandardCharsets.UTF_8),
                    mappingsDir);
            this.smooks = new Smooks(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | org.xml.sax.SAXException e) {
            throw new IllegalArgumentException("Smooks mapping " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Renders with these beans (plus {@code csv}, {@code json} and {@code html} text helpers) into {@code out}. */
    public void render(String rootName, Object root, Map<String, Object> beans, OutputStream out) {
        ExecutionContext context = smooks.createExecutionContext();
        JavaSource source = new JavaSource(rootName, root);
        Map<String, Object> all = new HashMap<>(beans);
        all.put("csv", new CsvText());
        all.put("text", new MarkupText());
        source.setBeans(all);
        source.setEventStreamRequired(false);
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
        java.io.Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(shield,
                StandardCharsets.UTF_8));
        try {
            smooks.filterSource(context, source, new WriterSink<>(writer));
        } catch (java.io.UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // Smooks wraps a failure to write (a full disk) in its own exception: it is still an I/O failure, not
            // a problem of the data, so callers can tell it apart (the gateway tries the file again later)
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        smooks.close();
    }
}
