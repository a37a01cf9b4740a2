package io.claimgate.config;

import io.claimgate.scrub.ScrubService;
import io.claimgate.x12.ClaimReader;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputLimitsTest {

    @Test
    void theConfiguredDefaultsAreTheReadersAndTheScrubsDefaults() {
        ClaimReader.Limits reader = ClaimReader.Limits.DEFAULT;
        InputLimits d = InputLimits.DEFAULT;
        assertThat(new ClaimReader.Limits(d.maxSegmentLength(), d.maxClaimsPerSet(), d.maxLinesPerClaim(),
                d.maxSegmentsPerClaim())).isEqualTo(reader);
        assertThat(d.maxFileBytes()).isEqualTo(ScrubService.DEFAULT_MAX_FILE_BYTES);
        assertThat(InputLimits.load(java.nio.file.Path.of("config", "application.properties"))).isEqualTo(d);
    }

    @Test
    void settingsOverrideTheDefaultsAndBadOnesAreRefusedWithTheirKey() {
        Properties p = new Properties();
        p.setProperty("claimgate.limits.max-claims-per-set", "100");
        p.setProperty("claimgate.limits.max-file-bytes", "5_000_000_000");
        InputLimits l = InputLimits.from(p);
        assertThat(l.maxClaimsPerSet()).isEqualTo(100);
        assertThat(l.maxFileBytes()).isEqualTo(5_000_000_000L);
        assertThat(l.maxLinesPerClaim()).isEqualTo(50);

        p.setProperty("claimgate.limits.max-lines-per-claim", "fifty");
        assertThatThrownBy(() -> InputLimits.from(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("claimgate.limits.max-lines-per-claim");
        p.setProperty("claimgate.limits.max-lines-per-claim", "0");
        assertThatThrownBy(() -> InputLimits.from(p)).isInstanceOf(ConfigException.class);
        p.setProperty("claimgate.limits.max-lines-per-claim", "9999999999");
        assertThatThrownBy(() -> InputLimits.from(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("too large");
    }
}
