package io.claimgate.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Rows for an export, in order: the first ones in memory, the rest spilled to a temporary file (one line of
 * escaped, tab-separated text fields each), so a large report does not fill the heap. Iterable any number of times;
 * {@link #close()} deletes the spill.
 *
 * @param <T> the row type, turned into text fields and back by the two functions
 */
public final class SpilledRows<T> implements AutoCloseable, Iterable<T> {
    static final int IN_MEMORY = 5_000;

    private final Function<T, String[]> toFields;
    private final Function<String[], T> fromFields;
    private final String name;
    private final List<T> head = new ArrayList<>();
    private Path spill;
    private BufferedWriter spillWriter;
    private long size;

    public SpilledRows(String name, Function<T, String[]> toFields, Function<String[], T> fromFields) {
        this.name = name;
        this.toFields = toFields;
        this.fromFields = fromFields;
    }

    public void add(T row) {
        size++;
        if (head.size() < IN_MEMORY) {
            head.add(row);
            return;
        }
        try {
            if (spillWriter == null) {
                spill = io.claimgate.spill.TemporaryFiles.create(name, ".rows");
                spillWriter = Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
            }
            spillWriter.write(encode(toFields.apply(row)));
            spillWriter.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill " + name + " rows to a temporary file", e);
        }
    }

    public long size() {
        return size;
    }

    @Override
    public Iterator<T> iterator() {
        BufferedReader reader;
        try {
            if (spillWriter != null) {
                spillWriter.flush();
            }
            reader = spill == null ? null : Files.newBufferedReader(spill, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<T> memory = head.iterator();
        return new Iterator<>() {
            private String next;

            private String advance() {
                if (reader == null) {
                    return null;
                }
                try {
                    String line = reader.readLine();
                    if (line == null) {
                        reader.close();
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                if (memory.hasNext()) {
                    return true;
                }
                if (next == null) {
                    next = advance();
                }
                return next != null;
            }

            @Override
            public T next() {
                if (memory.hasNext()) {
                    return memory.next();
                }
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T row = fromFields.apply(decode(next));
                next = null;
                return row;
            }
        };
    }

    @Override
    public void close() {
        try {
            if (spillWriter != null) {
                spillWriter.close();
            }
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line: fields separated by tabs, with backslash, tab and line breaks escaped; null as empty. */
    static String encode(String[] fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            String s = fields[i] == null ? "" : fields[i];
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    static String[] decode(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else if (c == '\t') {
                fields.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        fields.add(sb.toString());
        return fields.toArray(String[]::new);
    }
}
