package io.claimgate.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first start of an embedded H2 ledger killed with -9 at every write it makes: a child JVM opens the ledger on a
 * fresh file and stops dead at its N-th write point ({@code CLAIMGATE_TEST_LEDGER_STOP_AT}: each statement, commit,
 * rollback, connection close and file step), is killed there, and then a normal start must succeed with the whole
 * schema, the same as a start that was never interrupted — for every N. Prints the counts.
 */
class FirstStartCrashTest {
    private static final int PARALLEL = 2;
    private static final Pattern POINT = Pattern.compile("claimgate-test: ledger write (\\d+) (\\w+)");

    @TempDir
    Path dir;

    @Test
    void aFirstStartKilledAtAnyWriteLeavesALedgerTheNextStartOpensWhole() throws Exception {
        String reference = url(dir.resolve("reference"));
        try (Ledger ignored = Ledger.open(settings(reference))) {
            // the schema of a start that was never interrupted
        }
        Map<String, String> whole = schema(reference);

        Path counting = dir.resolve("counting");
        Child count = child(counting, 0);
        assertThat(count.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(count.process.exitValue()).as(Files.readString(count.log)).isZero();
        Map<Integer, String> points = points(count.log);
        assertThat(points).as("write points of a first start").hasSizeGreaterThan(20);
        assertThat(schema(url(counting))).isEqualTo(whole);

        int killed = 0;
        List<String> failed = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        for (int first = 1; first <= points.size(); first += PARALLEL) {
            // two children at a time (one per core), each stopped at its own write point and killed there
            List<Integer> batch = new ArrayList<>();
            List<Child> children = new ArrayList<>();
            for (int n = first; n < first + PARALLEL && n <= points.size(); n++) {
                batch.add(n);
                children.add(child(dir.resolve("at-" + n), n));
            }
            for (int i = 0; i < batch.size(); i++) {
                Child c = children.get(i);
                String stopped = "claimgate-test: ledger stopped at write " + batch.get(i) + "\n";
                await().atMost(120, TimeUnit.SECONDS).until(() -> !c.process.isAlive()
                        || Files.readString(c.log).contains(stopped));
                assertThat(c.process.isAlive()).as("stopped at write %d; see %s", batch.get(i),
                        Files.readString(c.log)).isTrue();
                c.process.destroyForcibly(); // SIGKILL
                assertThat(c.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                killed++;
            }
            for (int n : batch) {
                Path at = dir.resolve("at-" + n);
                String kind = points.get(n);
                try (Ledger ledger = Ledger.open(settings(url(at)))) {
                    assertThat(ledger.reachable()).isTrue();
                } catch (RuntimeException e) {
                    failed.add(n + " (" + kind + "): " + e.getClass().getSimpleName() + " <- "
                            + (e.getCause() == null ? "" : e.getCause().getClass().getSimpleName()));
                    continue;
                }
                if (!schema(url(at)).equals(whole)) {
                    failed.add(n + " (" + kind + "): schema differs");
                }
                try (Stream<Path> files = Files.list(at)) {
                    files.map(p -> p.getFileName().toString())
                            .filter(f -> f.contains(FirstStart.CREATING) || f.endsWith(".lock.db"))
                            .forEach(f -> leftovers.add(n + ": " + f));
                }
            }
        }

        Map<String, Long> kinds = points.values().stream().collect(java.util.stream.Collectors.groupingBy(k -> k,
                TreeMap::new, java.util.stream.Collectors.counting()));
        System.out.printf("first-start crash test: %d write points %s, %d starts killed with -9, %d next starts failed "
                + "or incomplete %s, temporary or lock files left beside the ledger %s%n", points.size(), kinds,
                killed, failed.size(), failed, leftovers);
        assertThat(killed).isEqualTo(points.size());
        assertThat(failed).isEmpty();
        assertThat(leftovers).isEmpty();
    }

    private static String url(Path at) {
        return "jdbc:h2:file:" + at.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    private static LedgerSettings settings(String url) {
        return new LedgerSettings(url, "sa", "", "checker", 2);
    }

    private record Child(Process process, Path log) {
    }

    private static Child child(Path at, int stopAt) throws IOException {
        Files.createDirectories(at);
        Path log = at.getParent().resolve(at.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                OpenLedger.class.getName(), url(at)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CLAIMGATE_TEST_LEDGER_STOP_AT", String.valueOf(stopAt));
        return new Child(pb.start(), log);
    }

    /** The numbered write points a child passed, with their kind. */
    private static Map<Integer, String> points(Path log) throws IOException {
        Map<Integer, String> points = new TreeMap<>();
        Matcher m = POINT.matcher(Files.readString(log));
        while (m.find()) {
            points.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return points;
    }

    /** Every column of every table with its type, the migrations applied and whether each succeeded, and the rows
     * the schema starts with. */
    private static Map<String, String> schema(String url) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, "
                    + "NUMERIC_PRECISION, NUMERIC_SCALE, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    out.put("column " + rs.getString(1) + "." + rs.getString(2), rs.getString(3) + " "
                            + rs.getString(4) + " " + rs.getString(5) + "," + rs.getString(6) + "," + rs.getString(7));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT INDEX_NAME, TABLE_NAME FROM INFORMATION_SCHEMA.INDEXES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    out.put("index " + rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT \"version\", \"success\", \"checksum\" "
                    + "FROM \"flyway_schema_history\"")) {
                while (rs.next()) {
                    out.put("migration " + rs.getString(1), rs.getString(2) + " " + rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM admission_lock")) {
                while (rs.next()) {
                    out.put("admission_lock " + rs.getString(1), "row");
                }
            }
        }
        return out;
    }
}
