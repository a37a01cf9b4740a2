package io.claimgate.report;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A streaming XLSX workbook whose sheets are made from CSV rendered by the mappings' templates: a quoted cell
 * becomes text (formula-like text keeps the apostrophe {@link CsvText} gave it), a bare cell a number. So the
 * columns of a sheet are the columns of its template.
 */
public final class XlsxExport implements AutoCloseable {
    private final Workbook workbook;

    public XlsxExport(OutputStream out) {
        this.workbook = new Workbook(out, "claimgate", "1.0");
    }

    /** Rows a worksheet can hold (the XLSX format's limit). */
    static final int MAX_ROWS = 1_048_576;

    /**
     * Adds a sheet from the CSV that {@code render} writes, parsed as it streams in. Rows beyond the format's
     * limit continue on sheets {@code name-2}, {@code name-3} ..., each starting with the header row again.
     */
    public void sheet(String name, Consumer<OutputStream> render) throws IOException {
        sheet(name, render, MAX_ROWS);
    }

    void sheet(String name, Consumer<OutputStream> render, int maxRows) throws IOException {
        SheetStream stream = new SheetStream(workbook, name, maxRows);
        render.accept(stream);
        stream.close();
        stream.finish();
    }

    @Override
    public void close() throws IOException {
        workbook.finish();
    }

    /** Parses CSV bytes line by line into cells (quoted fields may span lines). */
    private static final class SheetStream extends OutputStream {
        private final Workbook workbook;
        private final String name;
        private final int maxRows;
        private Worksheet ws;
        private int sheets = 1;
        private List<Object> header;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean quoted;
        private int row;

        SheetStream(Workbook workbook, String name, int maxRows) {
            this.workbook = workbook;
            this.name = name;
            this.maxRows = maxRows;
            this.ws = workbook.newWorksheet(name);
        }

        void finish() throws IOException {
            ws.finish();
        }

        private void put(List<Object> cells) {
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v instanceof BigDecimal d) {
                    ws.value(row, c, d);
                } else if (v != null) {
                    ws.inlineString(row, c, (String) v); // inline: a shared-strings table would grow with the rows
                }
            }
            row++;
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '"') {
                quoted = !quoted;
            }
            if (b == '\n' && !quoted) {
                flushLine();
            } else {
                line.write(b);
            }
        }

        private void flushLine() throws IOException {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                return;
            }
            List<Object> cells = parse(text);
            if (header == null) {
                header = cells;
            } else if (row >= maxRows) {
                ws.finish();
                ws = workbook.newWorksheet(name + "-" + (++sheets));
                row = 0;
                put(header);
            }
            put(cells);
            if (row % 1000 == 0) {
                ws.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flushLine();
        }

        static List<Object> parse(String line) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            while (i <= line.length()) {
                if (i < line.length() && line.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (i < line.length()) {
                        char c = line.charAt(i);
                        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                        } else if (c == '"') {
                            i++;
                            break;
                        } else {
                            sb.append(c);
                            i++;
                        }
                    }
                    out.add(sb.toString());
                    i++; // the comma
                } else {
                    int comma = line.indexOf(',', i);
                    String bare = line.substring(i, comma < 0 ? line.length() : comma).trim();
                    Object value = null;
                    if (!bare.isEmpty()) {
                        try {
                            value = new BigDecimal(bare);
                        } catch (NumberFormatException e) {
                            value = bare; // a header cell
                        }
                    }
                    out.add(value);
                    i = comma < 0 ? line.length() + 1 : comma + 1;
                }
            }
            return out;
        }
    }
}
