package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Submits 837P files through a gateway under {@code dir} (embedded H2 ledger at {@code dir/ledger}), the way
 * {@code serve} would, so the ledger holds what was sent; for tests that then feed remittances.
 */
public final class Submitted {
    private Submitted() {
    }

    /** The ledger's JDBC URL under {@code dir}. */
    public static String ledgerUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath();
    }

    /** Submits each file; returns what became of each. */
    public static List<Gateway.Outcome> through(Path dir, Path... files) throws IOException {
        Properties p = new Properties();
        p.setProperty("claimgate.gateway.dir", dir.resolve("gw").toString());
        p.setProperty("claimgate.ledger.url", ledgerUrl(dir));
        p.setProperty("claimgate.gateway.node", "submitter");
        GatewaySettings settings = GatewaySettings.load(dir, null, p);
        List<Gateway.Outcome> outcomes = new ArrayList<>();
        try (Ledger ledger = Ledger.open(settings.ledger())) {
            Gateway gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(),
                    Samples.csvExport(), Samples.rules()), new GatewayMetrics());
            for (Path file : files) {
                Path in = Files.copy(file, settings.folders().inbox().resolve(file.getFileName()));
                Files.setLastModifiedTime(in, FileTime.from(Instant.now().minusSeconds(60)));
                outcomes.add(gateway.receive(in));
            }
        }
        return outcomes;
    }
}
