package io.claimgate.gateway;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.nio.file.Path;

/**
 * The Camel routes of {@code claimgate serve}.
 * <ul>
 *   <li>{@code housekeeping}: every quarter of {@code stale-after-s} (10 s to 5 min), takes over files abandoned
 *       by a node that is gone and retries failed uploads ({@link Gateway#housekeeping()}).</li>
 *   <li>{@code drop-folder}: polls the inbox, oldest files first, at most {@code files-per-poll} a poll
 *       ({@link OldestFirst}), regular files only ({@link Intake}); a file is offered only once no process holds it
 *       open for writing ({@link OpenWriters}) and it has stopped changing for the minimum age
 *       ({@code readLock=changed}, no lock marker files), or once its done-file exists when a done-file suffix is
 *       configured. Camel leaves
 *       the file where it is ({@code noop}, no idempotent repository: reliability measurements showed an eager
 *       persistent repository loses files in a crash); {@link Gateway#receive} moves it itself, and the file's
 *       location with the ledger row is its state.</li>
 *   <li>{@code remit-inbox} (when given a {@link RemitIntake}): the same consumer on {@code remits/}, each 835
 *       analysed against the ledger ({@link RemitIntake#receive}).</li>
 *   <li>{@code sftp-inbox} (when configured): polls the remote inbox with the host key pinned
 *       ({@code strictHostKeyChecking=yes}, the configured known-hosts file only) and key authentication, takes
 *       only regular files with plain names (no links, no directories, no path separators, no {@code ..}), and
 *       only once complete ({@link SftpIntake}), writes the checked bytes into the local inbox under a hidden
 *       temporary name, then moves the remote original into the fixed folder {@code .claimgate-received}.
 *       A name already waiting in the local inbox fails the hand-over, which is tried again later.</li>
 * </ul>
 */
