package io.claimgate.scrub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written expectation for one sample ({@code edi-samples/expected/NAME.txt}): claim counts, the TA1 note,
 * claim-level and file-level rule ids, and the 999 body (AK1..AK9 segments) — see edi-samples/README.md.
 */
record ExpectedOutcome(long claimsIn, long accepted, long rejected, long notRead, String ta1,
                       List<String> claimFindings, List<String> fileFindings, List<String> outputs,
                       List<String> ack277, List<String> ack999) {

    static ExpectedOutcome read(Path file) throws IOException {
        long in = -1;
        long acc = -1;
        long rej = -1;
        long notRead = 0;
        String ta1 = null;
        List<String> claimFindings = new ArrayList<>();
        List<String> fileFindings = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> ack277 = new ArrayList<>();
        List<String> ack = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (ack != null) {
                ack.add(line);
                continue;
            }
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "claims" -> {
                    in = Long.parseLong(f[1]);
                    acc = Long.parseLong(f[2]);
                    rej = Long.parseLong(f[3]);
                }
                case "not-read" -> notRead = Long.parseLong(f[1]);
                case "ta1" -> ta1 = f[1].equals("-") ? "-" : f[1] + " " + f[2];
                case "finding" -> claimFindings.add(f[1] + " " + f[2]);
                case "file-finding" -> fileFindings.add(f[1]);
                case "277" -> ack277.add(line.substring(3).strip());
                case "output" -> outputs.add(f[1] + " " + line.substring(line.indexOf(f[1]) + f[1].length()).strip());
                case "999" -> {
                    if (f.length > 1 && f[1].equals("-")) {
                        ack = null;
                        ta1 = ta1 == null ? "-" : ta1;
                        return new ExpectedOutcome(in, acc, rej, notRead, ta1, claimFindings, fileFindings, outputs, ack277, null);
                    }
                    ack = new ArrayList<>();
                }
                default -> throw new IllegalArgumentException(file.getFileName() + ": unknown line: " + line);
            }
        }
        if (in < 0 || ta1 == null) {
            throw new IllegalArgumentException(file.getFileName() + ": needs 'claims' and 'ta1' lines");
        }
        return new ExpectedOutcome(in, acc, rej, notRead, ta1, claimFindings, fileFindings, outputs, ack277, ack);
    }
}
