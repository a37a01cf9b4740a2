package io.claimgate.x12;

import io.claimgate.finding.AckCode;
import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.RawSegment;

import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one translator from findings to acknowledgments: 999 (005010X231A1) for groups and sets, TA1 for
 * interchanges. Acknowledgments go back to the submitter: sender and receiver are swapped, control numbers are new.
 */
public final class Acknowledgments {
    static final String ACK_VERSION = "005010X231A1";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final Supplier<String> controlNumbers;
    private final LocalDateTime now;

    public Acknowledgments(Supplier<String> controlNumbers, LocalDateTime now) {
        this.controlNumbers = controlNumbers;
        this.now = now;
    }

    /** Whether any interchange gets a 999 (those rejected whole get a TA1 only). */
    public static boolean needs999(List<EnvelopeOutcome.Interchange> interchanges) {
        return interchanges.stream().anyMatch(i -> !i.rejected() && !i.groups().isEmpty());
    }

    /** Whether any interchange gets a TA1: it was rejected, or its ISA14 asks for one. */
    public static boolean needsTa1(List<EnvelopeOutcome.Interchange> interchanges) {
        return interchanges.stream().anyMatch(i -> i.rejected() || i.header().ackRequested());
    }

    /** Writes one 999 interchange per accepted input interchange, one 999 set per functional group. */
    public void write999(OutputStream out, List<EnvelopeOutcome.Interchange> interchanges) {
        // a few segments per set: every one through StAEDI's writer
        try (X12Output x12 = new X12Output(out, now, true)) {
            for (EnvelopeOutcome.Interchange interchange : interchanges) {
                if (interchange.rejected() || interchange.groups().isEmpty()) {
                    continue;
                }
                x12.startInterchange(interchange.header().isa(), true, controlNumbers.get(), "0",
                        replyDelimiters(interchange));
                int groupControl = 0;
                for (EnvelopeOutcome.Group group : interchange.groups()) {
                    x12.startGroup(group.header().gs(), true, "FA", String.valueOf(++groupControl), ACK_VERSION);
                    x12.startSet("999", "0001", ACK_VERSION);
                    writeGroup(x12, group);
                    x12.endSet();
                    x12.endGroup();
                }
                x12.endInterchange();
            }
        }
    }

    private static void writeGroup(X12Output x12, EnvelopeOutcome.Group group) {
        Envelope.Group gs = group.header();
        x12.segment("AK1", gs.functionalId(), gs.control(), gs.version());
        for (EnvelopeOutcome.Set set : group.sets()) {
            Envelope.Set st = set.header();
            x12.segment("AK2", st.type(), st.control(), st.version());
            boolean segmentErrors = writeSegmentErrors(x12, set.findings());
            if (set.rejected()) {
                LinkedHashSet<String> codes = new LinkedHashSet<>();
                for (Finding f : set.findings()) {
                    AckCode ack = f.rule().ackCode();
                    if (f.rejects() && ack != null && ack.is("IK502")) {
                        codes.add(ack.code());
                    }
                }
                if (segmentErrors) {
                    codes.add("5");
                }
                List<String> ik5 = new ArrayList<>();
                ik5.add("R");
                codes.stream().limit(5).forEach(ik5::add);
                x12.segment("IK5", ik5.toArray(String[]::new));
            } else {
                x12.segment("IK5", "A");
            }
        }
        int received = group.sets().size();
        long accepted = group.acceptedSets();
        String status = group.rejected() || accepted == 0 && received > 0 ? "R"
                : accepted == received ? "A" : "P";
        List<String> ak9 = new ArrayList<>(List.of(status,
                String.valueOf(group.trailerSetCount() >= 0 ? group.trailerSetCount() : received),
                String.valueOf(received), String.valueOf(accepted)));
        group.findings().stream().filter(Finding::rejects).map(f -> f.rule().ackCode())
                .filter(a -> a != null && a.is("AK905")).map(AckCode::code).distinct().limit(5).forEach(ak9::add);
        x12.segment("AK9", ak9.toArray(String[]::new));
    }

