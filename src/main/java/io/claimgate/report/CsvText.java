package io.claimgate.report;

/**
 * CSV quoting for templates: {@code ${csv.cell(value)}}. Every cell is quoted; a value a spreadsheet would read
 * as a formula ({@code = + - @}, tab, carriage return) gets a leading apostrophe so it stays text. Amounts go out
 * bare through {@code ${csv.number(value)}}.
 */
public final class CsvText {
    public String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** An amount or count as a bare number (a spreadsheet reads it as one); empty when there is none. */
    public String number(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return cell(value); // not a number: quoted text, never a formula
    }
}
