package io.claimgate.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimgate.Samples;
import io.claimgate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed corpus ({@link MalformedCorpus}) and a few good samples scrubbed as one batch through the command
 * line: the run ends with exit code 1 (rejections), not 2; every malformed input has a findings report naming at
 * least one rule id, accepts nothing, and conserves its claims or reports them not read; the good files come out
 * as they do when scrubbed alone; no unexpected exception reaches the logs or the console. Prints the counts.
 */
class MalformedBatchTest {
    /** Good samples run in the batch, copied under names that sort among the malformed ones. */
    static final List<String> GOOD = List.of("multi-st-gs.837", "delimiters-in-ids.837", "subscriber-and-dependent.837");

    /** For inputs whose cause is unambiguous, the rule id their report must name (by file name prefix). */
    static final Map<String, String> EXPECTED_REASON = Map.ofEntries(
            Map.entry("isa-10", "X12-INTERCHANGE-HEADER"),
            Map.entry("compressed-", "X12-NOT-X12"),
            Map.entry("utf16", "X12-NOT-X12"),
            Map.entry("count-se01-lies", "X12-SET-SEGMENT-COUNT"),
            Map.entry("count-ge01-lies", "X12-GROUP-SET-COUNT"),
            Map.entry("count-iea01-lies", "X12-INTERCHANGE-GROUP-COUNT"),
            Map.entry("control-st02-se02-differ", "X12-SET-CONTROL-MISMATCH"),
            Map.entry("control-gs06-ge02-differ", "X12-GROUP-CONTROL-MISMATCH"),
            Map.entry("control-isa13-iea02-differ", "X12-INTERCHANGE-CONTROL-MISMATCH"),
            Map.entry("deep-hl", "X12-HL-PARENT"),
            Map.entry("long-element-2000", "X12-LIMIT-SEGMENT-LENGTH"),
            Map.entry("huge-set", "X12-LIMIT-CLAIMS-PER-SET"));

    @TempDir
    Path dir;

    private static int scrub(Path out, Path in) {
        return Main.run("scrub", "--out", out.toString(), "--config", Samples.CONFIG.toString(), "--mappings",
                Samples.MAPPINGS.toString(), in.toString());
    }

    @Test
    void everyMalformedInputIsRejectedWithAReasonAndTheGoodFilesAreProcessed() throws IOException {
        Path in = dir.resolve("in");
        List<MalformedCorpus.Input> corpus = MalformedCorpus.write(in);
        Path goodAlone = Files.createDirectories(dir.resolve("good"));
        for (String g : GOOD) {
            Files.copy(Samples.CLAIMS.resolve(g), in.resolve("good-" + g));
            Files.copy(Samples.CLAIMS.resolve(g), goodAlone.resolve("good-" + g));
        }
        assertThat(corpus).hasSizeGreaterThan(90);

        Path out = dir.resolve("out");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.claimgate");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.INFO);
        PrintStream stderr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = scrub(out, in);
        } finally {
            System.setErr(stderr);
            ours.setLevel(before);
            root.detachAppender(appender);
        }
        String printed = console.toString(StandardCharsets.UTF_8);

