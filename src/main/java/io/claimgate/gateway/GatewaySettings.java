package io.claimgate.gateway;

import io.claimgate.ledger.LedgerSettings;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's settings, from {@code config/application.properties} (keys {@code claimgate.*}), with relative
 * paths resolved against the installation folder. Unknown {@code claimgate.} keys are refused, so a misspelt
 * setting is an error rather than a silent default.
 */
public record GatewaySettings(Folders folders, String node, Duration poll, int filesPerPoll, Duration readLockMinAge,
                              String doneFileSuffix, Duration incompleteMaxAge, Duration duplicateWindow,
                              int maxStarts, Duration staleAfter, LedgerSettings ledger, String managementHost,
                              int managementPort, Sftp sftp, io.claimgate.config.InputLimits limits) {

    /** The gateway's folders: the inbox, its work folder and where each kind of output goes. */
    public record Folders(Path inbox, Path processing, Path accepted, Path rejected, Path acks, Path reports,
                          Path archive, Path quarantine, Path out, Path remits) {
        /** The standard layout under one folder (835 remittances are dropped into {@code remits/}). */
        public static Folders under(Path dir, Path inbox) {
            return new Folders(inbox, dir.resolve("processing"), dir.resolve("accepted"), dir.resolve("rejected"),
                    dir.resolve("acks"), dir.resolve("reports"), dir.resolve("archive"), dir.resolve("quarantine"),
                    dir, dir.resolve("remits"));
        }

        void create() throws IOException {
            for (Path p : new Path[] {inbox, processing, accepted, rejected, acks, reports, archive, quarantine,
                remits}) {
                Files.createDirectories(p);
            }
        }
    }

    /**
     * An SFTP server to poll, with the host key pinned.
     *
     * @param outbox remote folder the answers (999, TA1, 277CA, accepted 837P) are uploaded to; null: no upload
     */
    public record Sftp(String host, int port, String user, Path privateKeyFile, Path knownHostsFile, String inbox,
                       String outbox, Duration poll) {
    }

    private static final Set<String> KEYS = Set.of("claimgate.gateway.dir", "claimgate.gateway.inbox",
            "claimgate.gateway.node", "claimgate.gateway.poll-ms", "claimgate.gateway.files-per-poll",
            "claimgate.gateway.read-lock-min-age-ms",
            "claimgate.gateway.done-file-suffix", "claimgate.gateway.incomplete-max-age-s",
            "claimgate.gateway.duplicate-window-days", "claimgate.gateway.max-starts",
            "claimgate.gateway.stale-after-s", "claimgate.ledger.url", "claimgate.ledger.user",
            "claimgate.ledger.password", "claimgate.ledger.pool-size", "claimgate.management.host",
            "claimgate.management.port", "claimgate.sftp.host", "claimgate.sftp.port", "claimgate.sftp.user",
            "claimgate.sftp.private-key-file", "claimgate.sftp.known-hosts-file", "claimgate.sftp.inbox",
            "claimgate.sftp.outbox", "claimgate.sftp.poll-ms");

    /** Reads the properties file (if present) over the defaults; {@code overrides} win over both. */
    public static GatewaySettings load(Path home, Path propertiesFile, Properties overrides) throws IOException {
        Properties p = new Properties();
        if (propertiesFile != null && Files.exists(propertiesFile)) {
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        p.putAll(overrides);
        Set<String> unknown = new TreeSet<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("claimgate.") && !KEYS.contains(k) && !io.claimgate.config.InputLimits.KEYS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown settings: " + unknown);
        }
        return from(home, p);
    }

    static GatewaySettings from(Path home, Properties p) {
        Path dir = path(home, p.getProperty("claimgate.gateway.dir", "data/gateway"));
        Path inbox = p.getProperty("claimgate.gateway.inbox") == null ? dir.resolve("inbox")
                : path(home, p.getProperty("claimgate.gateway.inbox"));
        String node = p.getProperty("claimgate.gateway.node", hostName());
        String url = p.getProperty("claimgate.ledger.url",
                "jdbc:h2:file:" + home.resolve("data/ledger").toAbsolutePath() + ";WRITE_DELAY=0");
        String password = System.getenv("CLAIMGATE_LEDGER_PASSWORD") != null
                ? System.getenv("CLAIMGATE_LEDGER_PASSWORD") : p.getProperty("claimgate.ledger.password", "");
        LedgerSettings ledger = new LedgerSettings(url, p.getProperty("claimgate.ledger.user", "sa"), password, node,
                integer(p, "claimgate.ledger.pool-size", 4));
        Sftp sftp = null;
        String host = p.getProperty("claimgate.sftp.host", "");
        if (!host.isBlank()) {
            sftp = new Sftp(host, port(p, "claimgate.sftp.port", 22, 1, ""), required(p, "claimgate.sftp.user"),
                    path(home, required(p, "claimgate.sftp.private-key-file")),
                    path(home, required(p, "claimgate.sftp.known-hosts-file")),
                    p.getProperty("claimgate.sftp.inbox", "inbox"),
                    blankToNull(p.getProperty("claimgate.sftp.outbox")),
                    Duration.ofMillis(integer(p, "claimgate.sftp.poll-ms", 5000)));
        }
        String done = blankToNull(p.getProperty("claimgate.gateway.done-file-suffix"));
        if (done != null && !done.matches("\\.[A-Za-z0-9]{1,10}")) {
            throw new IllegalArgumentException("claimgate.gateway.done-file-suffix must look like .done");
        }
        int filesPerPoll = integer(p, "claimgate.gateway.files-per-poll", 1000);
        if (filesPerPoll < 1 || filesPerPoll > 100_000) {
            throw new IllegalArgumentException("claimgate.gateway.files-per-poll must be 1 to 100000");
        }
        return new GatewaySettings(Folders.under(dir, inbox), node,
                Duration.ofMillis(integer(p, "claimgate.gateway.poll-ms", 1000)), filesPerPoll,
                Duration.ofMillis(integer(p, "claimgate.gateway.read-lock-min-age-ms", 2000)), done,
                Duration.ofSeconds(integer(p, "claimgate.gateway.incomplete-max-age-s", 600)),
                Duration.ofDays(integer(p, "claimgate.gateway.duplicate-window-days", 365)),
                integer(p, "claimgate.gateway.max-starts", 3),
                Duration.ofSeconds(integer(p, "claimgate.gateway.stale-after-s", 1800)), ledger,
                p.getProperty("claimgate.management.host", "127.0.0.1"), managementPort(p), sftp,
                io.claimgate.config.InputLimits.from(p));
    }

    /** The management port: 0 to 65535 (0: any free port), or -1 for none. */
    private static int managementPort(Properties p) {
        if ("-1".equals(p.getProperty("claimgate.management.port", "").trim())) {
            return -1;
        }
        return port(p, "claimgate.management.port", 8787, 0, ", or -1 for no management port");
    }

    private static int port(Properties p, String key, int dflt, int min, String besides) {
        String range = key + " must be a port number from " + min + " to 65535" + besides;
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(range + "; it is not a number");
        }
        if (n < min || n > 65535) {
            throw new IllegalArgumentException(range + "; " + n + " is too " + (n < min ? "small" : "large"));
        }
        return n;
    }

    private static Path path(Path home, String value) {
        Path p = Path.of(value);
        return p.isAbsolute() ? p : home.resolve(p);
    }

    private static int integer(Properties p, String key, int dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of at least 0");
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + " is required when claimgate.sftp.host is set");
        }
        return v.trim();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return h.isEmpty() ? "node" : h.length() > 64 ? h.substring(0, 64) : h;
        } catch (IOException e) {
            return "node";
        }
    }
}
