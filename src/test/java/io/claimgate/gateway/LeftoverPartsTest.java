package io.claimgate.gateway;

import io.claimgate.Samples;
import io.claimgate.ledger.Ledger;
import io.claimgate.scrub.ScrubService;
import io.claimgate.x12.InterchangeScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hidden partial outputs ({@code .NAME.KIND.part}, patient data) that a crash left in the shared output folders:
 * removed when their file reaches a terminal state, and at start for the files this node holds or when untouched
 * for {@code stale-after-s}; another node's fresh ones, which it may be writing right now, are left alone.
 */
class LeftoverPartsTest {
    @TempDir
    Path dir;

    private Ledger ledger;
    private Gateway gateway;
    private GatewaySettings settings;

    private void start() throws IOException {
        settings = GatewayFiles.settings(dir, "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0", "node-p");
        ledger = Ledger.open(settings.ledger());
        gateway = new Gateway(settings, ledger, new ScrubService(settings.folders().out(), Samples.csvExport(),
                Samples.rules()), new GatewayMetrics());
    }

    @AfterEach
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static Path part(Path folder, String name) throws IOException {
        return Files.writeString(folder.resolve(name), "ISA*00*partial*NM1*IL*1*TESTPATIENT~",
                StandardCharsets.US_ASCII);
    }

    @Test
    void atStartThePartsOfFilesThisNodeHoldsAndStalePartsGoAnotherNodesFreshPartsStay() throws Exception {
        start();
        GatewaySettings.Folders f = settings.folders();
        // a crash left a file in this node's work folder, with partial outputs
        Path taken = Files.writeString(dir.resolve("taken"), GatewayFiles.withControl(700), StandardCharsets.US_ASCII);
        String name = Gateway.outputName(InterchangeScan.of(taken));
        Files.move(taken, f.processing().resolve("node-p").resolve(name + ".x12"));
        Path mine837 = part(f.accepted(), "." + name + ".837.part");
        Path mine999 = part(f.acks(), "." + name + ".999.part");
        // another node is writing this one now
        Path theirs = part(f.accepted(), ".OTHER_000000777_aaaaaaaaaaaa.837.part");
        // nobody has touched this one for longer than stale-after
        Path stale = part(f.reports(), ".OLD_000000778_bbbbbbbbbbbb.findings.csv.part");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(settings.staleAfter()).minusSeconds(60)));
        Path committed = part(f.accepted(), "DONE_000000779_cccccccccccc.837");

        gateway.reconcile();

        assertThat(mine837).doesNotExist();
        assertThat(mine999).doesNotExist();
        assertThat(stale).doesNotExist();
        assertThat(theirs).exists();
        assertThat(committed).exists();
        assertThat(f.inbox().resolve(name + ".x12")).exists(); // the file itself went back to the inbox
    }

    @Test
    void aFileThatReachesATerminalStateLeavesNoPartialOutputOfAnEarlierAttempt() throws Exception {
        start();
        GatewaySettings.Folders f = settings.folders();
        Path file = GatewayFiles.drop(f.inbox(), "clean.837", GatewayFiles.withControl(710));
        String name = Gateway.outputName(InterchangeScan.of(file));
        // an earlier attempt that crashed elsewhere wrote outputs this one does not (a rejected 837P, a TA1)
        Path rejected = part(f.rejected(), "." + name + ".837.part");
        Path ta1 = part(f.acks(), "." + name + ".ta1.part");
        Path theirs = part(f.accepted(), ".OTHER_000000777_aaaaaaaaaaaa.837.part");

        assertThat(gateway.receive(file)).isEqualTo(Gateway.Outcome.DONE);

        assertThat(rejected).doesNotExist();
        assertThat(ta1).doesNotExist();
        assertThat(theirs).exists();
        assertThat(CrashTest.parts(f.out())).containsExactly(theirs);
    }
}
