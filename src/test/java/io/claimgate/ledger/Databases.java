package io.claimgate.ledger;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The real databases the ledger tests run on: embedded H2 in a temporary folder, always; PostgreSQL on
 * 127.0.0.1:5432 (database {@code claimgate_test}, user and password {@code claimgate}, as {@code .ci/postgres}
 * starts it, or {@code CLAIMGATE_TEST_POSTGRES_URL}) when one answers. With {@code CLAIMGATE_REQUIRE_POSTGRES=1}
 * (CI) an unreachable PostgreSQL fails the tests instead of skipping them. Each test gets a fresh schema.
 */
public final class Databases {
    public static final List<String> KINDS = List.of("h2", "postgresql");
    static final String PG_URL = System.getenv().getOrDefault("CLAIMGATE_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/claimgate_test");
    static final String PG_USER = "claimgate";
    static final String PG_PASSWORD = "claimgate";

    private Databases() {
    }

    /** Settings for a fresh, empty ledger of this kind (skips the test when PostgreSQL is not there). */
    public static LedgerSettings fresh(String kind, Path dir, String node) {
        if (kind.equals("h2")) {
            return new LedgerSettings("jdbc:h2:file:" + dir.resolve("ledger-" + node).toAbsolutePath()
                    + ";WRITE_DELAY=0", "sa", "", node, 4);
        }
        return new LedgerSettings(postgresSchema(), PG_USER, PG_PASSWORD, node, 4);
    }

    /** A new, empty schema in the test PostgreSQL, as a JDBC URL that uses it. */
    public static String postgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("1".equals(System.getenv("CLAIMGATE_REQUIRE_POSTGRES"))) {
                throw new AssertionError("PostgreSQL is required (CLAIMGATE_REQUIRE_POSTGRES=1) but not reachable at "
                        + PG_URL + ": " + e.getMessage(), e);
            }
            Assumptions.abort("no PostgreSQL at " + PG_URL + " (run .ci/postgres to start one)");
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
