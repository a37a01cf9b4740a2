package io.claimgate.gateway;

import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which files a poll may take: the limit oldest waiting files, whatever order the folder lists them in. */
class OldestFirstTest {
    private static final long T = 1_700_000_000_000L;

    @TempDir
    Path inbox;

    private Path file(String name, long modifiedMs) throws IOException {
        Path f = Files.writeString(inbox.resolve(name), "ISA");
        Files.setLastModifiedTime(f, FileTime.fromMillis(modifiedMs));
        return f;
    }

    private static long cutOff(OldestFirst o) {
        o.plan();
        return o.cutOff();
    }

    /** The names the filter passes, offered in the given order (as Camel would list them). */
    private List<String> passed(OldestFirst o, String... names) throws IOException {
        o.plan();
        List<String> taken = new java.util.ArrayList<>();
        for (String name : names) {
            GenericFile<File> g = new GenericFile<>();
            g.setFileNameOnly(name);
            g.setFileName(name);
            g.setLastModified(Files.getLastModifiedTime(inbox.resolve(name)).toMillis());
            if (o.accept(g)) {
                taken.add(name);
            }
        }
        return taken;
    }

    @Test
    void theLimitThOldestWaitingFileIsTheCutOff() throws IOException {
        file("e.837", T + 5000);
        file("a.837", T + 1000);
        file("d.837", T + 4000);
        file("b.837", T + 2000);
        file("c.837", T + 3000);
        file(".hidden.837", T); // Camel never takes hidden files or its lock markers: they do not count
        file("x.837.camelLock", T);
        Files.createDirectory(inbox.resolve("sub"));

        assertThat(cutOff(new OldestFirst(inbox, 3, null))).isEqualTo(T + 3000);
        assertThat(cutOff(new OldestFirst(inbox, 1, null))).isEqualTo(T + 1000);
        assertThat(cutOff(new OldestFirst(inbox, 5, null))).isEqualTo(T + 5000);
        assertThat(cutOff(new OldestFirst(inbox, 6, null))).as("fewer waiting than the limit")
                .isEqualTo(Long.MAX_VALUE);
        assertThat(cutOff(new OldestFirst(inbox.resolve("missing"), 3, null))).isEqualTo(Long.MAX_VALUE);
        assertThat(passed(new OldestFirst(inbox, 3, null), "e.837", "d.837", "c.837", "b.837", "a.837"))
                .containsExactly("c.837", "b.837", "a.837");
    }

    @Test
    void ofFilesSharingTheCutOffTimeOnlyAsManyAsMakeUpTheLimitPass() throws IOException {
        file("new.837", T + 9000);
        file("tie1.837", T + 3000);
        file("tie2.837", T + 3000);
        file("tie3.837", T + 3000);
        file("old.837", T + 1000);
        file("older.837", T);

        // limit 3: the two older files and one of the three at the cut-off, whichever is listed first
        assertThat(passed(new OldestFirst(inbox, 3, null), "new.837", "tie2.837", "tie1.837", "older.837",
                "tie3.837", "old.837")).containsExactly("tie2.837", "older.837", "old.837");
        assertThat(passed(new OldestFirst(inbox, 4, null), "tie3.837", "tie2.837", "tie1.837", "new.837",
                "old.837", "older.837")).containsExactly("tie3.837", "tie2.837", "old.837", "older.837");
    }

    @Test
    void withADoneFileContractOnlyFilesWithTheirDoneFileAreWaiting() throws IOException {
        file("a.837", T + 1000); // not done yet: older, but not waiting to be taken
        file("b.837", T + 2000);
        file("b.837.done", T + 9000);
        file("c.837", T + 3000);
        file("c.837.done", T + 9000);

        assertThat(cutOff(new OldestFirst(inbox, 1, ".done"))).isEqualTo(T + 2000);
        assertThat(cutOff(new OldestFirst(inbox, 2, ".done"))).isEqualTo(T + 3000);
        assertThat(cutOff(new OldestFirst(inbox, 3, ".done"))).isEqualTo(Long.MAX_VALUE);
    }
}
