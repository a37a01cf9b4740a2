package io.claimgate.ledger;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The first start of an embedded H2 ledger, made atomic. H2 commits each DDL statement on its own, so a first start
 * killed in the middle of a migration would leave a half-made schema and a Flyway history that fails every later
 * start. So when the database file ({@code NAME.mv.db}) does not exist yet, the whole schema (every migration there
 * is) is built in {@code NAME.creating.mv.db}, that database is shut down and forced to disk, and the file is given
 * its real name. A kill before that leaves no ledger: the next start builds it again, over whatever the killed one
 * left under the temporary name. A kill after it leaves the whole ledger. (On PostgreSQL DDL is transactional and
 * Flyway rolls a migration back as a whole; nothing of this is needed there.)
 */
final class FirstStart {
    static final String CREATING = ".creating";
    private static final int FILE_CORRUPTED = 90030;

    private FirstStart() {
    }

    /**
     * The database of an embedded H2 URL ({@code NAME}, the path without {@code .mv.db}), or null for a URL whose
     * database this class does not build aside: not H2, in memory, a server, a file system prefix ({@code nio:},
     * {@code split:}, ...), or {@code IFEXISTS=TRUE} (the operator wants no database created).
     */
    static Path database(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:".length());
        int semi = rest.indexOf(';');
        String name = semi < 0 ? rest : rest.substring(0, semi);
        if (semi >= 0 && rest.substring(semi).toUpperCase(Locale.ROOT).replace(" ", "").contains(";IFEXISTS=TRUE")) {
            return null;
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        if (!(name.startsWith("/") || name.startsWith("./") || name.startsWith("../"))) {
            return null;
        }
        return Path.of(name).toAbsolutePath().normalize();
    }

    /**
     * Makes sure the H2 database of {@code url} exists with its whole schema, building it aside and renaming it into
     * place when it does not; {@code migrate} brings a data source's schema up to date. Does nothing for a database
     * that exists, or a URL that is not an embedded H2 file.
     */
    static void ensure(String url, String user, String password, Consumer<DataSource> migrate) throws IOException,
            SQLException {
        Path name = database(url);
        if (name == null) {
            return;
        }
        Path file = Path.of(name + ".mv.db");
        Path aside = Path.of(name + CREATING + ".mv.db");
        if (Files.exists(file)) {
            // a start killed after giving the ledger its name and before removing the temporary one: the same file
            removeAside(name);
            return;
        }
        Files.createDirectories(file.getParent());
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + name + CREATING + url.substring(url.indexOf(';') < 0 ? url.length()
                : url.indexOf(';')));
        h2.setUser(user);
        h2.setPassword(password);
        DataSource ds = LedgerTestHooks.counted(h2);
        // one connection held open from start to shutdown, so that the database is not closed and opened again
        // between Flyway's connections
        try (Connection holder = openAside(ds, aside)) {
            LedgerTestHooks.point("creating");
            try (Statement s = holder.createStatement()) {
                s.execute("DROP ALL OBJECTS"); // what a start killed before the rename left under this name
            }
            migrate.accept(ds);
            try (Statement s = holder.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        try (FileChannel ch = FileChannel.open(aside, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        LedgerTestHooks.point("forced");
        try {
            Files.createLink(file, aside); // never replaces: a ledger another start put there first stays
        } catch (FileAlreadyExistsException e) {
            removeAside(name);
            return;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE); // a file system without hard links
        }
        LedgerTestHooks.point("linked");
        removeAside(name);
        LedgerTestHooks.point("unlinked");
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        LedgerTestHooks.point("synced");
    }

    /** The temporary name and what H2 may have written beside it (a trace file when its trace goes to a file). */
    private static void removeAside(Path name) throws IOException {
        Files.deleteIfExists(Path.of(name + CREATING + ".mv.db"));
        Files.deleteIfExists(Path.of(name + CREATING + ".trace.db"));
    }

    /** Opens the database under its temporary name; a file a crash of the machine left unreadable is started over. */
    private static Connection openAside(DataSource ds, Path aside) throws SQLException, IOException {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            if (e.getErrorCode() != FILE_CORRUPTED) {
                throw e;
            }
            Files.deleteIfExists(aside);
            return ds.getConnection();
        }
    }
}
