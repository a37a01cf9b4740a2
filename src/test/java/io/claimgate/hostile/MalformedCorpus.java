package io.claimgate.hostile;

import io.claimgate.Samples;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A deterministic corpus of malformed 837P inputs made from the bundled samples: every truncation of a sample at
 * a segment boundary, wrong and duplicate delimiters, an ISA of 105 and 107 characters, seeded binary garbage,
 * gzip and zip of a valid file, UTF-16 with and without a byte order mark, lying SE01/GE01/IEA01 counts and
 * mismatched control numbers, a 10,000-deep HL chain, an element of 2,000 and one of 5,000 characters, a last
 * segment without its terminator, and one transaction set of 1,000,000 segments (written as it is generated, about
 * 26 MB).
 *
 * <p>The same call writes the same bytes. Every input is meant to be rejected (or to leave claims not read): none
 * is a valid interchange.
 */
public final class MalformedCorpus {
    /** The sample the inputs are made from: one interchange, one set, three claims, {@code * : ^ ~}. */
    static final Path SOURCE = Samples.CLAIMS.resolve("clean-multi-claim.837");
    /** Segments in the huge transaction set, ST and SE included. */
    static final int HUGE_SEGMENTS = 1_000_000;
    /** Levels in the deep HL chain. */
    static final int HL_DEPTH = 10_000;
    static final long SEED = 20260115L;

    /** One generated input: its category (for the counts) and the file. */
    public record Input(String category, Path file) {
    }

    private final List<Input> inputs = new ArrayList<>();
    private final Path dir;
    private final String text;
    private final List<String> segments;

    private MalformedCorpus(Path dir) throws IOException {
        this.dir = dir;
        this.text = Files.readString(SOURCE, StandardCharsets.US_ASCII);
        List<String> s = new ArrayList<>();
        for (String seg : text.split("~")) {
            if (!seg.isBlank()) {
                s.add(seg);
            }
        }
        this.segments = List.copyOf(s);
    }

