package io.claimgate.gateway;

import io.claimgate.Samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Inputs and folder checks for the gateway tests: real 837P files made from the bundled samples. */
final class GatewayFiles {
    static final Path CLEAN = Samples.CLAIMS.resolve("clean-multi-claim.837");

    private GatewayFiles() {
    }

    /** The clean three-claim sample with its interchange control number (ISA13 and IEA02) set to {@code control}. */
    static String withControl(int control) throws IOException {
        String text = Files.readString(CLEAN, StandardCharsets.US_ASCII);
        String ctl = String.format("%09d", control);
        String out = text.replace("*000000101*0*T*", "*" + ctl + "*0*T*").replace("IEA*1*000000101", "IEA*1*" + ctl);
        if (out.equals(text) && control != 101) {
            throw new IllegalStateException("the sample's ISA13 is no longer 000000101");
        }
        return out;
    }

    /** Writes a file and dates it back, so the inbox's read lock (minimum age) takes it at once. */
    static Path drop(Path inbox, String name, String content) throws IOException {
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(60)));
        Path target = inbox.resolve(name);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Regular, non-hidden files under a folder. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList());
        }
    }

    /** Settings for a gateway under {@code dir} with quick polling and the given extra settings. */
    static GatewaySettings settings(Path dir, String ledgerUrl, String node, String... keyValues)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("claimgate.gateway.dir", dir.resolve("gw").toString());
        p.setProperty("claimgate.ledger.url", ledgerUrl);
        p.setProperty("claimgate.gateway.node", node);
        p.setProperty("claimgate.gateway.poll-ms", "100");
        p.setProperty("claimgate.gateway.read-lock-min-age-ms", "200");
        p.setProperty("claimgate.management.port", "-1");
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return GatewaySettings.load(dir, null, p);
    }

    /** Counts CLM segments (claims) in an X12 file. */
    static long claims(Path x12) throws IOException {
        String text = Files.readString(x12, StandardCharsets.ISO_8859_1);
        char terminator = text.charAt(105);
        long n = 0;
        for (String seg : text.split(java.util.regex.Pattern.quote(String.valueOf(terminator)))) {
            if (seg.strip().startsWith("CLM*")) {
                n++;
            }
        }
        return n;
    }

    /** Whether the file is a whole interchange: starts with ISA and ends with an IEA segment repeating ISA13. */
    static boolean wholeInterchange(Path x12) throws IOException {
        String text = Files.readString(x12, StandardCharsets.ISO_8859_1).strip();
        if (!text.startsWith("ISA") || text.length() < 106) {
            return false;
        }
        char element = text.charAt(3);
        char terminator = text.charAt(105);
        String control = text.substring(0, 106).split(java.util.regex.Pattern.quote(String.valueOf(element)))[13];
        String body = text.endsWith(String.valueOf(terminator)) ? text.substring(0, text.length() - 1) : text;
        int last = body.lastIndexOf(terminator);
        String tail = body.substring(last + 1).strip();
        return tail.startsWith("IEA" + element) && tail.endsWith(element + control);
    }
}
