package io.claimgate.report;

import java.util.Iterator;
import java.util.List;

/**
 * The findings of one file, in report order, for the CSV export. Keeps the first rows in memory and spills the rest
 * to a temporary file ({@link SpilledRows}), so a file whose every claim has findings does not fill the heap.
 */
public final class FindingRows implements AutoCloseable, Iterable<FindingRow> {
    private final SpilledRows<FindingRow> rows = new SpilledRows<>("findings", FindingRow::fields, FindingRow::of);

    public void add(ReportFinding finding) {
        rows.add(FindingRow.of(finding));
    }

    public void addAll(List<ReportFinding> findings) {
        findings.forEach(this::add);
    }

    public long size() {
        return rows.size();
    }

    @Override
    public Iterator<FindingRow> iterator() {
        return rows.iterator();
    }

    @Override
    public void close() {
        rows.close();
    }
}
