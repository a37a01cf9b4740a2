package io.claimgate.hostile;

import io.claimgate.Samples;
import io.claimgate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty file in the inbox (found by the malformed corpus): Camel's {@code readLock=changed} by default never
 * takes a file of length 0, and waited out its read-lock timeout on every poll, so the empty file stayed in the
 * inbox for good and {@code serve --drain} went idle and exited with good files still unprocessed. It must be
 * taken like any other file: rejected (not X12) and archived, the good files done.
 */
class EmptyFileInInboxTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsRejectedAndDoesNotHoldUpTheInbox() throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("gw/inbox"));
        Files.write(inbox.resolve("a-empty.837"), new byte[0]);
        Files.copy(Samples.CLAIMS.resolve("multi-st-gs.837"), inbox.resolve("b-good.837"));
        Files.copy(Samples.CLAIMS.resolve("delimiters-in-ids.837"), inbox.resolve("c-good.837"));
        try (Stream<Path> s = Files.list(inbox)) {
            for (Path f : s.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
            }
        }
        int exit = Main.run("serve", "--drain", "--idle-seconds", "2", "--config", Samples.CONFIG.toString(),
                "--mappings", Samples.MAPPINGS.toString(),
                "--set", "claimgate.gateway.dir=" + dir.resolve("gw"),
                "--set", "claimgate.ledger.url=jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(),
                "--set", "claimgate.gateway.poll-ms=100", "--set", "claimgate.gateway.read-lock-min-age-ms=100",
                "--set", "claimgate.management.port=-1");
        List<Path> archived;
        try (Stream<Path> s = Files.walk(dir.resolve("gw/archive"))) {
            archived = s.filter(Files::isRegularFile).toList();
        }
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s.filter(p -> !p.getFileName().toString().startsWith("."))).as("left in the inbox").isEmpty();
        }
        assertThat(archived).hasSize(3);
        assertThat(exit).as("the empty file is rejected").isEqualTo(Main.REJECTED);
        try (Stream<Path> s = Files.list(dir.resolve("gw/reports"))) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".findings.json")).toList()).hasSize(3)
                    .anySatisfy(r -> assertThat(Files.readString(r)).contains("X12-NOT-X12"));
        }
    }
}
