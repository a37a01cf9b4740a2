package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.FileRecord;
import io.claimgate.ledger.FileState;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's per-file logic ({@link Gateway#receive}) against faults that are the file's own and repeat on the
 * same bytes (issue 16): values at the edge of what the implementation guide allows, a ledger that refuses a
 * file's rows. Real files, a real H2 ledger, the real scrub service; no Camel (the tests call the gateway as the
 * drop-folder route does).
 */
class DurableTest {
    @TempDir
    Path dir;

    private Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private Gateway gateway(String... keyValues) throws Exception {
        GatewaySettings settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-a", keyValues);
        ledger = Ledger.open(settings.ledger());
        return new Gateway(settings, ledger, new ScrubService(settings.folders().out(), Samples.csvExport(),
                Samples.rules()), new GatewayMetrics());
    }

    /**
     * CLM02 of 11 digits and an SV104 of 10 (the guide allows 18 and 15): the ledger holds the values as they came,
     * and the file reaches a terminal state in one attempt, its outputs in place.
     */
    @Test
    void chargesAndUnitsAsLargeAsTheGuideAllowsAreHeldByTheLedger() throws Exception {
        Gateway gateway = gateway();
        String text = GatewayFiles.withControl(40_001)
                .replace("CLM*CG-CLEAN-001*165*", "CLM*CG-CLEAN-001*10000000045*")
                .replace("SV1*HC:97530:GP*120*UN*2*", "SV1*HC:97530:GP*10000000000*UN*1000000000*");
        Path inbox = dir.resolve("gw").resolve("inbox");
        Path file = GatewayFiles.drop(inbox, "edge.837", text);

        Gateway.Outcome outcome = gateway.receive(file);

        assertThat(outcome).isIn(Gateway.Outcome.DONE, Gateway.Outcome.REJECTED);
        FileRecord row = ledger.files().get(0);
        assertThat(row.state().terminal()).isTrue();
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(ledger.claimsOf(row.id())).anySatisfy(c -> {
            assertThat(c.charge()).isEqualByComparingTo(new BigDecimal("10000000045"));
            assertThat(c.lines()).anySatisfy(l -> {
                assertThat(l.charge()).isEqualByComparingTo(new BigDecimal("10000000000"));
                assertThat(l.units()).isEqualByComparingTo(new BigDecimal("1000000000"));
            });
        });
        assertThat(GatewayFiles.files(inbox)).isEmpty();
        for (String o : row.outputs()) {
            assertThat(dir.resolve("gw").resolve(o)).isRegularFile();
        }
    }

    /**
     * A failure that is the file's own and repeats on the same bytes (here: a ledger that refuses the file's claim
     * rows, whatever the cause) ends in quarantine after max-starts tries, and none of the tries leaves an output
     * in place: the outputs are published only once the ledger holds the rows.
     */
    @Test
    void aFailureThatRepeatsOnTheSameBytesEndsInQuarantineWithNoOutputPublished() throws Exception {
        Gateway gateway = gateway("claimgate.gateway.max-starts", "3");
        // a charge of 25 digits, beyond what the guide allows (R 1/18) and what the ledger holds: the insert fails,
        // on every try, whatever the ledger's column width
        String text = GatewayFiles.withControl(40_002).replace("CLM*CG-CLEAN-001*165*",
                "CLM*CG-CLEAN-001*1" + "0".repeat(24) + "*");
        Path inbox = dir.resolve("gw").resolve("inbox");
        Path file = GatewayFiles.drop(inbox, "refused.837", text);
        Path out = dir.resolve("gw");
        int tries = 0;
        Gateway.Outcome outcome = null;
        while (Files.exists(file) && tries < 10) {
            tries++;
            try {
                outcome = gateway.receive(file);
            } catch (java.io.IOException | RuntimeException e) {
                outcome = null; // the route would log it and try again at the next poll
            }
            for (String folder : List.of("accepted", "rejected", "acks", "reports")) {
                assertThat(GatewayFiles.files(out.resolve(folder))).as("outputs visible after try %d", tries)
                        .isEmpty();
            }
        }
        assertThat(outcome).isEqualTo(Gateway.Outcome.QUARANTINED);
        assertThat(tries).isLessThanOrEqualTo(4);
        assertThat(ledger.files()).singleElement().satisfies(f -> assertThat(f.state())
                .isEqualTo(FileState.QUARANTINED));
        assertThat(gateway.exitCode()).isEqualTo(1);
    }

    /**
     * A file that fails inside claimgate while the ledger is gone (it cannot be quarantined now) goes back to the
     * inbox, to be tried again, rather than staying in the work folder until a restart.
     */
    @Test
    void aFailureWhileTheLedgerIsGoneLeavesTheFileInTheInboxNotTheWorkFolder() throws Exception {
        GatewaySettings settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger")
                .toAbsolutePath() + ";WRITE_DELAY=0", "node-a");
        ledger = Ledger.open(settings.ledger());
        Ledger gone = ledger;
        io.claimgate.rules.ClaimCheck failing = claim -> {
            gone.close(); // the database goes away ...
            throw new IllegalStateException("a failure inside claimgate"); // ... as the file fails
        };
        Gateway gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(),
                Samples.csvExport(), failing), new GatewayMetrics());
        Path inbox = dir.resolve("gw").resolve("inbox");
        GatewayFiles.drop(inbox, "unlucky.837", GatewayFiles.withControl(40_003));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gateway.receive(inbox.resolve("unlucky.837")))
                .isNotNull();

        assertThat(GatewayFiles.files(inbox)).extracting(p -> p.getFileName().toString())
                .containsExactly("unlucky.837");
        assertThat(GatewayFiles.files(dir.resolve("gw").resolve("processing"))).isEmpty();
        ledger = null; // closed above
    }
}
