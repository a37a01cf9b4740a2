package io.claimgate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the layout honest: which claimgate packages each package may import, that StAEDI is imported only in
 * {@code x12}, and that every package says in package-info.java what it does.
 */
class ArchitectureTest {
    private static final Path MAIN = Samples.ROOT.resolve("src/main/java/io/claimgate");

    /** package → the claimgate packages it may depend on. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("ledger", Set.of("rules")),
            Map.entry("gateway", Set.of("finding", "model", "x12", "rules", "scrub", "ledger", "remit", "report",
                    "config")),
            Map.entry("synthetic", Set.of()),
            Map.entry("remit", Set.of("finding", "model", "x12", "rules", "config", "ledger", "report")),
            Map.entry("finding", Set.of()),
            Map.entry("spill", Set.of()),
            Map.entry("flow", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("model", Set.of()),
            Map.entry("x12", Set.of("finding", "model", "flow")),
            Map.entry("rules", Set.of("finding", "model", "x12", "config", "spill")),
            Map.entry("report", Set.of("finding", "spill")),
            Map.entry("correct", Set.of("finding", "model")),
            Map.entry("scrub", Set.of("finding", "model", "x12", "rules", "report", "correct", "spill", "flow")),
            Map.entry("cli", Set.of("finding", "model", "x12", "rules", "report", "scrub", "config", "correct",
                    "gateway", "ledger", "remit", "synthetic")));

    /** Third-party stacks kept behind one package each (besides the command line that assembles them). */
    private static final Map<String, Set<String>> STACKS = Map.of(
            "org.apache.camel.", Set.of("gateway", "cli"),
            "java.sql.", Set.of("ledger"),
            "org.flywaydb.", Set.of("ledger"),
            "com.zaxxer.", Set.of("ledger"),
            "org.eclipse.jetty.", Set.of("gateway"));

    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+);", Pattern.MULTILINE);

    @Test
    void packagesDependOnlyDownward() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
            String top = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
            assertThat(ALLOWED).as("package %s is not in the layout", top).containsKey(top);
            String text = Files.readString(file);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(2);
                if (imported.startsWith("io.claimgate.")) {
                    String target = imported.substring("io.claimgate.".length()).split("\\.")[0];
                    if (!target.equals(top) && !ALLOWED.get(top).contains(target)) {
                        violations.add(file.getFileName() + " (" + top + ") imports " + imported);
                    }
                }
                for (Map.Entry<String, Set<String>> stack : STACKS.entrySet()) {
                    if (imported.startsWith(stack.getKey()) && !stack.getValue().contains(top)) {
                        violations.add(file.getFileName() + " (" + top + ") imports " + imported);
                    }
                }
                if (imported.startsWith("io.xlate.") && !top.equals("x12")) {
                    violations.add(file.getFileName() + " (" + top + ") imports StAEDI: " + imported);
                }
            }
            // fully qualified uses count too
            if (!top.equals("x12") && text.contains("io.xlate.")) {
                violations.add(file.getFileName() + " (" + top + ") names StAEDI");
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItDoes() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(MAIN)) {
            dirs = s.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> f = Files.list(d)) {
                    return f.anyMatch(p -> p.toString().endsWith(".java"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(dirs).isNotEmpty().allSatisfy(d -> assertThat(d.resolve("package-info.java")).isRegularFile());
    }

    @Test
    void onlyTheCommandLinePrintsToTheConsole() throws IOException {
        for (Path file : sources()) {
            if (!file.toString().contains("/cli/")) {
                assertThat(Files.readString(file)).as(file.getFileName().toString())
                        .doesNotContain("System.out").doesNotContain("System.err").doesNotContain("printStackTrace");
            }
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
