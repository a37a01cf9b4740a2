package io.claimgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small reader for the reference tables: comma- or tab-separated, double quotes around fields, {@code #} comment
 * lines (which carry the table's {@code as-of:} date and {@code source:}). The header row is the first row whose
 * fields include all the required column names; rows before it (CMS files open with a copyright notice) are skipped.
 */
final class Csv {
    final Path file;
    final Map<String, String> meta = new HashMap<>();
    final List<String> header;
    final List<List<String>> rows = new ArrayList<>();

    private Csv(Path file, List<String> header) {
        this.file = file;
        this.header = header;
    }

    static Csv read(Path file, String... requiredColumns) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("reference table missing: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("reference table unreadable: " + file + " (" + e.getMessage() + ")", e);
        }
        Csv csv = null;
        Map<String, String> meta = new HashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                int colon = trimmed.indexOf(':');
                if (colon > 0) {
                    meta.put(trimmed.substring(1, colon).strip().toLowerCase(Locale.ROOT),
                            trimmed.substring(colon + 1).strip());
                }
                continue;
            }
            List<String> fields = split(trimmed);
            if (csv == null) {
                if (containsAll(fields, requiredColumns)) {
                    csv = new Csv(file, fields.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList());
                }
                continue;
            }
            csv.rows.add(fields);
        }
        if (csv == null) {
            throw new ConfigException("reference table " + file + " has no header row with the columns "
                    + String.join(", ", requiredColumns));
        }
        csv.meta.putAll(meta);
        return csv;
    }

    private static boolean containsAll(List<String> fields, String[] required) {
        List<String> lower = fields.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        for (String r : required) {
            if (lower.stream().noneMatch(f -> f.startsWith(r.toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first column whose name starts with {@code prefix}. */
    int column(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(p)) {
                return i;
            }
        }
        throw new ConfigException("reference table " + file + " has no column " + prefix);
    }

    static String field(List<String> row, int index) {
        return index < row.size() ? row.get(index).strip() : "";
    }

    static List<String> split(String line) {
        char sep = line.chars().filter(c -> c == '\t').count() > line.chars().filter(c -> c == ',').count()
                ? '\t' : ',';
        List<String> out = new ArrayList<>();
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
            } else if (c == sep) {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
