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

    /** Every bundled 837P sample, then every corpus 837P file when {@code ../shared} is present. */
    public static List<Path> claimFilesWithCorpus() throws IOException {
        List<Path> files = new java.util.ArrayList<>(files(CLAIMS, ".*"));
        Optional<Path> corpus = corpus("837p");
        if (corpus.isPresent()) {
            files.addAll(files(corpus.get(), ".*"));
        }
        return files;
    }

    /** The bytes as a stream that fails with {@code IOException("disk went away")} once half of them are read. */
    public static java.io.InputStream breakingHalfway(byte[] bytes) {
        return new java.io.FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > bytes.length / 2) {
                    throw new IOException("disk went away");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
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

    static final String CLAIM_FILE_HEAD = String.join("~\n",
            "ISA*00*          *00*          *ZZ*CGSUBMITTER01  *ZZ*CGRECEIVER01   *260115*0930*^*00501*000009001*0*T*:",
            "GS*HC*CGSUBMITTER01*CGRECEIVER01*20260115*0930*9001*X*005010X222A1",
            "ST*837*0001*005010X222A1",
            "BHT*0019*00*CGB9001*20260115*0930*CH",
            "NM1*41*2*SYNTHETIC THERAPY BILLING SVC*****46*CGSUB0001",
            "PER*IC*TEST BILLING DESK*TE*5555550100",
            "NM1*40*2*SYNTHETIC CLEARINGHOUSE*****46*CGRCV0001",
            "HL*1**20*1",
            "PRV*BI*PXC*225100000X",
            "NM1*85*2*SYNTHETIC MOTION PT GROUP*****XX*{BILLING}",
            "N3*100 TESTING WAY",
            "N4*SAMPLEVILLE*OH*432150001",
            "REF*EI*990000101",
            "HL*2*1*22*0",
            "SBR*P*18*******CI",
            "NM1*IL*1*TESTPATIENT*ZULU****MI*SYN1000099",
            "N3*1 SYNTHETIC LANE",
            "N4*SAMPLEVILLE*OH*43215",
            "DMG*D8*19580314*F",
            "NM1*PR*2*SYNTHETIC COMMERCIAL PLAN*****PI*{PAYER}",
            "CLM*CG-RULES-001*100***11:B:1*Y*A*Y*I",
            "HI*ABK:M25561*ABF:R262",
            "NM1*82*1*TESTTHERAPIST*ONE****XX*1999000023",
            "PRV*PE*PXC*225100000X") + "~\n";

    /**
     * A one-claim 837P for rule tests: lines are "SV1 element 1|SV102|SV103|SV104|SV107|date" separated by ';',
     * under a PT billing and rendering provider (225100000X), subscriber ZULU (SYN1000099).
     */
    public static String claimFile(String lines, String billingNpi, String payer, String filing) {
        StringBuilder text = new StringBuilder(CLAIM_FILE_HEAD.replace("{BILLING}", billingNpi).replace("{PAYER}", payer)
                .replace("SBR*P*18*******CI", "SBR*P*18*******" + filing));
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (String line : lines.split(";")) {
            total = total.add(new java.math.BigDecimal(line.strip().split("\\|", -1)[1]));
        }
        String clm02 = total.stripTrailingZeros().toPlainString();
        int at = text.indexOf("CLM*CG-RULES-001*100*");
        text.replace(at, at + "CLM*CG-RULES-001*100*".length(), "CLM*CG-RULES-001*" + clm02 + "*");
        int n = 0;
        for (String line : lines.split(";")) {
            String[] f = line.strip().split("\\|", -1);
            n++;
            text.append("LX*").append(n).append("~\n")
                    .append("SV1*").append(f[0]).append('*').append(f[1]).append('*').append(f[2]).append('*')
                    .append(f[3]).append("***").append(f[4]).append("~\n")
                    .append("DTP*472*D8*").append(f[5]).append("~\n");
        }
        long segments = text.toString().lines().filter(l -> !l.isBlank()).count() - 2; // ST.. so far
        text.append("SE*").append(segments + 1).append("*0001~\nGE*1*9001~\nIEA*1*000009001~\n");
        return text.toString();
    }

    /** The segments of an X12 file (any delimiters), without line breaks. */
    public static List<String> segments(Path file) throws IOException {
        String text = Files.readString(file);
        char terminator = text.charAt(105);
        return Stream.of(text.split(java.util.regex.Pattern.quote(String.valueOf(terminator))))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
