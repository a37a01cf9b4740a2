package io.claimgate.ledger;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ledger adds to an H2 URL, and which H2 databases a first start builds aside. */
class LedgerUrlTest {
    @Test
    void anEmbeddedH2UrlGetsDurabilityAndNoTraceFileUnlessItSaysOtherwise() {
        assertThat(Ledger.durable("jdbc:h2:file:/srv/ledger")).isEqualTo(
                "jdbc:h2:file:/srv/ledger;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=4");
        assertThat(Ledger.durable("jdbc:h2:file:/srv/ledger;trace_level_file=1")).isEqualTo(
                "jdbc:h2:file:/srv/ledger;trace_level_file=1;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Ledger.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(Ledger.durable("jdbc:postgresql://db/claimgate")).isEqualTo("jdbc:postgresql://db/claimgate");
    }

    @Test
    void onlyEmbeddedH2FilesAreBuiltAside() {
        assertThat(FirstStart.database("jdbc:h2:file:/srv/ledger;WRITE_DELAY=0")).isEqualTo(Path.of("/srv/ledger"));
        assertThat(FirstStart.database("jdbc:h2:/srv/a/../ledger")).isEqualTo(Path.of("/srv/ledger"));
        assertThat(FirstStart.database("jdbc:h2:~/ledger")).isEqualTo(Path.of(System.getProperty("user.home"),
                "ledger"));
        assertThat(FirstStart.database("jdbc:h2:./data/ledger")).isEqualTo(Path.of("data/ledger").toAbsolutePath());
        assertThat(FirstStart.database("jdbc:h2:file:/srv/ledger;IFEXISTS=TRUE")).isNull();
        assertThat(FirstStart.database("jdbc:h2:mem:ledger")).isNull();
        assertThat(FirstStart.database("jdbc:h2:tcp://db/ledger")).isNull();
        assertThat(FirstStart.database("jdbc:h2:nio:/srv/ledger")).isNull();
        assertThat(FirstStart.database("jdbc:postgresql://db/claimgate")).isNull();
    }
}
