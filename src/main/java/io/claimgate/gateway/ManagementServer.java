package io.claimgate.gateway;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health and metrics over HTTP, bound to 127.0.0.1 unless configured otherwise:
 * {@code /health/live} (the process answers), {@code /health/ready} (inbox reachable and writable, ledger
 * reachable, SFTP server answering with an SSH banner when configured; 503 with the failing checks otherwise) and
 * {@code /metrics} (Prometheus text).
 *
 * <p>A stalled client must not silence the port: a liveness probe that times out restarts the gateway, and
 * restarts count toward a file's quarantine. Jetty reads request heads without blocking, so a client that connects
 * and sends nothing, or half a request line, holds no worker; it is closed after {@link #IDLE_TIMEOUT}. The JDK's
 * server reads each request on a worker thread with no read timeout (measured: one half-sent request line blocked a
 * one-thread server for good, twelve blocked a four-thread one).
 */
public final class ManagementServer implements AutoCloseable {
    /** A connection that sends nothing (or stops sending mid-request) for this long is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** Workers that run the handlers; reading and parsing requests takes none of them. */
    static final int WORKERS = 4;

    private final Server server;
    private final ServerConnector connector;
    private final GatewaySettings settings;
    private final Gateway gateway;

    public ManagementServer(GatewaySettings settings, Gateway gateway) throws IOException {
        this.settings = settings;
        this.gateway = gateway;
        QueuedThreadPool workers = new QueuedThreadPool(WORKERS + 2, 2); // + the acceptor and the selector
        workers.setName("claimgate-management");
        workers.setDaemon(true);
        workers.setReservedThreads(0);
        server = new Server(workers, new ScheduledExecutorScheduler("claimgate-management-timer", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.managementHost());
        connector.setPort(settings.managementPort());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setStopTimeout(1000);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return route(request, response, callback);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException bind) {
                    throw bind;
                }
            }
            throw e instanceof IOException io ? io : new IOException("management server did not start", e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    private boolean route(Request request, Response response, Callback callback) {
        switch (request.getHttpURI().getPath()) {
            case "/health/live" -> send(response, callback, 200, "text/plain", "UP\n");
            case "/health/ready" -> ready(response, callback);
            case "/metrics" -> send(response, callback, 200, "text/plain; version=0.0.4",
                    gateway.metrics().prometheus());
            default -> {
                return false; // 404
            }
        }
        return true;
    }

    /** The readiness checks, each up or down. */
    public Map<String, Boolean> checks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("inbox", Files.isDirectory(settings.folders().inbox()) && Files.isWritable(settings.folders().inbox()));
        checks.put("ledger", gateway.ledger().reachable());
        if (settings.sftp() != null) {
            checks.put("sftp", sshAnswers(settings.sftp().host(), settings.sftp().port()));
        }
        return checks;
    }

    private void ready(Response response, Callback callback) {
        Map<String, Boolean> checks = checks();
        boolean up = checks.values().stream().allMatch(b -> b);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"checks\":{");
        int i = 0;
        for (Map.Entry<String, Boolean> e : checks.entrySet()) {
            json.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"")
                    .append(e.getValue() ? "UP" : "DOWN").append('"');
        }
        json.append("}}\n");
        send(response, callback, up ? 200 : 503, "application/json", json.toString());
    }

    static boolean sshAnswers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            byte[] banner = in.readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is ending or the port was never bound
        }
    }
}
