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

/**
 * The findings of one file, in report order, for the CSV export. Keeps the first rows in memory and spills the rest
 * to a temporary file, so a file whose every claim has findings does not fill the heap. Iterated once per export.
 */
public final class FindingRows implements AutoCloseable, Iterable<FindingRow> {
    static final int IN_MEMORY = 5_000;

    private final List<FindingRow> head = new ArrayList<>();
    private Path spill;
    private BufferedWriter spillWriter;
    private long size;

    public void add(ReportFinding finding) {
        FindingRow row = FindingRow.of(finding);
        size++;
        if (head.size() < IN_MEMORY) {
            head.add(row);
            return;
        }
        try {
            if (spillWriter == null) {
                spill = Files.createTempFile("claimgate-findings", ".rows");
                spillWriter = Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
            }
            spillWriter.write(row.encode());
            spillWriter.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill findings to a temporary file", e);
        }
    }

    public void addAll(List<ReportFinding> findings) {
        findings.forEach(this::add);
    }

    public long size() {
        return size;
    }

    @Override
    public Iterator<FindingRow> iterator() {
        BufferedReader reader;
        try {
            if (spillWriter != null) {
                spillWriter.flush();
            }
            reader = spill == null ? null : Files.newBufferedReader(spill, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<FindingRow> memory = head.iterator();
        return new Iterator<>() {
            private String next = advance();

            private String advance() {
                if (memory.hasNext() || reader == null) {
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
            public FindingRow next() {
                if (memory.hasNext()) {
                    return memory.next();
                }
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FindingRow row = FindingRow.decode(next);
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
}
