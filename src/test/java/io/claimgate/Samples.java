package io.claimgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the test data lives: the project's own samples and, when present, the shared corpus beside it. */
public final class Samples {
    public static final Path ROOT = Paths.get("").toAbsolutePath();
    public static final Path EDI_SAMPLES = ROOT.resolve("edi-samples");
    public static final Path CLAIMS = EDI_SAMPLES.resolve("837p");
    public static final Path EXPECTED = EDI_SAMPLES.resolve("expected");
    public static final Path MAPPINGS = ROOT.resolve("mappings");
    public static final Path CONFIG = ROOT.resolve("config");

    private Samples() {
    }

    private static final class Csv {
        static final io.claimgate.report.FindingsCsvExport INSTANCE =
                new io.claimgate.report.FindingsCsvExport(MAPPINGS);
    }

    private static final class Rules {
        static final io.claimgate.rules.therapy.TherapyRules INSTANCE = new io.claimgate.rules.therapy.TherapyRules(
                io.claimgate.config.Configuration.load(CONFIG));
    }

    /** The therapy rules with the project's shipped configuration, shared by the tests (thread-safe). */
    public static io.claimgate.rules.therapy.TherapyRules rules() {
        return Rules.INSTANCE;
    }

    /** The findings CSV export of the project's mappings folder, shared by the tests (Smooks is thread-safe). */
    public static io.claimgate.report.FindingsCsvExport csvExport() {
        return Csv.INSTANCE;
    }

    /** {@code ../shared/corpus/NAME}, or empty when the shared folder is not beside the project. */
    public static Optional<Path> corpus(String name) {
        Path shared = Paths.get(System.getProperty("claimgate.shared", ROOT.resolveSibling("shared").toString()));
        Path dir = shared.resolve("corpus").resolve(name);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    public static List<Path> files(Path dir, String glob) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(glob)).sorted().toList();
        }
    }

    /** A copy of the project's config folder under {@code dir}, for tests that change a policy or a table. */
    public static Path copyConfig(Path dir) throws IOException {
        Path target = dir.resolve("config");
        try (Stream<Path> s = Files.walk(CONFIG)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(CONFIG.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }

    /** The segments of an X12 file (any delimiters), without line breaks. */
    public static List<String> segments(Path file) throws IOException {
        String text = Files.readString(file);
        char terminator = text.charAt(105);
        return Stream.of(text.split(java.util.regex.Pattern.quote(String.valueOf(terminator))))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
