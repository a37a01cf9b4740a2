package io.claimgate.report;

/**
 * CSV quoting for templates: {@code ${csv.cell(value)}}. Every cell is quoted; a value a spreadsheet would read
 * as a formula ({@code = + - @}, tab, carriage return) gets a leading apostrophe so it stays text.
 */
public final class CsvText {
    public String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
