package io.claimgate.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What PROVENANCE.md says of a corpus file: its claim and line counts ("N claims / M lines"). */
final class CorpusCounts {
    private static final Pattern COUNTS = Pattern.compile("(\\d+) claims? / (\\d+) (?:lines?|SV1|SVC)");

    private CorpusCounts() {
    }

    /** {claims, lines} from the file's row of PROVENANCE.md, or null when it gives none. */
    static long[] claimsAndLines(Path provenance, String name) throws IOException {
        for (String line : Files.readAllLines(provenance)) {
            if (line.startsWith("| " + name + " |")) {
                Matcher m = COUNTS.matcher(line);
                if (m.find()) {
                    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
                }
            }
        }
        return null;
    }
}
