package io.claimgate.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the denial analysis knows about remittance codes, from two dated tables in {@code config/reference}:
 * {@code remit-codes.csv} (each CARC and RARC with its category and whether it is a contractual write-off) and
 * {@code denial-rules.csv} (which claimgate rule would have prevented a denial, by group, CARC and RARC).
 */
public record RemitCodes(Map<String, Code> carcs, Map<String, Code> rarcs, List<Prevention> preventions,
                         Map<String, String> sources) {

    /** Categories of {@code remit-codes.csv}. */
    public static final List<String> CATEGORIES = List.of("FIX", "DOC", "CON", "ELIG", "PT", "INFO");

    /** A CARC or RARC. {@code writeOff}: a contractual reduction the provider expects (CO-45 and its kin). */
    public record Code(String code, String category, boolean writeOff, String meaning) {
    }

    /**
     * A row of {@code denial-rules.csv}: {@code *} in group or RARC matches anything.
     *
     * @param rule   the claimgate rule id that would have prevented the denial
     * @param action what to do about it
     */
    public record Prevention(String group, String carc, String rarc, String rule, String action) {
        int specificity() {
            return (group.equals("*") ? 0 : 2) + (rarc.equals("*") ? 0 : 4);
        }

        boolean matches(String g, String c, String r) {
            return carc.equals(c) && (group.equals("*") || group.equals(g)) && (rarc.equals("*") || rarc.equals(r));
        }
    }

    public RemitCodes {
        carcs = Map.copyOf(carcs);
        rarcs = Map.copyOf(rarcs);
        preventions = List.copyOf(preventions);
        sources = Map.copyOf(sources);
    }

    public static RemitCodes load(Path referenceDir) {
        Map<String, String> sources = new HashMap<>();
        Csv codes = Csv.read(referenceDir.resolve("remit-codes.csv"), "kind", "code", "category", "writeoff",
                "meaning");
        ReferenceTables.dated(codes, sources);
        Map<String, Code> carcs = new HashMap<>();
        Map<String, Code> rarcs = new HashMap<>();
        int kind = codes.column("kind");
        int code = codes.column("code");
        int category = codes.column("category");
        int writeOff = codes.column("writeoff");
        int meaning = codes.column("meaning");
        for (List<String> row : codes.rows) {
            String k = Csv.field(row, kind).toUpperCase(Locale.ROOT);
            String c = Csv.field(row, code).toUpperCase(Locale.ROOT);
            String cat = Csv.field(row, category).toUpperCase(Locale.ROOT);
            if (!CATEGORIES.contains(cat)) {
                throw new ConfigException(codes.file + ": unknown category " + cat + " for " + c);
            }
            Code value = new Code(c, cat, "Y".equalsIgnoreCase(Csv.field(row, writeOff)), Csv.field(row, meaning));
            Map<String, Code> target = switch (k) {
                case "CARC" -> carcs;
                case "RARC" -> rarcs;
                default -> throw new ConfigException(codes.file + ": kind must be CARC or RARC, not " + k);
            };
            if (target.put(c, value) != null) {
                throw new ConfigException(codes.file + ": " + k + " " + c + " is listed twice");
            }
        }
        Csv rules = Csv.read(referenceDir.resolve("denial-rules.csv"), "group", "carc", "rarc", "rule", "action");
        ReferenceTables.dated(rules, sources);
        List<Prevention> preventions = new java.util.ArrayList<>();
        for (List<String> row : rules.rows) {
            Prevention p = new Prevention(Csv.field(row, rules.column("group")).toUpperCase(Locale.ROOT),
                    Csv.field(row, rules.column("carc")).toUpperCase(Locale.ROOT),
                    Csv.field(row, rules.column("rarc")).toUpperCase(Locale.ROOT),
                    Csv.field(row, rules.column("rule")), Csv.field(row, rules.column("action")));
            if (p.carc().isEmpty() || p.rule().isEmpty()) {
                throw new ConfigException(rules.file + ": every row needs a CARC and a rule");
            }
            preventions.add(p);
        }
        return new RemitCodes(carcs, rarcs, preventions, sources);
    }

    /**
     * The rule that would have prevented an adjustment with this group, CARC and any of these RARCs: the most
     * specific matching row of {@code denial-rules.csv}.
     */
    public Optional<Prevention> prevention(String group, String carc, List<String> remarks) {
        Prevention best = null;
        for (Prevention p : preventions) {
            boolean any = remarks.isEmpty() ? p.matches(group, carc, "") || p.rarc().equals("*") && p.matches(group,
                    carc, "*") : remarks.stream().anyMatch(r -> p.matches(group, carc, r));
            if (any && (best == null || p.specificity() > best.specificity())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}