    /** Writes the whole corpus into {@code dir} (created if need be) and lists it, in writing order. */
    public static List<Input> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        MalformedCorpus c = new MalformedCorpus(dir);
        c.truncations();
        c.delimiters();
        c.isaWidths();
        c.binary();
        c.compressed();
        c.utf16();
        c.counts();
        c.deepHierarchy();
        c.longElement();
        c.noTerminator();
        c.hugeSet();
        return List.copyOf(c.inputs);
    }

    private void add(String category, String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        inputs.add(new Input(category, f));
    }

    private void add(String category, String name, String content) throws IOException {
        add(category, name, content.getBytes(StandardCharsets.US_ASCII));
    }

    /** The sample cut after each of its segments but the last (the cut is the terminator's end). */
    private void truncations() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k < segments.size(); k++) {
            sb.append(segments.get(k - 1)).append('~');
            add("truncated", String.format("truncated-after-%02d-%s.837", k, segments.get(k - 1).substring(0, 3)
                    .replaceAll("[^A-Z0-9]", "")), sb.toString());
        }
    }

    /** ISA positions: element separator at 3, repetition (ISA11) at 82, component (ISA16) at 104, terminator 105. */
    private String withIsaChar(String in, int at, char c) {
        return in.substring(0, at) + c + in.substring(at + 1);
    }

    private void delimiters() throws IOException {
        // ISA16 declares the element separator as the component separator
        add("delimiters", "delim-isa16-is-element-separator.837", withIsaChar(text, 104, '*'));
        // the segment terminator is the element separator
        add("delimiters", "delim-terminator-is-element-separator.837", text.replace('~', '*'));
        // the repetition separator (ISA11) is the element separator
        add("delimiters", "delim-repetition-is-element-separator.837", withIsaChar(text, 82, '*'));
        // the segment terminator is the component separator
        add("delimiters", "delim-terminator-is-component-separator.837", text.replace('~', ':'));
        // the component separator is the segment terminator
        add("delimiters", "delim-component-is-terminator.837", withIsaChar(text, 104, '~').replace(':', '~'));
        // a letter as the element separator
        add("delimiters", "delim-element-separator-is-a-letter.837", text.replace('*', 'E'));
        // every delimiter the same character
        add("delimiters", "delim-all-the-same.837", withIsaChar(withIsaChar(text, 82, '*'), 104, '*')
                .replace('~', '*').replace(':', '*'));
    }

    private void isaWidths() throws IOException {
        // ISA02 is 10 spaces: one fewer and one more
        String isa02 = "*00*          *00*";
        if (!text.startsWith("ISA" + isa02)) {
            throw new IllegalStateException("the sample's ISA01-ISA03 changed");
        }
        add("isa-width", "isa-105-characters.837", text.replaceFirst("\\*00\\*          \\*00\\*", "*00*         *00*"));
        add("isa-width", "isa-107-characters.837", text.replaceFirst("\\*00\\*          \\*00\\*", "*00*           *00*"));
    }

    private void binary() throws IOException {
        Random random = new Random(SEED);
        byte[] small = new byte[4096];
        random.nextBytes(small);
        add("binary", "binary-random-4k.bin", small);
        byte[] large = new byte[256 * 1024];
        random.nextBytes(large);
        add("binary", "binary-random-256k.bin", large);
        byte[] isaThenGarbage = new byte[2048];
        random.nextBytes(isaThenGarbage);
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, isaThenGarbage, 0, 106);
        add("binary", "binary-after-isa.837", isaThenGarbage);
        add("binary", "binary-nul-bytes.837", new byte[1024]);
        add("binary", "binary-empty.837", new byte[0]);
    }

    private void compressed() throws IOException {
        byte[] plain = text.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        add("compressed", "compressed-gzip.837.gz", gz.toByteArray());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            ZipEntry e = new ZipEntry("clean-multi-claim.837");
            e.setTime(0); // the same bytes every time
            out.putNextEntry(e);
            out.write(plain);
            out.closeEntry();
        }
        add("compressed", "compressed-zip.837.zip", zip.toByteArray());
    }

    private void utf16() throws IOException {
        add("utf-16", "utf16le-bom.837", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                text.getBytes(StandardCharsets.UTF_16LE)));
        add("utf-16", "utf16le-no-bom.837", text.getBytes(StandardCharsets.UTF_16LE));
        add("utf-16", "utf16be-bom.837", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                text.getBytes(StandardCharsets.UTF_16BE)));
        add("utf-16", "utf16be-no-bom.837", text.getBytes(StandardCharsets.UTF_16BE));
    }

    private String replaced(String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalStateException("the sample no longer holds " + from);
        }
        return text.replace(from, to);
    }

    private void counts() throws IOException {
        add("counts", "count-se01-lies.837", replaced("~SE*59*0001~", "~SE*5*0001~"));
        add("counts", "count-ge01-lies.837", replaced("~GE*1*101~", "~GE*3*101~"));
        add("counts", "count-iea01-lies.837", replaced("~IEA*1*000000101~", "~IEA*2*000000101~"));
        add("counts", "control-st02-se02-differ.837", replaced("~SE*59*0001~", "~SE*59*0002~"));
        add("counts", "control-gs06-ge02-differ.837", replaced("~GE*1*101~", "~GE*1*102~"));
        add("counts", "control-isa13-iea02-differ.837", replaced("~IEA*1*000000101~", "~IEA*1*000000102~"));
        add("counts", "count-all-lie.837", replaced("~SE*59*0001~GE*1*101~IEA*1*000000101~",
                "~SE*999999*0001~GE*0*101~IEA*99999*000000101~"));
    }

    /** Segments of the sample from ST up to (not including) its first HL, and the billing provider level. */
    private List<String> setHeaderAndBillingProvider() {
        int st = indexOf("ST*");
        int subscriber = indexOf("HL*2*");
        return segments.subList(st, subscriber);
    }

    private int indexOf(String prefix) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalStateException("the sample has no " + prefix);
    }

    /** The first subscriber level's segments after its HL (SBR ... NM1*PR), and its first claim (CLM ... DTP). */
    private List<String> subscriberBody() {
        return segments.subList(indexOf("HL*2*") + 1, indexOf("CLM*"));
    }

    private List<String> firstClaim() {
        return segments.subList(indexOf("CLM*"), indexOf("CLM*CG-CLEAN-002"));
    }

    private String interchangeAround(List<String> set) {
        StringBuilder sb = new StringBuilder();
        sb.append(segments.get(0)).append('~').append(segments.get(1)).append('~');
        for (String s : set) {
            sb.append(s).append('~');
        }
        sb.append("SE*").append(set.size() + 1).append("*0001~GE*1*101~IEA*1*000000101~");
        return sb.toString();
    }

    /** HL*1 (billing provider), HL*2 (subscriber), then HL*n*n-1*23*1 to the depth, each a patient under the last. */
    private void deepHierarchy() throws IOException {
        List<String> set = new ArrayList<>(setHeaderAndBillingProvider());
        set.add("HL*2*1*22*1");
        set.addAll(subscriberBody());
        for (int n = 3; n < HL_DEPTH + 3; n++) {
            set.add("HL*" + n + "*" + (n - 1) + "*23*" + (n < HL_DEPTH + 2 ? 1 : 0));
            set.add("PAT*01");
            set.add("NM1*QC*1*TESTDEPENDENT*DEEP" + n);
        }
        set.addAll(firstClaim());
        add("deep-hl", "deep-hl-10000.837", interchangeAround(set));
    }

    /** The subscriber's last name 5,000 characters long (past StAEDI's buffer too), and 2,000 (past the limit). */
    private void longElement() throws IOException {
        for (int length : new int[] {2000, 5000}) {
            add("long-element", "long-element-" + length + ".837", replaced("NM1*IL*1*TESTPATIENT*ALPHA",
                    "NM1*IL*1*" + "A".repeat(length) + "*ALPHA"));
        }
    }

    private void noTerminator() throws IOException {
        add("no-terminator", "no-terminator-last-segment.837", text.substring(0, text.lastIndexOf('~')));
    }

    /** One set of {@link #HUGE_SEGMENTS} segments: the sample's header and subscriber, then claims until full. */
    private void hugeSet() throws IOException {
        Path f = dir.resolve("huge-set-1000000-segments.837");
        List<String> head = new ArrayList<>(setHeaderAndBillingProvider());
        head.add("HL*2*1*22*0");
        head.addAll(subscriberBody());
        List<String> claim = firstClaim();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            write(out, segments.get(0));
            write(out, segments.get(1));
            int n = 0;
            for (String s : head) {
                write(out, s);
                n++;
            }
            int claims = 0;
            while (n + claim.size() <= HUGE_SEGMENTS - 1) {
                claims++;
                for (String s : claim) {
                    write(out, s.startsWith("CLM*") ? s.replace("CG-CLEAN-001", String.format("CG-HUGE-%07d", claims))
                            : s);
                    n++;
                }
            }
            while (n < HUGE_SEGMENTS - 1) {
                write(out, "NTE*ADD*FILLER");
                n++;
            }
            write(out, "SE*" + HUGE_SEGMENTS + "*0001");
            write(out, "GE*1*101");
            write(out, "IEA*1*000000101");
        }
        inputs.add(new Input("huge-set", f));
    }

    private static void write(OutputStream out, String segment) throws IOException {
        out.write(segment.getBytes(StandardCharsets.US_ASCII));
        out.write('~');
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
