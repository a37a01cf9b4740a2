package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sftp-inbox} route and the SFTP upload against a real SSH server in the JVM (Apache MINA SSHD): key
 * authentication only, the server's host key pinned in a known-hosts file written by the test, and the gateway's
 * own routes, ledger (H2) and scrub behind them. The route runs with the production URI plus one option, a
 * {@code pollStrategy} that records each poll's outcome, so the tests wait on polls rather than on time.
 */
class SftpRouteTest {
    private static final Path SAMPLE = Samples.CLAIMS.resolve("clean-multi-claim.837");
    private static final String USER = "claimgate";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path remote;
    private KeyPair hostKey;
    private KeyPair clientKey;
    private final AtomicInteger authAttempts = new AtomicInteger();
    private SshServer server;
    private CamelContext camel;
    private Ledger ledger;
    private GatewaySettings settings;
    private final PollRecorder polls = new PollRecorder();

    @BeforeEach
    void startServer() throws Exception {
        remote = dir.resolve("sftp-root");
        Files.createDirectories(remote.resolve("inbox"));
        Files.createDirectories(remote.resolve("outbox"));
        hostKey = ecKey();
        clientKey = rsaKey();

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(remote));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> {
            authAttempts.incrementAndGet();
            return USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic());
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (camel != null) {
                camel.stop();
            }
        } finally {
            try {
                if (server != null) {
                    server.stop(true);
                }
            } finally {
                if (ledger != null) {
                    ledger.close();
                }
            }
        }
    }

    @Test
    void aPlainNamedFileIsFetchedProcessedMovedAsideAndAnsweredInTheOutbox() throws Exception {
        startGateway(knownHosts(hostKey.getPublic()));
        byte[] sample = Files.readAllBytes(SAMPLE);
        putRemote("clean-multi-claim.837", sample);

        FileRecord done = awaitDone("clean-multi-claim.837");
        List<String> answers = done.outputs().stream()
                .filter(o -> o.startsWith("acks/") || o.startsWith("accepted/")).toList();
        assertThat(answers).extracting(SftpRouteTest::extension).containsExactlyInAnyOrder("999", "277", "837");
        assertThat(answers.stream().filter(o -> o.startsWith("accepted/"))).singleElement()
                .satisfies(o -> assertThat(o).endsWith(".837"));

        // the upload follows the ledger's DONE (same thread), the remote move follows the download (the SFTP
        // route's completion): wait for the server to show both, then compare bytes
        Map<String, Path> expected = new TreeMap<>();
        for (String a : answers) {
            Path local = settings.folders().out().resolve(a);
            expected.put(local.getFileName().toString(), local);
        }
        Path outbox = remote.resolve("outbox");
        Path inbox = remote.resolve("inbox");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(names(outbox)).as("outbox, .part- files included").containsExactlyElementsOf(expected.keySet());
            assertThat(names(inbox)).as("remote inbox").containsExactly(".claimgate-received");
        });
        for (Map.Entry<String, Path> e : expected.entrySet()) {
            assertThat(outbox.resolve(e.getKey())).as("uploaded %s", e.getKey()).hasSameBinaryContentAs(e.getValue());
        }
        // the remote original was moved aside, not deleted, and not left for the next poll
        assertThat(names(inbox.resolve(".claimgate-received"))).containsExactly("clean-multi-claim.837");
        assertThat(inbox.resolve(".claimgate-received/clean-multi-claim.837")).hasBinaryContent(sample);

        // locally: archived under its hash, nothing left in the inbox (no .sftp- temporary file either)
        List<Path> archived = files(settings.folders().archive());
        assertThat(archived).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString())
                    .isEqualTo(done.sha256().substring(0, 12) + "-clean-multi-claim.837");
            assertThat(p).hasBinaryContent(sample);
        });
        // Camel removes its .camelLock marker after the exchange completes, a moment after the outputs: awaited
        await().atMost(WAIT).untilAsserted(() -> assertThat(names(settings.folders().inbox())).isEmpty());
        assertThat(ledger.files()).singleElement().extracting(FileRecord::state).isEqualTo(FileState.DONE);
        assertThat(polls.polled.get()).as("messages the sftp-inbox route polled").isEqualTo(1);
        assertThat(polls.errors).isEmpty();
    }

    @Test
    void namesThatAreNotPlainFileNamesAreLeftOnTheServer() throws Exception {
        startGateway(knownHosts(hostKey.getPublic()));
        byte[] sample = Files.readAllBytes(SAMPLE);
        Map<String, byte[]> others = new TreeMap<>();
        others.put("bad name.837", "not plain: a space".getBytes(StandardCharsets.US_ASCII));
        others.put("..hidden.837", "not plain: leading dots".getBytes(StandardCharsets.US_ASCII));
        others.put("-dash.837", "not plain: leading dash".getBytes(StandardCharsets.US_ASCII));
        Map<String, FileTime> modified = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : others.entrySet()) {
            modified.put(e.getKey(), Files.getLastModifiedTime(putRemote(e.getKey(), e.getValue())));
        }
        putRemote("plain.837", sample);

        awaitDone("plain.837");
        // let at least two more complete polls of the remote folder go by, so a late pick-up would show
        int after = polls.commits.get();
        await().atMost(WAIT).until(() -> polls.commits.get() >= after + 2);

        Path inbox = remote.resolve("inbox");
        for (Map.Entry<String, byte[]> e : others.entrySet()) {
            Path p = inbox.resolve(e.getKey());
            assertThat(p).as(e.getKey()).hasBinaryContent(e.getValue());
            assertThat(Files.getLastModifiedTime(p)).as(e.getKey()).isEqualTo(modified.get(e.getKey()));
        }
        assertThat(names(inbox)).containsExactlyInAnyOrderElementsOf(
                Stream.concat(others.keySet().stream(), Stream.of(".claimgate-received")).toList());
        assertThat(names(inbox.resolve(".claimgate-received"))).containsExactly("plain.837");
        assertThat(names(settings.folders().inbox())).isEmpty();
        assertThat(files(settings.folders().out())).noneMatch(p -> {
            String n = p.getFileName().toString();
            return n.contains("bad") || n.contains("hidden") || n.contains("dash");
        });
        assertThat(ledger.files()).extracting(FileRecord::fileName).containsExactly("plain.837");
        // the include pattern kept them out of the listing: the route never even tried them
        assertThat(polls.polled.get()).as("messages the sftp-inbox route polled").isEqualTo(1);
        assertThat(polls.errors).isEmpty();
    }

    @Test
    void readinessSeesTheSftpServerAnswer() throws Exception {
        assertThat(ManagementServer.sshAnswers("127.0.0.1", server.getPort())).isTrue();
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(ManagementServer.sshAnswers("127.0.0.1", closed)).isFalse();
    }

    @Test
    void aServerWhoseHostKeyIsNotThePinnedOneIsRefused() throws Exception {
        KeyPair impostor = ecKey(); // the pinned key; the server presents another
        startGateway(knownHosts(impostor.getPublic()));
        byte[] sample = Files.readAllBytes(SAMPLE);
        putRemote("clean-multi-claim.837", sample);

        // a refused connection fails the poll; a poll that took the file would show at once rather than time out
        await().atMost(WAIT).until(() -> !polls.errors.isEmpty() || polls.polled.get() > 0);

        assertThat(polls.polled.get()).as("messages the sftp-inbox route polled").isZero();
        assertThat(polls.errors).as("failed polls").isNotEmpty();
        Throwable error = polls.errors.get(0);
        List<String> chain = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            chain.add(t.getClass().getName() + ": " + t.getMessage());
        }
        assertThat(chain).as("cause chain").anySatisfy(m -> assertThat(m).contains("HostKey"));
        assertThat(authAttempts.get()).as("authentication attempts reaching the server").isZero();
        assertThat(remote.resolve("inbox/clean-multi-claim.837")).hasBinaryContent(sample);
        assertThat(names(remote.resolve("inbox"))).containsExactly("clean-multi-claim.837");
        assertThat(names(settings.folders().inbox())).isEmpty();
        assertThat(ledger.files()).isEmpty();
    }

    /** The gateway as {@code claimgate serve} assembles it, pointed at the test server. */
    private void startGateway(Path knownHosts) throws Exception {
        Path key = dir.resolve("client/id_rsa");
        Files.createDirectories(key.getParent());
        writePkcs8(clientKey, key);

        Properties p = new Properties();
        p.setProperty("claimgate.gateway.dir", dir.resolve("gateway").toString());
        p.setProperty("claimgate.gateway.node", "node-a");
        p.setProperty("claimgate.ledger.url", "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0");
        p.setProperty("claimgate.gateway.poll-ms", "200");
        p.setProperty("claimgate.gateway.read-lock-min-age-ms", "300");
        p.setProperty("claimgate.sftp.host", "127.0.0.1");
        p.setProperty("claimgate.sftp.port", String.valueOf(server.getPort()));
        p.setProperty("claimgate.sftp.user", USER);
        p.setProperty("claimgate.sftp.private-key-file", key.toString());
        p.setProperty("claimgate.sftp.known-hosts-file", knownHosts.toString());
        p.setProperty("claimgate.sftp.inbox", "inbox");
        p.setProperty("claimgate.sftp.outbox", "outbox");
        p.setProperty("claimgate.sftp.poll-ms", "200");
        settings = GatewaySettings.load(dir, null, p);

        ledger = Ledger.open(settings.ledger());
        Gateway gateway = new Gateway(settings, ledger,
                new ScrubService(settings.folders().out(), Samples.csvExport(), Samples.rules()),
                new GatewayMetrics());
        GatewayRoutes routes = new GatewayRoutes(settings, gateway);

        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(10);
        polls.delegate = routes.sftpIntake();
        camel.getRegistry().bind("pollRecorder", polls);
        camel.addRoutes(routes);
        // the production URI, with the recorder around the production poll strategy: the only difference from
        // what serve runs
        AdviceWith.adviceWith(camel, "sftp-inbox", a -> a.replaceFromWith(routes.sftpInboxUri("pollRecorder")));
        camel.start();

        String outbox = routes.sftpOutboxUri();
        ProducerTemplate template = camel.createProducerTemplate();
        gateway.uploader(files -> {
            for (Path f : files) {
                template.sendBodyAndHeader(outbox, f.toFile(), Exchange.FILE_NAME, f.getFileName().toString());
            }
        });
    }

    /** Waits for the ledger to finish the file, then insists it is done (not rejected or quarantined). */
    private FileRecord awaitDone(String name) {
        FileRecord f = await().atMost(WAIT).until(() -> ledger.files().stream()
                .filter(r -> r.fileName().equals(name) && r.state().terminal()).findFirst().orElse(null),
                r -> r != null);
        assertThat(f.state()).as("ledger state of %s", name).isEqualTo(FileState.DONE);
        return f;
    }

    /** A file that appears on the server whole, as a careful uploader would leave it. */
    private Path putRemote(String name, byte[] bytes) throws IOException {
        Path tmp = remote.resolve("inbox.tmp-" + name.hashCode());
        Files.write(tmp, bytes);
        return Files.move(tmp, remote.resolve("inbox").resolve(name));
    }

    /** {@code [127.0.0.1]:PORT <type> <base64>}: the only line, so only this key is trusted. */
    private Path knownHosts(PublicKey key) throws IOException {
        Path file = dir.resolve("client/known_hosts");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key) + "\n",
                StandardCharsets.US_ASCII);
        return file;
    }

    /** Unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), which JSch reads. */
    private static void writePkcs8(KeyPair key, Path file) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static KeyPair rsaKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String extension(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Records what each poll of the sftp-inbox route did (how many messages it took, or why it failed), around the
     * production poll strategy ({@link SftpIntake}), which it calls as Camel would.
     */
    static final class PollRecorder implements PollingConsumerPollStrategy {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger polled = new AtomicInteger();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        volatile PollingConsumerPollStrategy delegate;

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return delegate.begin(consumer, endpoint);
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            delegate.commit(consumer, endpoint, polledMessages);
            polled.addAndGet(polledMessages);
            commits.incrementAndGet();
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause)
                throws Exception {
            errors.add(cause);
            return delegate.rollback(consumer, endpoint, retryCounter, cause);
        }
    }
}