    /** IK3 (and IK4) segments for a set's segment and element findings; true when there were any. */
    private static boolean writeSegmentErrors(X12Output x12, List<Finding> findings) {
        Map<String, List<Finding>> bySegment = new LinkedHashMap<>();
        for (Finding f : findings) {
            AckCode ack = f.rule().ackCode();
            if (ack == null || !(ack.is("IK304") || ack.is("IK403"))) {
                continue;
            }
            X12Position p = f.position();
            String key = p.segmentPosition() + "|" + p.segmentId() + "|" + Objects.toString(p.loopId(), "")
                    + "|" + (ack.is("IK304") ? ack.code() : "8");
            bySegment.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        for (List<Finding> group : bySegment.values()) {
            X12Position p = group.get(0).position();
            AckCode first = group.get(0).rule().ackCode();
            String ik304 = first.is("IK304") ? first.code() : "8";
            x12.segment("IK3", p.segmentId(), String.valueOf(p.segmentPosition()),
                    Objects.toString(p.loopId(), ""), ik304);
            for (Finding f : group) {
                AckCode ack = f.rule().ackCode();
                if (ack.is("IK403")) {
                    X12Position e = f.position();
                    List<List<List<String>>> elements = new ArrayList<>();
                    List<String> position = new ArrayList<>(List.of(String.valueOf(e.element())));
                    if (e.component() > 0 || e.repetition() > 1) {
                        position.add(e.component() > 0 ? String.valueOf(e.component()) : "");
                    }
                    if (e.repetition() > 1) {
                        position.add(String.valueOf(e.repetition()));
                    }
                    elements.add(List.of(position));
                    elements.add(List.of(List.of(Objects.toString(e.dataElement(), ""))));
                    elements.add(List.of(List.of(ack.code())));
                    String bad = safeValue(f.badValue(), x12.delimiters());
                    if (!bad.isEmpty()) {
                        elements.add(List.of(List.of(bad)));
                    }
                    x12.segment(new RawSegment("IK4", 0, elements));
                }
            }
        }
        return !bySegment.isEmpty();
    }

    /**
     * Acknowledgments are written with {@code * : ^ ~} unless a value they echo (sender and receiver ids, group and
     * set control numbers, versions) contains one of those; then with the sender's own delimiters, which its
     * values cannot contain.
     */
    static Delimiters replyDelimiters(EnvelopeOutcome.Interchange interchange) {
        Delimiters standard = Delimiters.STANDARD;
        StringBuilder echoed = new StringBuilder();
        var isa = interchange.header().isa();
        for (int i = 1; i <= 15; i++) {
            if (i != 11) { // ISA11 is the repetition separator: the reply writes its own
                echoed.append(isa.element(i));
            }
        }
        for (EnvelopeOutcome.Group g : interchange.groups()) {
            echoed.append(g.header().gs().element(2)).append(g.header().gs().element(3))
                    .append(g.header().control()).append(g.header().version()).append(g.header().functionalId());
            for (EnvelopeOutcome.Set s : g.sets()) {
                echoed.append(s.header().type()).append(s.header().control()).append(s.header().version());
            }
        }
        String text = echoed.toString();
        for (char c : new char[] {standard.element(), standard.component(), standard.repetition(), standard.segment()}) {
            if (text.indexOf(c) >= 0) {
                Delimiters own = interchange.header().delimiters();
                if (!printable(own.element()) || !printable(own.component()) || !printable(own.repetition())
                        || !printable(own.segment()) || !distinct(own)) {
                    // the writer refuses control characters, letters, digits and a character used twice:
                    // echoed values lose ours instead
                    return standard;
                }
                return new Delimiters(own.element(), own.component(), own.repetition(), own.segment(), "\n");
            }
        }
        return standard;
    }

    private static boolean printable(char c) {
        return c > 0x20 && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    private static boolean distinct(Delimiters d) {
        return java.util.stream.Stream.of(d.element(), d.component(), d.repetition(), d.segment()).distinct()
                .count() == 4;
    }

    /**
     * IK404 echoes the bad value: at most 99 characters, our delimiters and anything outside printable ASCII
     * (the X12 character sets) as spaces, so the 999 itself stays valid.
     */
    static String safeValue(String value, Delimiters d) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), 99));
        for (int i = 0; i < value.length() && sb.length() < 99; i++) {
            char c = value.charAt(i);
            boolean delimiter = c == d.element() || c == d.component() || c == d.repetition() || c == d.segment();
            sb.append(delimiter || c < 0x20 || c > 0x7E ? ' ' : c);
        }
        return sb.toString().strip();
    }

    /** Writes one TA1 interchange per input interchange that was rejected or asked for a TA1. */
    public void writeTa1(OutputStream out, List<EnvelopeOutcome.Interchange> interchanges) {
        try (X12Output x12 = new X12Output(out, now, true)) {
            for (EnvelopeOutcome.Interchange interchange : interchanges) {
                if (!interchange.rejected() && !interchange.header().ackRequested()) {
                    continue;
                }
                var isa = interchange.header().isa();
                x12.startInterchange(isa, true, controlNumbers.get(), "0", replyDelimiters(interchange));
                x12.segment("TA1", x12.fixed(isa.element(13), 9, ""), x12.fixed(isa.element(9), 6, ""),
                        x12.fixed(isa.element(10), 4, ""), interchange.rejected() ? "R" : "A", interchange.noteCode());
                x12.endInterchange();
            }
        }
    }
}
