package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port with slow clients on it, over real sockets: connections that send nothing and connections
 * that send half a request line and stop must neither hold up another client's health checks (a liveness probe
 * that times out restarts the gateway, and restarts count toward a file's quarantine) nor stay open for ever.
 */
class ManagementServerTest {
    /** More stalled clients than a small pool has workers: a server that reads a request on a worker starves. */
    static final int HALF_REQUESTS = 12;
    static final int SILENT = 4;

    @TempDir
    Path dir;

    @Test
    void stalledClientsNeitherHoldUpTheHealthChecksNorStayConnected() throws Exception {
        GatewaySettings settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-m", "claimgate.management.port", "0");
        try (Ledger ledger = Ledger.open(settings.ledger())) {
            Gateway gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(),
                    Samples.csvExport(), Samples.rules()), new GatewayMetrics());
            try (ManagementServer management = new ManagementServer(settings, gateway)) {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", management.port());
                List<Socket> stalled = new ArrayList<>();
                try {
                    for (int i = 0; i < SILENT; i++) {
                        stalled.add(connect(address)); // connects, sends nothing
                    }
                    for (int i = 0; i < HALF_REQUESTS; i++) {
                        Socket s = connect(address);
                        s.getOutputStream().write("GET /health/li".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        stalled.add(s);
                    }
                    long opened = System.nanoTime();

                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + management.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        System.out.printf("management test: %s answered %d in %d ms with %d stalled connections "
                                + "open%n", path, r.statusCode(), ms, stalled.size());
                        assertThat(r.statusCode()).as(path).isEqualTo(200); // answered at all (never, before)
                    }

                    // the server closes each stalled connection once it has been idle for its timeout
                    for (Socket s : stalled) {
                        assertThat(closedByServer(s, ManagementServer.IDLE_TIMEOUT.plusSeconds(10)))
                                .as("stalled connection closed by the server").isTrue();
                    }
                    long closedAfter = (System.nanoTime() - opened) / 1_000_000;
                    System.out.printf("management test: %d stalled connections closed by the server within %d ms "
                            + "(idle timeout %d ms)%n", stalled.size(), closedAfter,
                            ManagementServer.IDLE_TIMEOUT.toMillis());
                } finally {
                    for (Socket s : stalled) {
                        s.close();
                    }
                }
            }
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 2000);
        return s;
    }

    /**
     * Whether the server closes the connection within {@code within}: reads (and drops whatever it sends, e.g. a
     * 408) until end of stream, a reset, or the time runs out.
     */
    private static boolean closedByServer(Socket s, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[512];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            s.setSoTimeout((int) left);
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset by the server
            }
        }
    }
}
