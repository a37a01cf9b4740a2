package io.claimgate.config;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The dated reference tables of {@code config/reference/}, each with the date and source its file states.
 *
 * @param mueUnits           practitioner MUE per code (CMS MUE file layout)
 * @param ptpPairs           NCCI procedure-to-procedure pairs (CMS PTP file layout); any file named
 *                           {@code ncci-ptp*.csv|txt} is read
 * @param timedCodes         codes billed per 15 minutes (the rest of the table is untimed)
 * @param untimedCodes       codes billed once per date
 * @param disciplineByPrefix taxonomy code prefix to discipline modifier (GP, GO, GN)
 * @param kxThresholds       KX threshold per calendar year
 * @param ytd                imported year-to-date therapy amounts, keyed by {@link #ytdKey}
 * @param sources            file name to its {@code as-of} date and {@code source}
 */
public record ReferenceTables(Map<String, Integer> mueUnits, List<PtpPair> ptpPairs, Set<String> timedCodes,
                              Set<String> untimedCodes, Map<String, String> disciplineByPrefix,
                              Map<Integer, BigDecimal> kxThresholds, Map<String, BigDecimal> ytd,
                              Map<String, String> sources) {

    /**
     * One PTP edit.
     *
     * @param column1           the code that is paid
     * @param column2           the code that is denied unless a bypass applies
     * @param effective         first date of service the edit applies to
     * @param deleted           date the edit was deleted, or {@code null}
     * @param modifierIndicator 0 never bypassed, 1 bypassed by 59/XE/XS/XP/XU, 9 not applicable
     */
    public record PtpPair(String column1, String column2, LocalDate effective, LocalDate deleted,
                          int modifierIndicator) {
        public boolean inForceOn(LocalDate date) {
            return modifierIndicator != 9 && (effective == null || !date.isBefore(effective))
                    && (deleted == null || date.isBefore(deleted));
        }
    }

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    public ReferenceTables {
        mueUnits = Map.copyOf(mueUnits);
        ptpPairs = List.copyOf(ptpPairs);
        timedCodes = Set.copyOf(timedCodes);
        untimedCodes = Set.copyOf(untimedCodes);
        disciplineByPrefix = Map.copyOf(disciplineByPrefix);
        kxThresholds = Map.copyOf(kxThresholds);
        ytd = Map.copyOf(ytd);
        sources = Map.copyOf(sources);
    }

    public static String ytdKey(String memberId, int year, String bucket) {
        return memberId + "|" + year + "|" + bucket;
    }

    /** The discipline modifier for a taxonomy code, if its prefix is known. */
    public Optional<String> discipline(String taxonomy) {
        if (taxonomy == null) {
            return Optional.empty();
        }
        return disciplineByPrefix.entrySet().stream().filter(e -> taxonomy.startsWith(e.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length())).map(Map.Entry::getValue);
    }

    /** Loads every table from {@code referenceDir}, and the optional year-to-date files from {@code ytdDir}. */
    public static ReferenceTables load(Path referenceDir, Path ytdDir) {
        Map<String, String> sources = new HashMap<>();

        Csv mue = Csv.read(referenceDir.resolve("mue-practitioner.csv"), "HCPCS", "Practitioner Services MUE");
        dated(mue, sources);
        int code = mue.column("hcpcs");
        int value = mue.column("practitioner services mue");
        Map<String, Integer> mueUnits = new HashMap<>();
        for (List<String> row : mue.rows) {
            mueUnits.put(Csv.field(row, code), integer(mue, Csv.field(row, value)));
        }

        List<PtpPair> pairs = new ArrayList<>();
        List<Path> ptpFiles = files(referenceDir, "ncci-ptp");
        if (ptpFiles.isEmpty()) {
            throw new ConfigException("reference table missing: " + referenceDir.resolve("ncci-ptp-*.csv"));
        }
        for (Path file : ptpFiles) {
            Csv ptp = Csv.read(file, "Column 1", "Column 2", "Effective", "Deletion", "Modifier");
            dated(ptp, sources);
            int c1 = ptp.column("column 1");
            int c2 = ptp.column("column 2");
            int eff = ptp.column("effective");
            int del = ptp.column("deletion");
            int mod = ptp.column("modifier");
            for (List<String> row : ptp.rows) {
                pairs.add(new PtpPair(Csv.field(row, c1), Csv.field(row, c2), date(ptp, Csv.field(row, eff)),
                        date(ptp, Csv.field(row, del)), integer(ptp, Csv.field(row, mod))));
            }
        }

        Csv timed = Csv.read(referenceDir.resolve("timed-codes.csv"), "code", "timed");
        dated(timed, sources);
        Set<String> timedCodes = new HashSet<>();
        Set<String> untimedCodes = new HashSet<>();
        int tc = timed.column("code");
        int tt = timed.column("timed");
        for (List<String> row : timed.rows) {
            (Csv.field(row, tt).equalsIgnoreCase("Y") ? timedCodes : untimedCodes).add(Csv.field(row, tc));
        }

        Csv tax = Csv.read(referenceDir.resolve("taxonomy-discipline.csv"), "prefix", "modifier");
        dated(tax, sources);
        Map<String, String> discipline = new HashMap<>();
        for (List<String> row : tax.rows) {
            String modifier = Csv.field(row, tax.column("modifier"));
            if (!Set.of("GP", "GO", "GN").contains(modifier)) {
                throw new ConfigException(tax.file + ": discipline modifier must be GP, GO or GN, not " + modifier);
            }
            discipline.put(Csv.field(row, tax.column("prefix")), modifier);
        }

        Csv kx = Csv.read(referenceDir.resolve("kx-thresholds.csv"), "year", "amount");
        dated(kx, sources);
        Map<Integer, BigDecimal> thresholds = new HashMap<>();
        for (List<String> row : kx.rows) {
            thresholds.put(integer(kx, Csv.field(row, kx.column("year"))), money(kx, Csv.field(row, kx.column("amount"))));
        }

        Map<String, BigDecimal> ytd = new HashMap<>();
        if (ytdDir != null && Files.isDirectory(ytdDir)) {
            for (Path file : files(ytdDir, "")) {
                Csv y = Csv.read(file, "member_id", "year", "bucket", "amount");
                for (List<String> row : y.rows) {
                    String bucket = Csv.field(row, y.column("bucket"));
                    if (!bucket.equals("PT_SLP") && !bucket.equals("OT")) {
                        throw new ConfigException(file + ": bucket must be PT_SLP or OT");
                    }
                    ytd.merge(ytdKey(Csv.field(row, y.column("member_id")), integer(y, Csv.field(row, y.column("year"))),
                            bucket), money(y, Csv.field(row, y.column("amount"))), BigDecimal::add);
                }
            }
        }
        return new ReferenceTables(mueUnits, pairs, timedCodes, untimedCodes, discipline, thresholds, ytd, sources);
    }

    static void dated(Csv csv, Map<String, String> sources) {
        String asOf = csv.meta.get("as-of");
        String source = csv.meta.get("source");
        if (asOf == null || source == null) {
            throw new ConfigException("reference table " + csv.file + " must state '# as-of:' and '# source:'");
        }
        sources.put(csv.file.getFileName().toString(), asOf + " — " + source);
    }

    private static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".txt")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot list " + dir, e);
        }
    }

    private static int integer(Csv csv, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(csv.file + ": not a whole number: " + text);
        }
    }

    private static BigDecimal money(Csv csv, String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(csv.file + ": not an amount: " + text);
        }
    }

    private static LocalDate date(Csv csv, String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("*")) {
            return null;
        }
        try {
            return LocalDate.parse(t, YYYYMMDD);
        } catch (DateTimeParseException e) {
            throw new ConfigException(csv.file + ": not a CCYYMMDD date: " + text);
        }
    }
}
