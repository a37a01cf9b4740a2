package io.claimgate.gateway;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import io.claimgate.x12.InterchangeScan;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileConsumer;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code sftp-inbox} route takes from the remote inbox, and what a drain says about it. One object in four
 * roles on the SFTP consumer, all called on its one polling thread:
 * <ul>
 *   <li>the listing's <b>filter</b>: passes regular files with plain names only. A link (the listing carries lstat
 *       attributes, so a link shows as a link, whatever it points at), a directory, anything else that is not a
 *       regular file, and a name that is not plain ({@link GatewayRoutes#PLAIN_NAME}) is skipped, and reported once
 *       per name and reason ({@code sftp skipped name_sha256=... reason=...}): a hash of the name, never the name.</li>
 *   <li>the <b>read lock</b>: a file is taken only when it is complete: its size and time unchanged for the read
 *       lock's minimum age (across polls, without waiting again for what an earlier look already saw), downloaded
 *       whole, the bytes a complete run of interchanges ({@link InterchangeScan#complete()}), and the remote size
 *       and time after the download still those of the bytes (a writer that resumed). Otherwise the file is left
 *       on the server, untouched, for a later poll; no exchange is made of it, so a drain can go idle. (With a
 *       done-file suffix, Camel's {@code doneFileName} holds a file back before it gets here.) A download that
 *       fails (a file the SFTP user cannot read) is reported once and does not stop the files after it.</li>
 *   <li>the <b>poll strategy</b>: records whether each poll reached the server, and which candidates it left.</li>
 *   <li>the consumer's <b>exception handler</b>: logs a failure with a hash of the file name and the cause's class,
 *       once per kind of failure, rather than Camel's line naming the file.</li>
 * </ul>
 * The bytes checked are the bytes handed over: the consumer does not download again
 * ({@link GenericFileConsumer#setRetrieveFile}), the route reads them from the exchange property {@link #BYTES}.
 */
final class SftpIntake extends RemoteFilePollingConsumerPollStrategy implements
        GenericFileFilter<SftpRemoteFile<?>>, GenericFileExclusiveReadLockStrategy<SftpRemoteFile<?>>,
        ExceptionHandler {
    /** Exchange property: the downloaded bytes the read lock found complete. */
    static final String BYTES = "claimgate.sftp.bytes";

    private static final Logger LOG = LoggerFactory.getLogger(SftpIntake.class);
    /** Names and reasons already reported; bounded, the oldest forgotten first. */
    private static final int REMEMBERED = 10_000;

    private final long minAgeMillis;
    private final long timeoutMillis;
    private final long checkMillis;
    private final String doneFileSuffix;

    /** What the listings showed of each candidate: size, time, since when unchanged, found incomplete as such. */
    private final Map<String, Seen> seen = new HashMap<>();
    private final Set<String> reported = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    // this poll (consumer thread only)
    private final Set<String> candidates = new HashSet<>();
    private final Set<String> taken = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private int skipped;

    // the last poll, for the drain's report (read by another thread)
    private volatile boolean reached;
    private volatile String unreachable = "no poll completed";
    private volatile int lastLeft;
    private volatile int lastFailed;
    private volatile int lastSkipped;

    private record Seen(long size, long mtime, long sinceNanos, boolean incomplete) {
    }

    SftpIntake(GatewaySettings settings) {
        this.minAgeMillis = settings.readLockMinAge().toMillis();
        this.timeoutMillis = Math.max(10_000, minAgeMillis * 4);
        this.checkMillis = Math.max(100, Math.min(1000, minAgeMillis / 2));
        this.doneFileSuffix = settings.doneFileSuffix();
    }

    // ---- filter

    @Override
    public boolean accept(GenericFile<SftpRemoteFile<?>> file) {
        String name = file.getFileNameOnly();
        if (doneFileSuffix != null && name.endsWith(doneFileSuffix) && name.length() > doneFileSuffix.length()) {
            return true; // a done file: Camel looks for it and never takes it as a file
        }
        String reason = notTaken(file.getFile(), name);
        if (reason != null) {
            skipped++;
            report("skipped", name, reason);
            return false;
        }
        candidates.add(name);
        observe(name, file.getFile().getFileLength(), file.getFile().getLastModified());
        return true;
    }

    /** Why a listed entry is not taken (null: it is a regular file with a plain name). */
    private static String notTaken(SftpRemoteFile<?> entry, String name) {
        if (entry.getRemoteFile() instanceof ChannelSftp.LsEntry ls) {
            SftpATTRS a = ls.getAttrs();
            if (a.isLink()) {
                return "symlink";
            }
            if (a.isDir()) {
                return "directory";
            }
            if (!a.isReg()) {
                return "not-regular";
            }
        } else if (entry.isDirectory()) {
            return "directory";
        }
        return name.matches(GatewayRoutes.PLAIN_NAME) ? null : "name-not-plain";
    }

    private void observe(String name, long size, long mtime) {
        Seen before = seen.get(name);
        if (before == null || before.size() != size || before.mtime() != mtime) {
            seen.put(name, new Seen(size, mtime, System.nanoTime(), false));
        }
    }

    // ---- read lock

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<SftpRemoteFile<?>> operations,
                                            GenericFile<SftpRemoteFile<?>> file, Exchange exchange)
            throws Exception {
        String name = file.getFileNameOnly();
        @SuppressWarnings("unchecked")
        RemoteFileOperations<SftpRemoteFile<?>> remote = (RemoteFileOperations<SftpRemoteFile<?>>) operations;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Seen s;
        while (true) {
            s = seen.get(name);
            if (s == null) {
                return false; // gone
            }
            if (s.incomplete()) {
                return false; // found incomplete at this size and time: no download until it changes
            }
            if ((System.nanoTime() - s.sinceNanos()) / 1_000_000 >= minAgeMillis) {
                break;
            }
            if (System.nanoTime() > deadline) {
                report("waiting", name, "changing");
                return false;
            }
            Thread.sleep(checkMillis); // a writer's pace, not a test's: the read lock's check interval
            if (!relist(remote, file.getParent(), name)) {
                return false;
            }
        }
        byte[] bytes;
        try {
            remote.retrieveFile(file.getAbsoluteFilePath(), exchange, s.size());
            Object body = exchange.getProperty(FileComponent.FILE_EXCHANGE_FILE, GenericFile.class).getBody();
            bytes = body instanceof byte[] b ? b : null;
        } catch (GenericFileOperationFailedException e) {
            SftpException sftp = org.apache.camel.util.ObjectHelper.getException(SftpException.class, e);
            if (sftp != null && sftp.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false; // gone since the listing
            }
            failed.add(name);
            report("skipped", name, sftp != null && sftp.id == ChannelSftp.SSH_FX_PERMISSION_DENIED
                    ? "permission-denied" : "download-failed");
            return false;
        } finally {
            exchange.getProperty(FileComponent.FILE_EXCHANGE_FILE, GenericFile.class).setBody(null);
        }
        if (bytes == null || bytes.length != s.size()) {
            return false; // changed while downloading: look again next poll
        }
        if (!InterchangeScan.of(new ByteArrayInputStream(bytes)).complete()) {
            seen.put(name, new Seen(s.size(), s.mtime(), s.sinceNanos(), true));
            report("waiting", name, "interchange-incomplete");
            return false;
        }
        Seen before = s;
        if (!relist(remote, file.getParent(), name) || !before.equals(seen.get(name))) {
            return false; // the writer resumed after the download: not moved, not handed over
        }
        exchange.setProperty(BYTES, bytes);
        taken.add(name);
        return true;
    }

    /** Lists the folder again and updates what was seen of every candidate in it; false when the file is gone. */
    private boolean relist(RemoteFileOperations<SftpRemoteFile<?>> remote, String folder, String name) {
        boolean present = false;
        for (SftpRemoteFile<?> f : remote.listFiles(folder)) {
            String n = f.getFilename();
            if (seen.containsKey(n) && notTaken(f, n) == null) {
                observe(n, f.getFileLength(), f.getLastModified());
                present |= n.equals(name);
            }
        }
        if (!present) {
            seen.remove(name);
        }
        return present;
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<SftpRemoteFile<?>> operations,
                                 GenericFileEndpoint<SftpRemoteFile<?>> endpoint) {
        // nothing to prepare
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<SftpRemoteFile<?>> operations,
                                                GenericFile<SftpRemoteFile<?>> file, Exchange exchange) {
        exchange.removeProperty(BYTES);
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<SftpRemoteFile<?>> operations,
                                                   GenericFile<SftpRemoteFile<?>> file, Exchange exchange) {
        exchange.removeProperty(BYTES);
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<SftpRemoteFile<?>> operations,
                                                 GenericFile<SftpRemoteFile<?>> file, Exchange exchange) {
        exchange.removeProperty(BYTES);
        seen.remove(file.getFileNameOnly());
    }

    @Override
    public void setTimeout(long timeout) {
        // the timeout follows the read lock's minimum age
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        // the interval follows the read lock's minimum age
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
        // this lock logs hashes only, itself
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // no marker files on the server
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        // no marker files on the server
    }

    // ---- poll strategy

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (consumer instanceof GenericFileConsumer<?> c) {
            c.setRetrieveFile(false); // the read lock downloaded and checked the bytes; do not fetch them again
        }
        candidates.clear();
        taken.clear();
        failed.clear();
        skipped = 0;
        return super.begin(consumer, endpoint);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        seen.keySet().retainAll(candidates);
        Set<String> left = new HashSet<>(candidates);
        left.removeAll(taken);
        lastLeft = left.size();
        lastFailed = failed.size();
        lastSkipped = skipped;
        unreachable = null;
        reached = true;
        super.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause)
            throws Exception {
        unreachable = describe(cause);
        return super.rollback(consumer, endpoint, retryCounter, cause);
    }

    /**
     * For {@code serve --drain}, once it has stopped: prints one line on what the SFTP inbox still holds and returns
     * the exit code it calls for: 2 when the last poll did not reach the server, or left a file that could be
     * taken later (still incomplete or changing, waiting for its done file, or not downloadable); 1 when it only
     * skipped entries that are never taken (links, directories, names that are not plain); else 0.
     */
    int drainReport(PrintWriter err) {
        String cause = unreachable;
        if (!reached || cause != null) {
            err.println("claimgate: the SFTP inbox could not be reached: " + (cause == null ? "no poll completed"
                    : cause));
            return 2;
        }
        if (lastLeft > 0) {
            err.printf("claimgate: %d file(s) left on the SFTP server (%d could not be downloaded; the others "
                    + "incomplete, changing or without their done file), to be taken by a later run%n", lastLeft,
                    lastFailed);
            return 2;
        }
        if (lastSkipped > 0) {
            err.printf("claimgate: %d remote entr%s skipped and left on the SFTP server (links, directories, names "
                    + "that are not plain file names; each reported once in the log, by hash)%n", lastSkipped,
                    lastSkipped == 1 ? "y" : "ies");
            return 1;
        }
        return 0;
    }

    /** The cause of a failed poll in a few words and its class; never a file name. */
    static String describe(Throwable cause) {
        Throwable root = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("HostKey")) {
                return "host key not accepted (changed or unknown; only the pinned known-hosts key is trusted) ("
                        + t.getClass().getSimpleName() + ")";
            }
            if (m.startsWith("Auth fail")) {
                return "authentication failed (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof java.net.ConnectException || m.contains("Connection refused")) {
                return "connection refused (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof java.net.SocketTimeoutException || m.contains("timeout")) {
                return "timed out (" + t.getClass().getSimpleName() + ")";
            }
            root = t;
        }
        return "poll failed (" + (root == null ? "unknown" : root.getClass().getSimpleName()) + ")";
    }

    // ---- exception handler

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String name = exchange == null ? null : exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String what = exchange == null ? describe(exception)
                : exception == null ? "unknown" : exception.getClass().getSimpleName();
        if (name == null) {
            if (reported.add("poll\0" + what)) {
                LOG.warn("sftp poll failed reason={} (reported once; retried every poll)", what);
            }
        } else {
            report("error", name, what);
        }
    }

    /** One line per name, kind and reason for the life of the process: a hash of the name, never the name. */
    private void report(String kind, String name, String reason) {
        if (reported.add(kind + "\0" + reason + "\0" + name)) {
            if ("waiting".equals(kind)) {
                LOG.info("sftp waiting name_sha256={} reason={}", hash(name), reason);
            } else {
                LOG.warn("sftp {} name_sha256={} reason={}", kind, hash(name), reason);
            }
        }
    }

    /** First 12 hex digits of the SHA-256 of the name (UTF-8). */
    static String hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
