package io.claimgate.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Which files a poll may take: no newer than the limit-th oldest waiting file. */
class OldestFirstTest {
    @TempDir
    Path inbox;

    private Path file(String name, long modifiedMs) throws IOException {
        Path f = Files.writeString(inbox.resolve(name), "ISA");
        Files.setLastModifiedTime(f, FileTime.fromMillis(modifiedMs));
        return f;
    }

    @Test
    void theLimitThOldestWaitingFileIsTheNewestAPollTakes() throws IOException {
        long t = 1_700_000_000_000L;
        file("e.837", t + 5000);
        file("a.837", t + 1000);
        file("d.837", t + 4000);
        file("b.837", t + 2000);
        file("c.837", t + 3000);
        file(".hidden.837", t); // Camel never takes hidden files: they do not count
        Files.createDirectory(inbox.resolve("sub"));

        assertThat(new OldestFirst(inbox, 3, null).newestToTake()).isEqualTo(t + 3000);
        assertThat(new OldestFirst(inbox, 1, null).newestToTake()).isEqualTo(t + 1000);
        assertThat(new OldestFirst(inbox, 5, null).newestToTake()).isEqualTo(t + 5000);
        assertThat(new OldestFirst(inbox, 6, null).newestToTake()).as("fewer waiting than the limit")
                .isEqualTo(Long.MAX_VALUE);
        assertThat(new OldestFirst(inbox.resolve("missing"), 3, null).newestToTake()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void withADoneFileContractOnlyFilesWithTheirDoneFileAreWaiting() throws IOException {
        long t = 1_700_000_000_000L;
        file("a.837", t + 1000); // not done yet: older, but not waiting to be taken
        file("b.837", t + 2000);
        file("b.837.done", t + 9000);
        file("c.837", t + 3000);
        file("c.837.done", t + 9000);

        assertThat(new OldestFirst(inbox, 1, ".done").newestToTake()).isEqualTo(t + 2000);
        assertThat(new OldestFirst(inbox, 2, ".done").newestToTake()).isEqualTo(t + 3000);
        assertThat(new OldestFirst(inbox, 3, ".done").newestToTake()).isEqualTo(Long.MAX_VALUE);
    }
}
