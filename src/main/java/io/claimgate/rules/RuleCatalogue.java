package io.claimgate.rules;

import io.claimgate.finding.Rule;
import io.claimgate.x12.X12Rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule claimgate applies, in one list: ids, severities, outcomes, acknowledgment codes and references. The
 * README's rule table is rendered from here (and a test keeps the two equal).
 */
public final class RuleCatalogue {
    private RuleCatalogue() {
    }

    public static List<Rule> all() {
        List<Rule> rules = new ArrayList<>(List.of(X12Rule.values()));
        rules.addAll(List.of(io.claimgate.rules.therapy.TherapyRule.values()));
        rules.addAll(List.of(RemitRule.values()));
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("duplicate rule id " + r.id());
            }
        }
        return List.copyOf(rules);
    }

    /** The catalogue as a Markdown table. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| id | severity | outcome | acknowledgment | 277CA status | reference | what it checks |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Rule r : all()) {
            sb.append("| `").append(r.id()).append("` | ").append(r.severity()).append(" | ").append(r.outcome())
                    .append(" | ").append(r.ackCode() == null ? "report only" : r.ackCode().element() + " = "
                            + r.ackCode().code())
                    .append(" | ").append(r.claimStatus() == null ? "" : r.claimStatus())
                    .append(" | ").append(r.reference()).append(" | ").append(r.summary()).append(" |\n");
        }
        return sb.toString();
    }
}