public final class GatewayRoutes extends RouteBuilder {
    /** Plain file names only: what a remote listing may offer, and what may become a local name. */
    public static final String PLAIN_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}";

    /** Registry name of the SFTP inbox's {@link SftpIntake} (filter, read lock, poll strategy, exception handler). */
    static final String SFTP_INTAKE = "claimgateSftpIntake";

    private final GatewaySettings settings;
    private final Gateway gateway;
    private final SftpIntake sftpIntake;
    private RemitIntake remits;

    public GatewayRoutes(GatewaySettings settings, Gateway gateway) {
        this.settings = settings;
        this.gateway = gateway;
        this.sftpIntake = settings.sftp() == null ? null : new SftpIntake(settings);
    }

    /**
     * For {@code serve --drain}, after Camel has stopped: with an SFTP inbox configured, prints one line when its
     * last poll did not reach the server or left work on it, and returns the exit code that calls for (see
     * {@link SftpIntake#drainReport}); 0 without an SFTP inbox.
     */
    public int sftpDrainReport(java.io.PrintWriter err) {
        return sftpIntake == null ? 0 : sftpIntake.drainReport(err);
    }

    SftpIntake sftpIntake() {
        return sftpIntake;
    }

    /** Also analyse the 835 remittances dropped into the remit inbox ({@code remits/}). */
    public GatewayRoutes remits(RemitIntake intake) {
        this.remits = intake;
        return this;
    }

    @Override
    public void configure() {
        // a failed exchange is logged without its body or message history (file paths and names stay out of the
        // log; the gateway logs its own line with hash and envelope ids); the file is tried again at the next poll
        errorHandler(defaultErrorHandler().logExhaustedMessageHistory(false).logExhaustedMessageBody(false)
                .logStackTrace(false));

        from(folder(settings.folders().inbox(), "inbox")).routeId("drop-folder")
                .process(exchange -> {
                    Path file = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
                    Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
                    getContext().getShutdownStrategy().setTimeout(shutdownSeconds(length == null ? 0 : length));
                    Gateway.Outcome outcome = withoutName(file, () -> gateway.receive(file));
                    if (outcome != Gateway.Outcome.WAITING && outcome != Gateway.Outcome.REFUSED
                            && outcome != Gateway.Outcome.RETRY) {
                        gateway.progress();
                    }
                    exchange.getIn().setHeader("claimgateOutcome", outcome.name());
                });

        if (remits != null) {
            from(folder(settings.folders().remits(), "remits")).routeId("remit-inbox")
                    .process(exchange -> {
                        Path file = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
                        withoutName(file, () -> remits.receive(file));
                        gateway.progress();
                    });
        }

        long every = Math.max(10_000, Math.min(300_000, settings.staleAfter().toMillis() / 4));
        from("timer:claimgate-housekeeping?delay=" + every + "&period=" + every).routeId("housekeeping")
                .process(exchange -> gateway.housekeeping());

        if (settings.sftp() != null) {
            getContext().getRegistry().bind(SFTP_INTAKE, sftpIntake);
            from(sftpInboxUri()).routeId("sftp-inbox")
                    .process(exchange -> {
                        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
                        if (name == null || !name.matches(PLAIN_NAME)) {
                            throw new IllegalArgumentException("remote file name is not a plain file name");
                        }
                        // the bytes the read lock downloaded and found complete (SftpIntake)
                        byte[] bytes = exchange.getProperty(SftpIntake.BYTES, byte[].class);
                        if (bytes == null) {
                            throw new IllegalStateException("no checked download for the remote file");
                        }
                        exchange.removeProperty(SftpIntake.BYTES);
                        exchange.getIn().setBody(bytes);
                        exchange.getIn().setHeader(Exchange.FILE_NAME, name);
                    })
                    // with a done-file suffix the local inbox reads NAME only once NAME.done exists: written after NAME
                    .to("file:" + settings.folders().inbox().toAbsolutePath()
                            + "?tempPrefix=.sftp-&fileExist=Fail" + (settings.doneFileSuffix() == null ? ""
                            : "&doneFileName=${file:name}" + settings.doneFileSuffix()))
                    .process(exchange -> gateway.progress()); // handed over: a drain waits for the local take
        }
    }

    /**
     * How long a stop waits for the file in hand, from its size: a SIGTERM finishes the file (outputs and ledger)
     * rather than cutting it off at Camel's default 45 s and leaving the ledger saying processing, which made a
     * restart process it again under new control numbers. 45 s plus 4 s a megabyte (about four times what a file
     * takes here), at most an hour; a service manager's stop timeout must allow as much (docs/gateway.md).
     */
    static long shutdownSeconds(long bytes) {
        return Math.min(3600, 45 + bytes / 250_000);
    }

    /** What handling one file does; may fail with anything. */
    @FunctionalInterface
    private interface Handling<T> {
        T run() throws Exception;
    }

    /**
     * Runs the handling of one file; a failure reaches Camel's error log with the file's name replaced by a hash
     * of it (exception texts of the file system name the paths they failed on), as a {@link FileNotHandled} with
     * no cause, so no nested text can carry the name either.
     */
    static <T> T withoutName(Path file, Handling<T> handling) throws Exception {
        try {
            return handling.run();
        } catch (Exception e) {
            String name = file.getFileName().toString();
            String hash = "entry-" + Intake.nameHash(name);
            String text = String.valueOf(e.getMessage());
            if (!name.isEmpty()) {
                text = text.replace(name, hash);
            }
            FileNotHandled clean = new FileNotHandled(e.getClass().getSimpleName() + ": " + text);
            clean.setStackTrace(e.getStackTrace());
            throw clean;
        }
    }

    /** A file the gateway could not handle this time; its text names the file by a hash only. */
    static final class FileNotHandled extends Exception {
        FileNotHandled(String message) {
            super(message);
        }
    }

    /** The file consumer's endpoint on a folder, taking its oldest files first ({@link OldestFirst}). */
    private org.apache.camel.component.file.FileEndpoint folder(Path folder, String label) {
        org.apache.camel.component.file.FileEndpoint endpoint = getContext().getEndpoint(folderUri(folder),
                org.apache.camel.component.file.FileEndpoint.class);
        OldestFirst oldestFirst = new OldestFirst(folder.toAbsolutePath(), settings.filesPerPoll(),
                settings.doneFileSuffix(), label, gateway.intake(), gateway.metrics()::polled);
        endpoint.setFilter(oldestFirst);
        endpoint.setPollStrategy(oldestFirst);
        return endpoint;
    }

    private String folderUri(Path folder) {
        long minAge = settings.readLockMinAge().toMillis();
        StringBuilder uri = new StringBuilder("file:").append(folder.toAbsolutePath())
                .append("?noop=true&idempotent=false")
                .append("&delay=").append(settings.poll().toMillis())
                // at most files-per-poll of the oldest files (OldestFirst, the filter, passes about that many),
                // in order of age; the limit cuts after sorting what the filter passed
                .append("&sortBy=file:modified&maxMessagesPerPoll=").append(settings.filesPerPoll())
                .append("&eagerMaxMessagesPerPoll=false&recursive=false")
                .append("&backoffErrorThreshold=1&backoffMultiplier=5")
                .append("&readLockLoggingLevel=OFF")
                // no lock marker files: the take (a rename into this node's work folder) is the lock, and the
                // ledger's owner and heartbeat say whose it is; a marker outlived a killed node and held the file
                // back from the others, and a node starting deleted the markers of the nodes running
                .append("&readLockMarkerFile=false&readLockDeleteOrphanLockFiles=false");
        if (settings.doneFileSuffix() != null) {
            uri.append("&doneFileName=${file:name}").append(settings.doneFileSuffix());
            uri.append("&exclude=.*\\").append(settings.doneFileSuffix());
        } else {
            // readLock=changed: taken once size and time stay the same for the minimum age (files some process
            // holds open for writing are not offered at all, OldestFirst);
            // readLockMinLength=0: by default the changed read lock never takes an empty file and waits out its
            // timeout on it at every poll, holding up the files behind it; an empty file is rejected (not X12)
            uri.append("&readLock=changed&readLockMinLength=0&readLockMinAge=").append(minAge)
                    .append("&readLockCheckInterval=").append(Math.max(100, Math.min(1000, minAge / 2)))
                    .append("&readLockTimeout=").append(Math.max(10_000, minAge * 4));
        }
        return uri.toString();
    }

    /** The SFTP outbox the answers are uploaded to (temporary name, then renamed), or null when none is set. */
    public String sftpOutboxUri() {
        GatewaySettings.Sftp s = settings.sftp();
        if (s == null || s.outbox() == null) {
            return null;
        }
        return sftpBase(s, s.outbox()) + "&tempPrefix=.part-&fileExist=Override&binary=true&autoCreate=false";
    }

    private static String sftpBase(GatewaySettings.Sftp s, String folder) {
        return "sftp://" + s.host() + ":" + s.port() + "/" + folder
                + "?username=" + s.user()
                + "&privateKeyFile=" + s.privateKeyFile().toAbsolutePath()
                + "&knownHostsFile=" + s.knownHostsFile().toAbsolutePath()
                + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false";
    }

    String sftpInboxUri() {
        return sftpInboxUri(SFTP_INTAKE);
    }

    /**
     * The SFTP inbox's URI. Regular files with plain names only, a file taken only when complete, polls recorded,
     * failures logged by hash: {@link SftpIntake}, registered as {@value #SFTP_INTAKE} ({@code pollStrategy} names
     * the bean given, which a test may wrap around it). {@code stepwise=false}: with Camel's default a failed download
     * left the session in the inbox folder and every later download of the poll failed. {@code recursive} with a
     * depth of one folder lets the filter see (and report) directories; it passes none, so none is entered.
     */
    String sftpInboxUri(String pollStrategyBean) {
        GatewaySettings.Sftp s = settings.sftp();
        String uri = sftpBase(s, s.inbox())
                + "&recursive=true&maxDepth=2&stepwise=false&binary=true&autoCreate=false"
                + "&filter=#" + SFTP_INTAKE + "&exclusiveReadLockStrategy=#" + SFTP_INTAKE
                + "&exceptionHandler=#" + SFTP_INTAKE + "&pollStrategy=#" + pollStrategyBean
                + "&move=.claimgate-received/${file:name}"
                + "&delay=" + s.poll().toMillis()
                + "&backoffErrorThreshold=1&backoffMultiplier=5"
                + "&throwExceptionOnConnectFailed=true&connectTimeout=10000&timeout=30000";
        if (settings.doneFileSuffix() != null) {
            // the done-file contract holds for the SFTP inbox too: NAME is taken only once NAME.done is listed
            uri += "&doneFileName=${file:name}" + settings.doneFileSuffix();
        }
        return uri;
    }
}
