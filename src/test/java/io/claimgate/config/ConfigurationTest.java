package io.claimgate.config;

import io.claimgate.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theShippedConfigurationLoads() {
        Configuration c = Configuration.load(Samples.CONFIG);
        assertThat(c.policies().all()).extracting(PayerPolicy::name)
                .contains("medicare", "commercial-example", "default");
        assertThat(c.tables().mueUnits()).containsEntry("97530", 6);
        assertThat(c.tables().timedCodes()).contains("97530", "97110").doesNotContain("97150");
        assertThat(c.tables().untimedCodes()).contains("97150", "97161");
        assertThat(c.tables().discipline("225100000X")).contains("GP");
        assertThat(c.tables().discipline("225X00000X")).contains("GO");
        assertThat(c.tables().discipline("235Z00000X")).contains("GN");
        assertThat(c.tables().discipline("207Q00000X")).isEmpty();
        assertThat(c.tables().kxThresholds()).containsEntry(2026, new java.math.BigDecimal("2480.00"));
        assertThat(c.tables().ptpPairs()).anySatisfy(p -> {
            assertThat(p.column1()).isEqualTo("97140");
            assertThat(p.column2()).isEqualTo("97530");
            assertThat(p.modifierIndicator()).isEqualTo(1);
            assertThat(p.inForceOn(LocalDate.of(2026, 3, 1))).isTrue();
            assertThat(p.inForceOn(LocalDate.of(2019, 3, 1))).isFalse();
        });
        assertThat(c.tables().sources()).containsKeys("mue-practitioner.csv", "kx-thresholds.csv");
    }

    @Test
    void policiesAreChosenByPayerIdThenFilingIndicatorThenDefault() {
        Policies p = Configuration.load(Samples.CONFIG).policies();
        assertThat(p.forClaim("SYNCOM01", "MB").name()).isEqualTo("commercial-example");
        assertThat(p.forClaim("OTHER", "MB").name()).isEqualTo("medicare");
        assertThat(p.forClaim("OTHER", "CI").name()).isEqualTo("commercial-example");
        assertThat(p.forClaim("OTHER", "ZZ").name()).isEqualTo("default");
        assertThat(p.forClaim(null, null).name()).isEqualTo("default");
    }

    private Path copyConfig() throws IOException {
        return Samples.copyConfig(dir);
    }

    @Test
    void anUnknownKeyStopsTheStartNamingFileAndKey() throws IOException {
        Path config = copyConfig();
        Path medicare = config.resolve("payers/medicare.yaml");
        Files.writeString(medicare, Files.readString(medicare).replace("ncci: true", "ncci: true\nmeu: 6"));
        assertThatThrownBy(() -> Configuration.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("medicare.yaml").hasMessageContaining("unknown key 'meu'");
    }

    @Test
    void aMissingTableStopsTheStart() throws IOException {
        Path config = copyConfig();
        Files.delete(config.resolve("reference/kx-thresholds.csv"));
        assertThatThrownBy(() -> Configuration.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kx-thresholds.csv");
    }

    @Test
    void aTableWithoutDateOrSourceStopsTheStart() throws IOException {
        Path config = copyConfig();
        Path timed = config.resolve("reference/timed-codes.csv");
        Files.writeString(timed, Files.readString(timed).replaceAll("(?m)^# as-of:.*$", ""));
        assertThatThrownBy(() -> Configuration.load(config)).hasMessageContaining("as-of");
    }

    @Test
    void exactlyOneDefaultPolicy() throws IOException {
        Path config = copyConfig();
        Files.delete(config.resolve("payers/default.yaml"));
        assertThatThrownBy(() -> Configuration.load(config)).hasMessageContaining("default: true");
    }

    @Test
    void kxNeedsAnEstimate() throws IOException {
        Path config = copyConfig();
        Path medicare = config.resolve("payers/medicare.yaml");
        Files.writeString(medicare, Files.readString(medicare).replaceAll("(?m)^  estimatePerUnit:.*$", ""));
        assertThatThrownBy(() -> Configuration.load(config)).hasMessageContaining("estimatePerUnit");
    }

    @Test
    void theCmsMueFileLayoutLoadsWithItsPreamble() throws IOException {
        Path config = copyConfig();
        Files.writeString(config.resolve("reference/mue-practitioner.csv"), """
                "CPT codes, descriptions and other data only are copyright 2025 American Medical Association."
                "MUE values as of 10/01/2026"
                # as-of: 2026-10-01
                # source: CMS MCR_MUE_PractitionerServices_Eff_10-01-2026.csv
                "HCPCS/CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"
                "97530","5","3 Date of Service Edit: Clinical","Clinical: Data"
                "97110","6","3 Date of Service Edit: Clinical","Clinical: Data"
                """);
        assertThat(Configuration.load(config).tables().mueUnits()).containsEntry("97530", 5).containsEntry("97110", 6);
    }

    @Test
    void theCmsPtpFileLayoutLoadsTabSeparated() throws IOException {
        Path config = copyConfig();
        Files.writeString(config.resolve("reference/ncci-ptp-97530.csv"), "# as-of: 2026-10-01\n"
                + "# source: CMS ccipra-v323r0-f1\n"
                + "Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\t"
                + "Modifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n"
                + "97140\t97530\t\t20200101\t*\t1\tMutually exclusive procedures\n"
                + "97530\t97750\t\t20210101\t20220101\t0\tMisuse\n");
        var pairs = Configuration.load(config).tables().ptpPairs();
        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(1).deleted()).isEqualTo(LocalDate.of(2022, 1, 1));
        assertThat(pairs.get(1).inForceOn(LocalDate.of(2026, 1, 1))).isFalse();
    }
}
