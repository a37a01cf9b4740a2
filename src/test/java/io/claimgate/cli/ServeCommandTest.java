package io.claimgate.cli;

import io.claimgate.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code claimgate serve --drain} in-process: scrub's exit codes, and configuration errors exit 2. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private int serve(String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--drain", "--idle-seconds", "1",
                "--config", Samples.CONFIG.toString(), "--mappings", Samples.MAPPINGS.toString(),
                "--set", "claimgate.gateway.dir=" + dir.resolve("gw"),
                "--set", "claimgate.ledger.url=jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(),
                "--set", "claimgate.gateway.poll-ms=100", "--set", "claimgate.gateway.read-lock-min-age-ms=100"));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    private void drop(String sample) throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("gw/inbox"));
        Path f = Files.copy(Samples.CLAIMS.resolve(sample), inbox.resolve(sample));
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
    }

    private long archived() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("gw/archive"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void drainingAnInboxOfCleanClaimsExitsZero() throws IOException {
        drop("clean-multi-claim.837");
        assertThat(serve("--set", "claimgate.management.port=-1")).isEqualTo(0);
        assertThat(archived()).isEqualTo(1);
        assertThat(dir.resolve("gw/accepted")).isDirectoryContaining(p -> p.toString().endsWith(".837"));
    }

    @Test
    void drainingAnInboxWithARejectedClaimExitsOne() throws IOException {
        drop("clean-multi-claim.837");
        drop("claim-charge-unbalanced.837");
        assertThat(serve("--set", "claimgate.management.port=-1")).isEqualTo(1);
        assertThat(archived()).isEqualTo(2);
    }

    @Test
    void configurationErrorsExitTwo() throws IOException {
        assertThat(serve("--set", "claimgate.gateway.no-such-setting=1")).isEqualTo(2);
        assertThat(serve("--set", "claimgate.gateway.poll-ms=soon")).isEqualTo(2);
        assertThat(serve("--set", "claimgate.ledger.url=not-jdbc")).isEqualTo(2);
        assertThat(serve("--set", "claimgate.sftp.host=127.0.0.1")).isEqualTo(2); // no key, no known hosts
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(serve("--set", "claimgate.management.port=" + busy.getLocalPort())).isEqualTo(2);
        }
        assertThat(dir.resolve("gw/archive")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }
}
