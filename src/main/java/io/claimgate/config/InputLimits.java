package io.claimgate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Limits on what one input may hold, from {@code config/application.properties} (keys {@code claimgate.limits.*},
 * read by both {@code scrub} and {@code serve}). Each is checked while reading, before anything bigger is held.
 *
 * @param maxFileBytes        a larger file is not read at all ({@code X12-LIMIT-FILE-SIZE})
 * @param maxSegmentLength    characters in one segment ({@code X12-LIMIT-SEGMENT-LENGTH})
 * @param maxClaimsPerSet     CLM segments in one transaction set ({@code X12-LIMIT-CLAIMS-PER-SET}; the TR3
 *                            recommends at most 5,000)
 * @param maxLinesPerClaim    service lines in one claim ({@code X12-LIMIT-LINES-PER-CLAIM}; loop 2400 repeats at
 *                            most 50 times)
 * @param maxSegmentsPerClaim segments held for one claim, hierarchy level or set header
 *                            ({@code X12-LIMIT-SEGMENTS-PER-CLAIM})
 */
public record InputLimits(long maxFileBytes, int maxSegmentLength, int maxClaimsPerSet, int maxLinesPerClaim,
                          int maxSegmentsPerClaim) {

    public static final InputLimits DEFAULT = new InputLimits(2L << 30, 1024, 5000, 50, 2000);

    /** The keys this record reads. */
    public static final java.util.Set<String> KEYS = java.util.Set.of("claimgate.limits.max-file-bytes",
            "claimgate.limits.max-segment-length", "claimgate.limits.max-claims-per-set",
            "claimgate.limits.max-lines-per-claim", "claimgate.limits.max-segments-per-claim");

    public InputLimits {
        if (maxFileBytes < 1 || maxSegmentLength < 106 || maxClaimsPerSet < 1 || maxLinesPerClaim < 1
                || maxSegmentsPerClaim < 10) {
            throw new ConfigException("claimgate.limits: the file limit must be at least 1 byte, segments at least "
                    + "106 characters (an ISA), claims and lines at least 1, segments per claim at least 10");
        }
    }

    /** The limits in {@code properties} (defaults for keys not set); a missing file gives the defaults. */
    public static InputLimits load(Path properties) {
        Properties p = new Properties();
        if (properties != null && Files.exists(properties)) {
            try (Reader r = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + properties.getFileName() + ": " + e.getMessage());
            }
        }
        return from(p);
    }

    /** The limits among {@code p}'s keys (defaults for those not set); a value out of range names its key. */
    public static InputLimits from(Properties p) {
        return new InputLimits(number(p, "claimgate.limits.max-file-bytes", DEFAULT.maxFileBytes(), 1,
                        Long.MAX_VALUE, "bytes"),
                (int) number(p, "claimgate.limits.max-segment-length", DEFAULT.maxSegmentLength(), 106,
                        Integer.MAX_VALUE, "characters (an ISA segment has 106)"),
                (int) number(p, "claimgate.limits.max-claims-per-set", DEFAULT.maxClaimsPerSet(), 1,
                        Integer.MAX_VALUE, "claims"),
                (int) number(p, "claimgate.limits.max-lines-per-claim", DEFAULT.maxLinesPerClaim(), 1,
                        Integer.MAX_VALUE, "lines"),
                (int) number(p, "claimgate.limits.max-segments-per-claim", DEFAULT.maxSegmentsPerClaim(), 10,
                        Integer.MAX_VALUE, "segments"));
    }

    private static long number(Properties p, String key, long fallback, long min, long max, String unit) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String range = key + " must be a whole number of " + unit + (max == Long.MAX_VALUE ? ", at least " + min
                : " from " + min + " to " + max);
        long n;
        try {
            n = Long.parseLong(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(range + "; it is not a number");
        }
        if (n < min || n > max) {
            throw new ConfigException(range + "; " + n + " is too " + (n < min ? "small" : "large"));
        }
        return n;
    }
}
