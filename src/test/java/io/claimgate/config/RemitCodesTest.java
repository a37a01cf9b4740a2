package io.claimgate.config;

import io.claimgate.Samples;
import io.claimgate.finding.Rule;
import io.claimgate.rules.RuleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remittance code tables: every mapped rule exists, the most specific mapping wins, bad tables are refused. */
class RemitCodesTest {
    static final RemitCodes CODES = RemitCodes.load(Samples.CONFIG.resolve("reference"));

    @TempDir
    Path dir;

    @Test
    void everyRuleTheDenialMapNamesIsInTheCatalogue() {
        Set<String> ids = RuleCatalogue.all().stream().map(Rule::id).collect(Collectors.toSet());
        assertThat(CODES.preventions()).isNotEmpty()
                .allSatisfy(p -> assertThat(ids).as(p.toString()).contains(p.rule()));
        assertThat(CODES.sources()).containsKeys("remit-codes.csv", "denial-rules.csv");
    }

    @Test
    void theMostSpecificMappingWins() {
        assertThat(CODES.prevention("CO", "151", List.of("N362")).orElseThrow().rule()).isEqualTo("CPT97530-MUE");
        assertThat(CODES.prevention("CO", "151", List.of("N430")).orElseThrow().rule())
                .isEqualTo("CPT97530-UNITS-FROM-MINUTES");
        assertThat(CODES.prevention("CO", "151", List.of()).orElseThrow().rule()).isEqualTo("CPT97530-MUE");
        assertThat(CODES.prevention("OA", "18", List.of()).orElseThrow().rule()).isEqualTo("CPT97530-DUPLICATE-LINE");
        assertThat(CODES.prevention("CO", "4", List.of("N519")).orElseThrow().rule())
                .isEqualTo("CPT97530-DISCIPLINE-CONFLICT");
        assertThat(CODES.prevention("CO", "4", List.of("N9999"))).isEmpty();
        assertThat(CODES.prevention("CO", "50", List.of("N115"))).isEmpty();
    }

    @Test
    void writeOffsAndCategoriesComeFromTheTable() {
        assertThat(CODES.carcs().get("45").writeOff()).isTrue();
        assertThat(CODES.carcs().get("151").writeOff()).isFalse();
        assertThat(CODES.carcs().get("2").category()).isEqualTo("PT");
        assertThat(CODES.rarcs().get("N362").category()).isEqualTo("FIX");
    }

    @Test
    void anUndatedTableAnUnknownCategoryOrATwiceListedCodeIsRefused() throws IOException {
        Path ref = Files.createDirectories(dir.resolve("reference"));
        Files.copy(Samples.CONFIG.resolve("reference/denial-rules.csv"), ref.resolve("denial-rules.csv"));
        Files.writeString(ref.resolve("remit-codes.csv"), "kind,code,category,writeoff,meaning\nCARC,45,CON,Y,x\n");
        assertThatThrownBy(() -> RemitCodes.load(ref)).isInstanceOf(ConfigException.class).hasMessageContaining("as-of");
        Files.writeString(ref.resolve("remit-codes.csv"), "# as-of: 2026-11-01\n# source: test\n"
                + "kind,code,category,writeoff,meaning\nCARC,45,MAYBE,Y,x\n");
        assertThatThrownBy(() -> RemitCodes.load(ref)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MAYBE");
        Files.writeString(ref.resolve("remit-codes.csv"), "# as-of: 2026-11-01\n# source: test\n"
                + "kind,code,category,writeoff,meaning\nCARC,45,CON,Y,x\nCARC,45,CON,Y,y\n");
        assertThatThrownBy(() -> RemitCodes.load(ref)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("twice");
    }
}
