package io.claimgate.rules;

import io.claimgate.Samples;
import io.claimgate.finding.Rule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCatalogueTest {

    @Test
    void idsAreStableInShapeAndUnique() {
        assertThat(RuleCatalogue.all()).extracting(Rule::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[A-Z0-9]+(-[A-Z0-9]+)+"));
        assertThat(RuleCatalogue.all()).allSatisfy(r -> {
            assertThat(r.reference()).isNotBlank();
            assertThat(r.summary()).isNotBlank();
        });
    }

    @Test
    void theReadmeShowsTheCatalogue() throws IOException {
        String readme = Files.readString(Samples.ROOT.resolve("README.md"));
        String begin = "<!-- rule-catalogue:begin -->\n";
        String end = "<!-- rule-catalogue:end -->";
        assertThat(readme).contains(begin, end);
        String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
        assertThat(table).as("README rule table; regenerate it from RuleCatalogue.markdownTable()")
                .isEqualTo(RuleCatalogue.markdownTable());
    }
}
