package io.claimgate.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.claimgate.rules.therapy.BatchRules;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger over JDBC. Every method is one transaction; a state change and its {@code file_transition} row commit
 * together. Admission is serialized across nodes by locking the one row of {@code admission_lock}.
 */
public final class Ledger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final String COLUMNS = "id, sha256, file_name, size_bytes, arrived_at, sender_id, receiver_id, "
            + "interchange_controls, state, attempts, released, owner_node, duplicate_of, reason, outputs, claims_in, "
            + "claims_accepted, claims_rejected, updated_at";

    /** H2 error codes after which the embedded database is closed or its file cannot be used: database closed, I/O
     * failure (one or two arguments), file corrupted, database closing. */
    private static final Set<Integer> H2_FATAL = Set.of(90098, 90028, 90031, 90030, 90121);

    private final HikariDataSource dataSource;
    private final String node;
    /** A statement failed because the database itself failed (not the statement); cleared by a write that worked. */
    private volatile boolean broken;

    private Ledger(HikariDataSource dataSource, String node) {
        this.dataSource = dataSource;
        this.node = node;
    }

    /**
     * Opens the pool and brings the schema up to date (Flyway, {@code classpath:db/ledger}). An embedded H2 ledger
     * that does not exist yet is built aside and renamed into place ({@link FirstStart}), so that a first start
     * killed halfway leaves either no ledger or a whole one.
     */
    public static Ledger open(LedgerSettings settings) {
        String url = durable(settings.url());
        try {
            FirstStart.ensure(url, settings.user(), settings.password(), Ledger::migrate);
        } catch (java.io.IOException | SQLException | RuntimeException e) {
            throw new LedgerException("cannot create the ledger database (" + redact(settings.url()) + ")", e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("claimgate-ledger");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new LedgerException("cannot open the ledger database (" + redact(settings.url()) + ")", e);
        }
        LedgerTestHooks.point("open");
        try {
            migrate(LedgerTestHooks.counted(ds));
        } catch (RuntimeException e) {
            ds.close();
            throw new LedgerException("cannot bring the ledger schema up to date", e);
        }
        return new Ledger(ds, settings.node());
    }

    /** Brings the schema of a data source up to date. */
    private static void migrate(javax.sql.DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/ledger").load().migrate();
    }

    /**
     * An embedded H2 URL made safe for a gateway: each commit written to the file at once ({@code WRITE_DELAY=0},
     * else H2 writes commits in the background and a kill loses the last ones) and the database left open until
     * the pool closes ({@code DB_CLOSE_ON_EXIT=FALSE}, else H2's own shutdown hook closes it under a file that is
     * still being finished after SIGTERM), and H2's trace sent to SLF4J instead of a {@code NAME.trace.db} file
     * ({@code TRACE_LEVEL_FILE=4}: the file grew on every failure until a full disk was full again; {@link H2Trace}
     * turns its lines into ones without file names or values). Settings the URL names itself are kept.
     */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            out.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            out.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!upper.contains(";TRACE_LEVEL_FILE=")) {
            out.append(";TRACE_LEVEL_FILE=4");
        }
        return out.toString();
    }

    /** The URL without parameters that could carry credentials. */
    static String redact(String url) {
        int cut = url.indexOf('?');
        return cut < 0 ? url : url.substring(0, cut);
    }

    public String node() {
        return node;
    }

    /**
     * Whether the ledger works, for readiness: a query on one of its tables, or, after the database itself failed
     * (an embedded H2 closes itself for good on a write error such as a full disk), a write that must reach the
     * file. A connection's own validity check is not enough: H2 calls its connections valid after it closed.
     */
    public boolean reachable() {
        boolean wasBroken = broken;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            if (wasBroken) {
                s.executeUpdate("UPDATE admission_lock SET id = id WHERE id = 1");
            } else {
                s.executeQuery("SELECT id FROM admission_lock").close();
            }
            c.commit();
            if (wasBroken) {
                broken = false;
                LOG.warn("ledger writes again");
            }
            return true;
        } catch (SQLException e) {
            failed(e);
            return false;
        }
    }

    /**
     * Notes a failure of the database itself: readiness then probes with a write, and the pool drops its
     * connections, so that the next connection opens the database anew (H2 reopens its file, and recovers it to
     * the last commit, once the disk has room again).
     */
    private void failed(SQLException e) {
        if (!fatal(e)) {
            return;
        }
        if (!broken) {
            broken = true;
            LOG.warn("ledger down: the database failed (SQL state {}, error code {}); connections are opened anew",
                    e.getSQLState(), e.getErrorCode());
        }
        if (!dataSource.isClosed() && dataSource.getHikariPoolMXBean() != null) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** Whether a failure is the database's (closed, I/O, out of resources, connection lost) rather than the
     * statement's (a constraint, a value). */
    static boolean fatal(SQLException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 10; t = t.getCause()) {
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")
                    || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                if (H2_FATAL.contains(s.getErrorCode()) || state.startsWith("08") || state.startsWith("53")
                        || state.startsWith("57P") || state.startsWith("58")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Decides what to do with an arrived file and records it, in one transaction under the admission lock:
     * <ul>
     *   <li>bytes seen before and finished → a new row for this delivery in the original's terminal state,
     *       pointing at it ({@link Admission.Decision#DUPLICATE});</li>
     *   <li>bytes being processed by another node whose claim is fresher than {@code staleAfter} → nothing recorded
     *       ({@link Admission.Decision#WAIT});</li>
     *   <li>bytes whose processing was started {@code maxStarts} times without finishing → quarantined
     *       ({@link Admission.Decision#POISON});</li>
     *   <li>otherwise → processing, owned by this node, one more attempt ({@link Admission.Decision#PROCESS}), with
     *       the interchanges whose (ISA06, ISA08, ISA13) an earlier file with other content carried within
     *       {@code window}.</li>
     * </ul>
     */
    public Admission admit(Arrival arrival, Duration window, int maxStarts, Duration staleAfter) {
        return inTransaction(c -> {
            try (Statement lock = c.createStatement()) {
                lock.executeQuery("SELECT id FROM admission_lock WHERE id = 1 FOR UPDATE").close();
            }
            OffsetDateTime now = now();
            Optional<FileRecord> original = originalOf(c, arrival.sha256());
            if (original.isPresent()) {
                FileRecord o = original.get();
                if (o.state().terminal()) {
                    long id = insertFile(c, arrival, null, o.state(), 0, o.id(), "DUPLICATE-CONTENT", now);
                    try (PreparedStatement ps = c.prepareStatement("UPDATE received_file SET outputs = ?, "
                            + "claims_in = ?, claims_accepted = ?, claims_rejected = ? WHERE id = ?")) {
                        ps.setString(1, String.join(",", o.outputs()));
                        setLong(ps, 2, o.claimsIn());
                        setLong(ps, 3, o.claimsAccepted());
                        setLong(ps, 4, o.claimsRejected());
                        ps.setLong(5, id);
                        ps.executeUpdate();
                    }
                    transition(c, id, FileState.RECEIVED, o.state(), now, "duplicate of file " + o.id());
                    return new Admission(Admission.Decision.DUPLICATE, fileById(c, id), o, Set.of());
                }
                boolean mine = node.equals(o.ownerNode());
                boolean stale = o.updatedAt().isBefore(now.minus(staleAfter));
                if (o.state() == FileState.PROCESSING && !mine && !stale) {
                    return new Admission(Admission.Decision.WAIT, o, o, Set.of());
                }
                if (o.unfinishedStarts() >= maxStarts) {
                    changeState(c, o.id(), o.state(), FileState.QUARANTINED, "POISON", now,
                            "processing started " + o.unfinishedStarts() + " times without finishing");
                    return new Admission(Admission.Decision.POISON, fileById(c, o.id()), o, Set.of());
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE received_file SET state = 'processing', "
                        + "attempts = attempts + 1, owner_node = ?, updated_at = ? WHERE id = ?")) {
                    ps.setString(1, node);
                    ps.setObject(2, now);
                    ps.setLong(3, o.id());
                    ps.executeUpdate();
                }
                transition(c, o.id(), o.state(), FileState.PROCESSING, now, "attempt " + (o.attempts() + 1));
                return new Admission(Admission.Decision.PROCESS, fileById(c, o.id()), o,
                        duplicateControls(c, arrival, o.id(), now.minus(window)));
            }
            long id = insertFile(c, arrival, arrival.sha256(), FileState.PROCESSING, 1, null, null, now);
            transition(c, id, null, FileState.RECEIVED, now, null);
            transition(c, id, FileState.RECEIVED, FileState.PROCESSING, now, "attempt 1");
            Set<String> duplicates = duplicateControls(c, arrival, id, now.minus(window));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO interchange_receipt (file_id, sender_id, "
                    + "receiver_id, control_number, received_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Arrival.InterchangeId i : arrival.interchanges()) {
                    ps.setLong(1, id);
                    ps.setString(2, clip(i.sender(), 15));
                    ps.setString(3, clip(i.receiver(), 15));
                    ps.setString(4, clip(i.control(), 9));
                    ps.setObject(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new Admission(Admission.Decision.PROCESS, fileById(c, id), null, duplicates);
        });
    }

    private static Set<String> duplicateControls(Connection c, Arrival arrival, long fileId, OffsetDateTime since)
            throws SQLException {
        Set<String> duplicates = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM interchange_receipt WHERE sender_id = ? "
                + "AND receiver_id = ? AND control_number = ? AND file_id <> ? AND received_at >= ?")) {
            for (Arrival.InterchangeId i : arrival.interchanges()) {
                ps.setString(1, clip(i.sender(), 15));
                ps.setString(2, clip(i.receiver(), 15));
                ps.setString(3, clip(i.control(), 9));
                ps.setLong(4, fileId);
                ps.setObject(5, since);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        duplicates.add(i.control());
                    }
                }
            }
        }
        return duplicates;
    }

    /**
     * Records the end of processing: the terminal state, outputs and counts, and what the accepted claims added to
     * the units and amounts — all in one transaction. Refused unless the file is processing and owned by this node:
     * a file reaches a terminal state once.
     */
    public FileRecord finish(long fileId, FileState terminal, String reason, List<String> outputs, long claimsIn,
                             long accepted, long rejected, BatchRules.Accepted added) {
        return finish(fileId, terminal, reason, outputs, claimsIn, accepted, rejected, added, false);
    }

    /** As {@link #finish(long, FileState, String, List, long, long, long, BatchRules.Accepted)}, noting whether
     * the answers are still to be uploaded (see {@link #uploadPending()}). */
    public FileRecord finish(long fileId, FileState terminal, String reason, List<String> outputs, long claimsIn,
                             long accepted, long rejected, BatchRules.Accepted added, boolean uploadPending) {
        if (!terminal.terminal() || terminal == FileState.QUARANTINED) {
            throw new IllegalArgumentException("finish takes done or rejected");
        }
        return inTransaction(c -> {
            OffsetDateTime now = now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE received_file SET state = ?, reason = ?, "
                    + "outputs = ?, claims_in = ?, claims_accepted = ?, claims_rejected = ?, updated_at = ?, "
                    + "upload_pending = ? WHERE id = ? AND state = 'processing' AND owner_node = ?")) {
                ps.setString(1, terminal.db());
                ps.setString(2, clip(reason, 64));
                ps.setString(3, clip(String.join(",", outputs), 4000));
                ps.setLong(4, claimsIn);
                ps.setLong(5, accepted);
                ps.setLong(6, rejected);
                ps.setObject(7, now);
                ps.setBoolean(8, uploadPending);
                ps.setLong(9, fileId);
                ps.setString(10, node);
                if (ps.executeUpdate() != 1) {
                    throw refused(c, fileId, terminal);
                }
            }
            transition(c, fileId, FileState.PROCESSING, terminal, now, null);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO accepted_units (file_id, day_key, units) VALUES (?, ?, ?)")) {
                for (Map.Entry<Long, Integer> e : added.units().entrySet()) {
                    ps.setLong(1, fileId);
                    ps.setLong(2, e.getKey());
                    ps.setInt(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO accepted_spend (file_id, spend_key, amount) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, BigDecimal> e : added.spent().entrySet()) {
                    ps.setLong(1, fileId);
                    ps.setString(2, spendKey(e.getKey()));
                    ps.setBigDecimal(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return fileById(c, fileId);
        });
    }

    /** Quarantines a file this node is processing (it cannot be processed at all). Refused if already terminal. */
    public FileRecord quarantine(long fileId, String reason) {
        return inTransaction(c -> {
            FileRecord f = fileById(c, fileId);
            if (f.state().terminal()) {
                throw refused(c, fileId, FileState.QUARANTINED);
            }
            changeState(c, fileId, f.state(), FileState.QUARANTINED, reason, now(), null);
            return fileById(c, fileId);
        });
    }

    /**
     * Gives a file back after a failure that was not the file's fault (disk full, a lost connection): it returns to
     * received, the attempt is not held against it as a crash.
     */
    public void release(long fileId, String reason) {
        inTransaction(c -> backToReceived(c, fileId, true, false, reason));
    }

    /**
     * Moves a file this node is processing back to received (nothing when it is no longer processing), with the
     * transition; {@code released}: the start is not held against it; {@code forget}: its interchange receipts and
     * claim rows go too.
     */
    private Void backToReceived(Connection c, long fileId, boolean released, boolean forget, String reason)
            throws SQLException {
        FileRecord f = fileById(c, fileId);
        if (f.state() != FileState.PROCESSING) {
            return null;
        }
        if (forget) {
            for (String table : new String[] {"claim_line", "claim", "interchange_receipt"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
                    ps.setLong(1, fileId);
                    ps.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE received_file SET state = 'received', "
                + (released ? "released = released + 1, " : "") + "owner_node = NULL, updated_at = ? WHERE id = ?")) {
            ps.setObject(1, now());
            ps.setLong(2, fileId);
            ps.executeUpdate();
        }
        transition(c, fileId, FileState.PROCESSING, FileState.RECEIVED, now(), clip(reason, 200));
        return null;
    }

    /**
     * Takes back an admission whose bytes were never processed (they changed while they were read): the file goes
     * back to received, and what the admission recorded of its content — its interchanges (which would make the
     * same ISA13 read again a duplicate) and any claim rows — is removed. The row and its transitions stay.
     */
    public void withdraw(long fileId, String reason) {
        inTransaction(c -> backToReceived(c, fileId, true, true, reason));
    }

    /** Held by one file from its first read of the batch history to the record of what it accepted. */
    public interface BatchLock extends AutoCloseable {
        @Override
        void close();
    }

    /** Advisory lock key of the batch decision on PostgreSQL ("claimgate batch", any fixed number will do). */
    private static final long BATCH_LOCK_KEY = 0x636c61696d626174L;
    /** The batch decision on H2, a database of one process: a lock of this process suffices. */
    private final java.util.concurrent.locks.ReentrantLock localBatchLock = new java.util.concurrent.locks.ReentrantLock();

    /**
     * Serialises the batch rules across nodes: the daily unit limit and the KX threshold are decided over what the
     * ledger says earlier files accepted, so the read of that history, the decision and the record of what a file
     * added must not interleave with another node's, or both accept up to the limit. On PostgreSQL a transaction
     * advisory lock on a connection of its own (released by the database if the node dies); on H2 a lock of this
     * process. Waits for the lock.
     */
    public BatchLock lockBatch() {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                c.close();
                localBatchLock.lock();
                return localBatchLock::unlock;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, BATCH_LOCK_KEY);
                ps.executeQuery().close();
            }
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close(); // back to the pool, or a few failed locks would take all its connections
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
            }
            throw new LedgerException("cannot take the batch lock (SQL state " + e.getSQLState() + ")", e);
        }
        Connection held = c;
        return () -> {
            try (held) {
                held.rollback(); // ends the transaction, and with it the lock
            } catch (SQLException e) {
                // the connection is closed (and the lock with its session) all the same
            }
        };
    }

    /**
     * Puts a file whose processing failed on its own content back to received, its start still counted (unlike
     * {@link #release}): the same failure on the same bytes ends in quarantine after {@code max-starts} tries.
     */
    public void failed(long fileId, String reason) {
        inTransaction(c -> backToReceived(c, fileId, false, false, reason));
    }

    /**
     * Whether a ledger failure is the data's own (SQLSTATE class 22, data exception — a value the column cannot
     * hold —, or 23, integrity): it would fail again on the same bytes, unlike a lost connection or a full disk.
     */
    public static boolean dataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** Keeps this node's claim on a file it is still processing fresh (see {@code staleAfter} of admit). */
    public void heartbeat(long fileId) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE received_file SET updated_at = ? "
                    + "WHERE id = ? AND state = 'processing' AND owner_node = ?")) {
                ps.setObject(1, now());
                ps.setLong(2, fileId);
                ps.setString(3, node);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Files other nodes started and have not touched for {@code staleAfter}: their node is gone. */
    public List<FileRecord> staleElsewhere(Duration staleAfter) {
        return inTransaction(c -> {
            List<FileRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM received_file "
                    + "WHERE state = 'processing' AND owner_node <> ? AND updated_at < ? ORDER BY id")) {
                ps.setString(1, node);
                ps.setObject(2, now().minus(staleAfter));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(record(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Marks a delivery whose answers are still to be uploaded (a duplicate answered with the original's). */
    public void uploadPending(long fileId, boolean pending) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE received_file SET upload_pending = ? WHERE id = ?")) {
                ps.setBoolean(1, pending);
                ps.setLong(2, fileId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Finished files whose answers have not been uploaded yet, oldest first. */
    public List<FileRecord> uploadPending() {
        return inTransaction(c -> {
            List<FileRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + COLUMNS
                    + " FROM received_file WHERE upload_pending = TRUE ORDER BY id")) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        });
    }

    /** The first delivery of these bytes, if any. */
    public Optional<FileRecord> original(String sha256) {
        return inTransaction(c -> originalOf(c, sha256));
    }

    public FileRecord file(long id) {
        return inTransaction(c -> fileById(c, id));
    }

    /** Every row, oldest first (for reconciliation, tests and operators). */
    public List<FileRecord> files() {
        return inTransaction(c -> {
            List<FileRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM received_file ORDER BY id")) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        });
    }

    /** State changes of one file, oldest first, as {@code from>to}. */
    public List<String> transitions(long fileId) {
        return inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT from_state, to_state FROM file_transition WHERE file_id = ? ORDER BY id")) {
                ps.setLong(1, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + ">" + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Replaces the claim rows of a file (a re-processed file leaves one set): deletes what an earlier attempt
     * wrote, then inserts in batches, each committed.
     */
    public ClaimWriter claims(long fileId) {
        return new ClaimWriter(fileId);
    }

    /** Claims of a file, in routing order. */
    public List<ClaimRow> claimsOf(long fileId) {
        return inTransaction(c -> {
            List<ClaimRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT set_control, claim_id, patient_key, service_from, "
                    + "service_to, payer_id, charge, status, rule_ids FROM claim WHERE file_id = ? ORDER BY id")) {
                ps.setLong(1, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ClaimRow(rs.getString(1), rs.getString(2), trim(rs.getString(3)),
                                rs.getObject(4, java.time.LocalDate.class), rs.getObject(5, java.time.LocalDate.class),
                                rs.getString(6), decimal(rs.getBigDecimal(7), 2), rs.getString(8),
                                words(rs.getString(9), " "),
                                linesOf(c, fileId, rs.getString(2))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The latest submission of a claim by its id (CLM01) among the files this ledger finished, with its lines; for
     * joining a remittance back. Empty when the ledger never saw the claim.
     */
    public Optional<SubmittedClaim> submitted(String claimId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.file_id, c.set_control, c.claim_id, "
                    + "c.patient_key, c.service_from, c.service_to, c.payer_id, c.charge, c.status, c.rule_ids "
                    + "FROM claim c JOIN received_file f ON f.id = c.file_id "
                    + "WHERE c.claim_id = ? AND f.state IN ('done', 'rejected') ORDER BY c.id DESC")) {
                ps.setString(1, claimId);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long fileId = rs.getLong(1);
                    return Optional.of(new SubmittedClaim(fileId, new ClaimRow(rs.getString(2), rs.getString(3),
                            trim(rs.getString(4)), rs.getObject(5, java.time.LocalDate.class),
                            rs.getObject(6, java.time.LocalDate.class), rs.getString(7),
                            decimal(rs.getBigDecimal(8), 2),
                            rs.getString(9), words(rs.getString(10), " "), linesOf(c, fileId, claimId))));
                }
            }
        });
    }

    /** A claim as submitted, with the ledger id of the file it came in. */
    public record SubmittedClaim(long fileId, ClaimRow claim) {
    }

    private static List<LineRow> linesOf(Connection c, long fileId, String claimId) throws SQLException {
        List<LineRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_seq, line_control, procedure_code, modifiers, "
                + "service_date, charge, units, rule_ids, action FROM claim_line WHERE file_id = ? AND claim_id = ? "
                + "ORDER BY line_seq")) {
            ps.setLong(1, fileId);
            ps.setString(2, claimId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LineRow(rs.getInt(1), rs.getString(2), rs.getString(3), words(rs.getString(4), ":"),
                            rs.getObject(5, java.time.LocalDate.class), decimal(rs.getBigDecimal(6), 2),
                            decimal(rs.getBigDecimal(7), 3),
                            words(rs.getString(8), " "), rs.getString(9)));
                }
            }
        }
        return out;
    }

    private static List<String> words(String s, String separator) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(java.util.regex.Pattern.quote(separator)));
    }

    /** What earlier files' accepted claims added, for the rules that span batches. */
    public BatchRules.History history() {
        return new BatchRules.History() {
            @Override
            public Map<Long, Integer> units(Set<Long> dayKeys) {
                Map<Long, Integer> out = new HashMap<>();
                sumByKey("SELECT day_key, SUM(units) FROM accepted_units WHERE day_key IN (%s) GROUP BY day_key",
                        new ArrayList<>(dayKeys), (ps, i, k) -> ps.setLong(i, k),
                        rs -> out.put(rs.getLong(1), rs.getInt(2)));
                return out;
            }

            @Override
            public Map<String, BigDecimal> spent(Set<String> spendKeys) {
                Map<String, String> byHash = new HashMap<>();
                spendKeys.forEach(k -> byHash.put(spendKey(k), k));
                Map<String, BigDecimal> out = new HashMap<>();
                sumByKey("SELECT spend_key, SUM(amount) FROM accepted_spend WHERE spend_key IN (%s) GROUP BY spend_key",
                        new ArrayList<>(byHash.keySet()), (ps, i, k) -> ps.setString(i, k),
                        rs -> out.put(byHash.get(rs.getString(1).trim()), rs.getBigDecimal(2)));
                return out;
            }
        };
    }

    /**
     * A stored amount as read back: the columns keep 18 decimals (as many as the guide allows), so values come back
     * without the zeros that padding added, but with at least {@code minScale} decimals (charges 2, units 3, as they
     * were written and as reports print them).
     */
    private static BigDecimal decimal(BigDecimal stored, int minScale) {
        if (stored == null) {
            return null;
        }
        BigDecimal v = stored.stripTrailingZeros();
        return v.scale() < minScale ? v.setScale(minScale) : v;
    }

    private interface Binder<K> {
        void bind(PreparedStatement ps, int index, K key) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private <K> void sumByKey(String sql, List<K> keys, Binder<K> binder, RowReader reader) {
        inTransaction(c -> {
            for (int from = 0; from < keys.size(); from += 500) {
                List<K> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(String.format(sql, marks))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        binder.bind(ps, i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reader.read(rs);
                        }
                    }
                }
            }
            return null;
        });
    }

    /** The ledger keeps a hash of the member, year and bucket, not the member id. */
    static String spendKey(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams claim rows of one file into the ledger. */
    public final class ClaimWriter implements AutoCloseable {
        private final long fileId;
        private final List<ClaimRow> pending = new ArrayList<>();
        private long written;

        private ClaimWriter(long fileId) {
            this.fileId = fileId;
            inTransaction(c -> {
                for (String table : new String[] {"claim_line", "claim"}) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
                        ps.setLong(1, fileId);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        }

        public void add(ClaimRow row) {
            pending.add(row);
            if (pending.size() >= 1000) {
                flush();
            }
        }

        public long written() {
            return written + pending.size();
        }

        /** Writes the rows added so far (each batch in a transaction of its own). */
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO claim (file_id, set_control, claim_id, "
                        + "patient_key, service_from, service_to, payer_id, charge, status, rule_ids) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ClaimRow r : pending) {
                        ps.setLong(1, fileId);
                        ps.setString(2, clip(r.setControl(), 9));
                        ps.setString(3, clip(r.claimId(), 38));
                        ps.setString(4, r.patientKey());
                        ps.setObject(5, r.serviceFrom(), Types.DATE);
                        ps.setObject(6, r.serviceTo(), Types.DATE);
                        ps.setString(7, clip(r.payerId(), 80));
                        ps.setBigDecimal(8, r.charge());
                        ps.setString(9, r.status());
                        ps.setString(10, clip(String.join(" ", r.ruleIds()), 1000));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO claim_line (file_id, claim_id, line_seq, "
                        + "line_control, procedure_code, modifiers, service_date, charge, units, rule_ids, action) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ClaimRow r : pending) {
                        for (LineRow l : r.lines()) {
                            ps.setLong(1, fileId);
                            ps.setString(2, clip(r.claimId(), 38));
                            ps.setInt(3, l.lineSeq());
                            ps.setString(4, clip(l.lineControl(), 50));
                            ps.setString(5, clip(l.procedure(), 48));
                            ps.setString(6, clip(String.join(":", l.modifiers()), 20));
                            ps.setObject(7, l.serviceDate(), Types.DATE);
                            ps.setBigDecimal(8, l.charge());
                            ps.setBigDecimal(9, l.units());
                            ps.setString(10, clip(String.join(" ", l.ruleIds()), 1000));
                            ps.setString(11, l.action());
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
                return null;
            });
            written += pending.size();
            pending.clear();
        }

        @Override
        public void close() {
            flush();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    // ---- helpers

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException again) {
                    e.addSuppressed(again); // the database failed under the transaction: the first failure says why
                }
                throw e;
            }
        } catch (SQLException e) {
            failed(e);
            throw new LedgerException("ledger operation failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private LedgerException refused(Connection c, long fileId, FileState wanted) throws SQLException {
        FileRecord f = fileById(c, fileId);
        LOG.warn("ledger refused transition file_id={} state={} wanted={} owner={}", fileId, f.state().db(),
                wanted.db(), f.ownerNode());
        return new LedgerException("file " + fileId + " is " + f.state().db() + (f.ownerNode() == null ? ""
                : " (owner " + f.ownerNode() + ")") + "; it cannot become " + wanted.db());
    }

    private long insertFile(Connection c, Arrival a, String originalSha, FileState state, int attempts,
                            Long duplicateOf, String reason, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO received_file (sha256, original_sha256, "
                + "file_name, size_bytes, arrived_at, sender_id, receiver_id, interchange_controls, state, attempts, "
                + "owner_node, duplicate_of, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setString(1, a.sha256());
            ps.setString(2, originalSha);
            ps.setString(3, clip(a.fileName(), 255));
            ps.setLong(4, a.sizeBytes());
            ps.setObject(5, now);
            ps.setString(6, clip(a.sender(), 15));
            ps.setString(7, clip(a.receiver(), 15));
            ps.setString(8, a.controls());
            ps.setString(9, state.db());
            ps.setInt(10, attempts);
            ps.setString(11, state == FileState.PROCESSING ? node : null);
            setLong(ps, 12, duplicateOf);
            ps.setString(13, reason);
            ps.setObject(14, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void changeState(Connection c, long id, FileState from, FileState to, String reason, OffsetDateTime now,
                             String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE received_file SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, to.db());
            ps.setString(2, clip(reason, 64));
            ps.setObject(3, now);
            ps.setLong(4, id);
            ps.setString(5, from.db());
            if (ps.executeUpdate() != 1) {
                throw refused(c, id, to);
            }
        }
        transition(c, id, from, to, now, detail);
    }

    private void transition(Connection c, long fileId, FileState from, FileState to, OffsetDateTime at,
                            String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO file_transition (file_id, from_state, to_state, "
                + "at, node, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, fileId);
            ps.setString(2, from == null ? null : from.db());
            ps.setString(3, to.db());
            ps.setObject(4, at);
            ps.setString(5, node);
            ps.setString(6, clip(detail, 200));
            ps.executeUpdate();
        }
    }

    private static Optional<FileRecord> originalOf(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM received_file WHERE original_sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    private static FileRecord fileById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM received_file WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("no file " + id + " in the ledger");
                }
                return record(rs);
            }
        }
    }

    private static FileRecord record(ResultSet rs) throws SQLException {
        return new FileRecord(rs.getLong(1), trim(rs.getString(2)), rs.getString(3), rs.getLong(4),
                rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), split(rs.getString(8)),
                FileState.of(rs.getString(9)), rs.getInt(10), rs.getInt(11), rs.getString(12),
                (Long) rs.getObject(13, Long.class), rs.getString(14), split(rs.getString(15)),
                rs.getObject(16, Long.class), rs.getObject(17, Long.class), rs.getObject(18, Long.class),
                rs.getObject(19, OffsetDateTime.class));
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
