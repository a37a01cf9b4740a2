package io.claimgate.spill;

import org.junit.jupiter.api.Test;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFileTest {
    record Row(long number, String text) {
    }

    private static final RunFile.Codec<Row> CODEC = new RunFile.Codec<>() {
        @Override
        public void write(Row r, DataOutput out) throws IOException {
            out.writeLong(r.number());
            RunFile.writeString(out, r.text());
        }

        @Override
        public Row read(DataInput in) throws IOException {
            return new Row(in.readLong(), RunFile.readString(in));
        }
    };

    @Test
    void recordsComeBackInTheOrderWrittenAsOftenAsAsked() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Long.MIN_VALUE, null));
        rows.add(new Row(0, ""));
        rows.add(new Row(7, "Grüße|2026|PT_SLP"));
        rows.add(new Row(Long.MAX_VALUE, "x".repeat(100_000))); // past writeUTF's 64 KB
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Row(i * 31L, "row " + i));
        }
        try (RunFile<Row> run = new RunFile<>("roundtrip-test", CODEC)) {
            rows.forEach(run::add);
            assertThat(run.size()).isEqualTo(rows.size());
            assertThat(read(run)).isEqualTo(rows);
            run.add(new Row(-1, "after reading"));
            List<Row> more = new ArrayList<>(rows);
            more.add(new Row(-1, "after reading"));
            assertThat(read(run)).isEqualTo(more);
        }
    }

    @Test
    void anEmptyRunMakesNoFileAndClosingDeletesTheFile() throws IOException {
        long before = runFiles("empty-test");
        try (RunFile<Row> run = new RunFile<>("empty-test", CODEC)) {
            assertThat(run.iterator().hasNext()).isFalse();
            assertThat(runFiles("empty-test")).isEqualTo(before);
        }
        RunFile<Row> run = new RunFile<>("delete-test", CODEC);
        long none = runFiles("delete-test");
        run.add(new Row(1, "one"));
        assertThat(runFiles("delete-test")).isEqualTo(none + 1);
        run.close();
        run.close();
        assertThat(runFiles("delete-test")).isEqualTo(none);
        assertThatThrownBy(() -> run.add(new Row(2, "two"))).isInstanceOf(IllegalStateException.class);
    }

    private static List<Row> read(RunFile<Row> run) {
        List<Row> out = new ArrayList<>();
        for (Iterator<Row> it = run.iterator(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static long runFiles(String name) throws IOException {
        try (Stream<Path> s = Files.list(TemporaryFiles.folder())) {
            return s.filter(p -> p.getFileName().toString().startsWith("claimgate-" + name)).count();
        }
    }
}
