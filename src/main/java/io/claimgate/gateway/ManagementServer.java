package io.claimgate.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Health and metrics over HTTP, bound to 127.0.0.1 unless configured otherwise:
 * {@code /health/live} (the process answers), {@code /health/ready} (inbox reachable and writable, ledger
 * reachable, SFTP server answering with an SSH banner when configured; 503 with the failing checks otherwise) and
 * {@code /metrics} (Prometheus text).
 */
public final class ManagementServer implements AutoCloseable {
    private final HttpServer server;
    private final GatewaySettings settings;
    private final Gateway gateway;

    public ManagementServer(GatewaySettings settings, Gateway gateway) throws IOException {
        this.settings = settings;
        this.gateway = gateway;
        this.server = HttpServer.create(new InetSocketAddress(settings.managementHost(), settings.managementPort()),
                16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "claimgate-management");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health/live", ex -> send(ex, 200, "text/plain", "UP\n"));
        server.createContext("/health/ready", this::ready);
        server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4",
                gateway.metrics().prometheus()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
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

    private void ready(HttpExchange ex) throws IOException {
        Map<String, Boolean> checks = checks();
        boolean up = checks.values().stream().allMatch(b -> b);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"checks\":{");
        int i = 0;
        for (Map.Entry<String, Boolean> e : checks.entrySet()) {
            json.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"")
                    .append(e.getValue() ? "UP" : "DOWN").append('"');
        }
        json.append("}}\n");
        send(ex, up ? 200 : 503, "application/json", json.toString());
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

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