        // no unexpected exception: nothing "not processed", no stack trace, nothing logged with a throwable or at ERROR
        List<String> unexpected = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            if (e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.ERROR)
                    || e.getFormattedMessage().contains("not processed")) {
                unexpected.add(e.getLevel() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        }
        // (Jazzer, when a fuzz test ran earlier in the same JVM, reports each class it instruments on stderr)
        printed.lines().filter(l -> !l.startsWith("INFO: Instrumented "))
                .filter(l -> l.contains("not processed") || l.contains("Exception") || l.startsWith("\tat "))
                .forEach(unexpected::add);
        assertThat(unexpected).as("unexpected exceptions").isEmpty();
        assertThat(exit).as(printed).isEqualTo(Main.REJECTED);

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("run-manifest.json").toFile());
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (JsonNode e : manifest.get("inputs")) {
            entries.put(Path.of(e.get("file").asText()).getFileName().toString(), e);
        }
        assertThat(entries).hasSize(corpus.size() + GOOD.size());

        Map<String, Counts> byCategory = new LinkedHashMap<>();
        TreeSet<String> allReasons = new TreeSet<>();
        for (MalformedCorpus.Input input : corpus) {
            String name = input.file().getFileName().toString();
            JsonNode entry = entries.get(name);
            assertThat(entry).as(name).isNotNull();
            assertThat(entry.has("error")).as(name + ": not processed").isFalse();
            long notRead = entry.get("notRead").asLong();
            assertThat(entry.get("claimsIn").asLong()).as(name + ": claims conserved")
                    .isEqualTo(entry.get("accepted").asLong() + entry.get("rejected").asLong() + notRead);
            if (notRead > 0) {
                assertThat(entry.get("fileFindings").toString()).as(name).contains("X12-CLAIMS-NOT-READ");
            }
            assertThat(entry.get("accepted").asLong()).as(name + ": accepted nothing").isZero();
            String report = reportOf(entry, name);
            JsonNode findings = new ObjectMapper().readTree(out.resolve(report).toFile());
            TreeSet<String> reasons = ruleIds(findings);
            assertThat(reasons).as(name + ": a reason code").isNotEmpty();
            EXPECTED_REASON.forEach((prefix, rule) -> {
                if (name.startsWith(prefix)) {
                    assertThat(reasons).as(name).contains(rule);
                }
            });
            allReasons.addAll(reasons);
            Counts c = byCategory.computeIfAbsent(input.category(), k -> new Counts());
            c.inputs++;
            c.rejected += reasons.isEmpty() ? 0 : 1;
            c.claimsIn += entry.get("claimsIn").asLong();
            c.claimsRejected += entry.get("rejected").asLong();
            c.notRead += notRead;
            c.reasons.addAll(reasons);
        }

        // the good files: processed, and their outputs as when scrubbed alone (envelope dates and numbers aside)
        Path alone = dir.resolve("alone");
        assertThat(scrub(alone, goodAlone)).isIn(Main.ACCEPTED, Main.REJECTED);
        long goodAccepted = 0;
        for (String g : GOOD) {
            JsonNode entry = entries.get("good-" + g);
            assertThat(entry.has("error")).isFalse();
            assertThat(entry.get("conserved").asBoolean()).as(g).isTrue();
            goodAccepted += entry.get("accepted").asLong();
            List<String> outputs = new ArrayList<>();
            entry.get("outputs").forEach(o -> outputs.add(o.asText()));
            assertThat(outputs).as(g).anyMatch(o -> o.startsWith("accepted/"));
            for (String o : outputs) {
                assertThat(normalized(out.resolve(o))).as(o).isEqualTo(normalized(alone.resolve(o)));
            }
        }
        assertThat(goodAccepted).isPositive();

        StringBuilder table = new StringBuilder("\nmalformed corpus, one scrub batch (exit " + exit + "):\n");
        table.append(String.format("%-15s %6s %8s %9s %14s %8s  %s%n", "category", "inputs", "rejected",
                "claims in", "claims rejected", "not read", "reason codes"));
        Counts total = new Counts();
        for (Map.Entry<String, Counts> e : byCategory.entrySet()) {
            Counts c = e.getValue();
            table.append(String.format("%-15s %6d %8d %9d %14d %8d  %s%n", e.getKey(), c.inputs, c.rejected,
                    c.claimsIn, c.claimsRejected, c.notRead, String.join(" ", c.reasons)));
            total.inputs += c.inputs;
            total.rejected += c.rejected;
            total.claimsIn += c.claimsIn;
            total.claimsRejected += c.claimsRejected;
            total.notRead += c.notRead;
        }
        table.append(String.format("%-15s %6d %8d %9d %14d %8d  %d distinct reason codes%n", "total", total.inputs,
                total.rejected, total.claimsIn, total.claimsRejected, total.notRead, allReasons.size()));
        table.append(String.format("good files: %d, claims accepted %d, outputs as when scrubbed alone; "
                + "unexpected exceptions: %d%n", GOOD.size(), goodAccepted, unexpected.size()));
        System.out.println(table);
        assertThat(total.rejected).isEqualTo(corpus.size());
    }

    static final class Counts {
        int inputs;
        int rejected;
        long claimsIn;
        long claimsRejected;
        long notRead;
        final TreeSet<String> reasons = new TreeSet<>();
    }

    private static String reportOf(JsonNode entry, String name) {
        for (JsonNode o : entry.get("outputs")) {
            if (o.asText().startsWith("reports/") && o.asText().endsWith(".findings.json")) {
                return o.asText();
            }
        }
        throw new AssertionError(name + ": no findings report among " + entry.get("outputs"));
    }

    /** Rule ids of the file findings, the envelope entries' findings and the claims' findings. */
    static TreeSet<String> ruleIds(JsonNode report) {
        TreeSet<String> ids = new TreeSet<>();
        report.get("fileFindings").forEach(f -> ids.add(f.get("ruleId").asText()));
        report.get("envelope").forEach(e -> e.get("findings").forEach(f -> ids.add(f.get("ruleId").asText())));
        report.get("claims").forEach(c -> c.get("findings").forEach(f -> ids.add(f.get("ruleId").asText())));
        return ids;
    }

    /**
     * An output with what claimgate sets when it writes blanked: the control numbers ISA13, GS06, GE02 and IEA02
     * (they continue across the run), and every date of the days around the run with the time that follows it
     * (ISA09/ISA10, GS04/GS05, BHT04/BHT05 and the 277CA's DTP and STC dates, TA102/TA103); the findings reports and
     * CSV as they are.
     */
    /** yyyyMMdd and yyMMdd of the days around this run, local and UTC. */
    static final java.util.Set<String> RUN_DATES = runDates();

    private static java.util.Set<String> runDates() {
        java.util.Set<String> dates = new java.util.HashSet<>();
        for (java.time.LocalDate today : List.of(java.time.LocalDate.now(),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC))) {
            for (int d = -1; d <= 1; d++) {
                String day = today.plusDays(d).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                dates.add(day);
                dates.add(day.substring(2));
            }
        }
        return dates;
    }

    static String normalized(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("ISA")) {
            return text;
        }
        String element = Pattern.quote(String.valueOf(text.charAt(3)));
        char terminator = text.charAt(105);
        StringBuilder sb = new StringBuilder();
        for (String segment : text.split(Pattern.quote(String.valueOf(terminator)), -1)) {
            String[] e = segment.split(element, -1);
            String tag = e[0].strip();
            int[] blank = switch (tag) {
                case "ISA" -> new int[] {9, 10, 13};
                case "GS" -> new int[] {4, 5, 6};
                case "GE", "IEA" -> new int[] {2};
                default -> new int[0];
            };
            for (int i : blank) {
                if (i < e.length) {
                    e[i] = "#".repeat(e[i].length());
                }
            }
            for (int i = 1; i < e.length; i++) {
                if (RUN_DATES.contains(e[i])) {
                    e[i] = "#DATE";
                    if (i + 1 < e.length && e[i + 1].matches("\\d{4}(\\d{2})?")) {
                        e[i + 1] = "#TIME";
                    }
                }
            }
            sb.append(String.join(String.valueOf(text.charAt(3)), e)).append(terminator);
        }
        return sb.toString();
    }
}
