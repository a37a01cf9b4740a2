package io.claimgate.x12;

import io.claimgate.finding.Finding;
import io.claimgate.model.Claim;
import io.claimgate.model.HierarchyLevel;
import io.claimgate.model.RawSegment;
import io.claimgate.model.ServiceLine;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes the 277CA (005010X214) claim acknowledgment, one claim at a time: an interchange per input interchange, a
 * group (HN) per input group and a set per input transaction set accepted in the 999, each with the information
 * source (claimgate) and receiver (the submitter, with the set's accepted and rejected counts and amounts), a
 * billing provider level per billing provider, and a patient level per claim with its status: {@code A2:20}
 * accepted (corrected claims too) or the rejecting rule's category and status, CLM01 echoed in TRN02, the charge
 * in STC04, the clearinghouse trace in REF*D9, and for the lines that carry the reason SVC + STC + REF*FJ + DTP.
 */
public final class ClaimStatusWriter implements AutoCloseable {
    static final String VERSION = "005010X214";
    static final String ACCEPTED = "A2:20";
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /** The counts and amounts of one set's claims, for the receiver level. */
    public record SetTotals(long accepted, BigDecimal acceptedAmount, long rejected, BigDecimal rejectedAmount) {
    }

    /** Submitted charges of a billing provider level's claims (by the level's reader ordinal). */
    public interface ProviderTotals {
        BigDecimal submitted(long providerOrdinal);
    }

    private final X12Output output;
    private final Supplier<String> controlNumbers;
    private final LocalDateTime now;
    private final MirroredEnvelope envelope;
    private final ProviderTotals providerTotals;
    private int hl;
    private int receiverHl;
    private int providerHl;
    private long providerOrdinal = -1;

    public ClaimStatusWriter(OutputStream out, Supplier<String> controlNumbers, LocalDateTime now,
                             ProviderTotals providerTotals) {
        this(out, controlNumbers, now, providerTotals, false);
    }

    /** As above; {@code throughStaedi}: every segment through StAEDI's writer (the tests' reference). */
    ClaimStatusWriter(OutputStream out, Supplier<String> controlNumbers, LocalDateTime now,
                      ProviderTotals providerTotals, boolean throughStaedi) {
        this.providerTotals = providerTotals;
        this.output = new X12Output(out, now, throughStaedi);
        this.controlNumbers = controlNumbers;
        this.now = now;
        this.envelope = new MirroredEnvelope(output, controlNumbers, true, ClaimStatusWriter::replyDelimiters, "HN",
                "277", VERSION);
    }


    /**
     * One claim's status. {@code rejections} are the claim's rejecting findings (empty when accepted); the first
     * gives the claim status, and those on a service line give that line's status.
     */
    public void claim(Claim claim, Envelope.Interchange interchange, Envelope.Group group, Envelope.Set set,
                      SetTotals totals, List<Finding> rejections) {
        open(claim, interchange, group, set, totals);
        HierarchyLevel provider = claim.billingProvider();
        if (provider != null && provider.ordinal() != providerOrdinal) {
            providerHl = ++hl;
            output.segment("HL", String.valueOf(providerHl), String.valueOf(receiverHl), "19", "1");
            RawSegment nm1 = provider.first("NM1");
            output.segment("NM1", "85", nm1 == null ? "2" : nm1.element(2), nm1 == null ? "" : nm1.element(3), "",
                    "", "", "", "XX", nm1 == null ? "" : nm1.element(9));
            output.segment("TRN", "1", "0");
            // 2200C: STC02 is not used at the billing provider level
            List<List<List<String>>> stc = new ArrayList<>();
            stc.add(List.of(List.of("A1", "19", "85")));
            stc.add(List.of(List.of("")));
            stc.add(List.of(List.of("WQ")));
            stc.add(List.of(List.of(plain(providerTotals.submitted(provider.ordinal())))));
            output.segment(new RawSegment("STC", 0, stc));
            providerOrdinal = provider.ordinal();
        }
        output.segment("HL", String.valueOf(++hl), String.valueOf(providerHl), "PT");
        RawSegment patient = patientName(claim);
        String memberId = memberId(claim);
        output.segment("NM1", "QC", "1", patient == null ? "" : patient.element(3),
                patient == null ? "" : patient.element(4), "", "", "", "MI", memberId);
        output.segment("TRN", "2", claim.id());
        String charge = claim.totalCharge() == null ? "0" : plain(claim.totalCharge());
        if (rejections.isEmpty()) {
            output.segment(stc(ACCEPTED, "WQ", charge));
        } else {
            output.segment(stc(status(rejections.get(0)), "U", charge));
        }
        output.segment("REF", "D9", claimTrace(set, claim));
        String dates = claimDates(claim);
        if (!dates.isEmpty()) {
            output.segment("DTP", "472", dates.contains("-") ? "RD8" : "D8", dates);
        }
        for (ServiceLine line : claim.lines()) {
            List<Finding> onLine = rejections.stream()
                    .filter(f -> "SV1".equals(f.position().segmentId()) && f.position().segmentPosition() == line.position())
                    .toList();
            if (onLine.isEmpty()) {
                continue;
            }
            RawSegment sv1 = line.segments().stream().filter(s -> s.is("SV1")).findFirst().orElse(null);
            if (sv1 == null) {
                continue;
            }
            List<List<List<String>>> svc = new ArrayList<>();
            svc.add(List.of(sv1.components(1)));
            svc.add(List.of(List.of(sv1.element(2))));
            svc.add(List.of(List.of("")));
            svc.add(List.of(List.of("")));
            svc.add(List.of(List.of("")));
            svc.add(List.of(List.of("")));
            svc.add(List.of(List.of("UN".equals(sv1.element(3)) ? sv1.element(4) : "")));
            output.segment(new RawSegment("SVC", 0, svc));
            output.segment(stc(status(onLine.get(0)), "U", null));
            output.segment("REF", "FJ", lineControl(line));
            if (!line.serviceDate().isEmpty()) {
                output.segment("DTP", "472", line.serviceDate().contains("-") ? "RD8" : "D8", line.serviceDate());
            }
        }
    }

    private void open(Claim claim, Envelope.Interchange interchange, Envelope.Group group, Envelope.Set set,
                      SetTotals totals) {
        if (envelope.enter(interchange, group, set)) {
            output.segment("BHT", "0085", "08", traceBase(set), now.format(CCYYMMDD), now.format(HHMM), "TH");
            hl = 0;
            output.segment("HL", String.valueOf(++hl), "", "20", "1");
            output.segment("NM1", "AY", "2", "CLAIMGATE", "", "", "", "", "46", interchange.receiverId().strip());
            output.segment("TRN", "1", traceBase(set));
            output.segment("DTP", "050", "D8", date());
            output.segment("DTP", "009", "D8", date());
            receiverHl = ++hl;
            output.segment("HL", String.valueOf(receiverHl), "1", "21", "1");
            RawSegment submitter = claim.header().stream().filter(s -> s.is("NM1") && "41".equals(s.element(1)))
                    .findFirst().orElse(null);
            output.segment("NM1", "41", "2", submitter == null ? "" : submitter.element(3), "", "", "", "", "46",
                    submitter == null ? interchange.senderId().strip() : submitter.element(9));
            RawSegment bht = claim.header().stream().filter(s -> s.is("BHT")).findFirst().orElse(null);
            output.segment("TRN", "2", bht == null || bht.element(3).isEmpty() ? set.control() : bht.element(3));
            output.segment(stc("A1:19:PR", "WQ", plain(totals.acceptedAmount().add(totals.rejectedAmount()))));
            output.segment("QTY", "90", String.valueOf(totals.accepted()));
            output.segment("QTY", "AA", String.valueOf(totals.rejected()));
            output.segment("AMT", "YU", plain(totals.acceptedAmount()));
            output.segment("AMT", "YY", plain(totals.rejectedAmount()));
            providerOrdinal = -1;
        }
    }

    /**
     * The 277CA echoes claim values (names, member ids, CLM01, procedure codes), which can hold any character but
     * the sender's own delimiters: it is written with {@code * : ^ ~} when the sender used those, else with the
     * sender's delimiters.
     */
    static Delimiters replyDelimiters(Envelope.Interchange interchange) {
        Delimiters own = interchange.delimiters();
        Delimiters standard = Delimiters.STANDARD;
        boolean sameAsStandard = own.element() == standard.element() && own.component() == standard.component()
                && own.repetition() == standard.repetition() && own.segment() == standard.segment();
        return sameAsStandard ? standard
                : new Delimiters(own.element(), own.component(), own.repetition(), own.segment(), "\n");
    }

    private RawSegment stc(String status, String action, String amount) {
        List<List<List<String>>> e = new ArrayList<>();
        e.add(List.of(List.of(status.split(":"))));
        e.add(List.of(List.of(date())));
        e.add(List.of(List.of(action)));
        if (amount != null) {
            e.add(List.of(List.of(amount)));
        }
        return new RawSegment("STC", 0, e);
    }

    private static String status(Finding f) {
        String s = f.rule().claimStatus();
        return s == null ? "A7:21" : s;
    }

    private String date() {
        return now.format(CCYYMMDD);
    }

    private static String traceBase(Envelope.Set set) {
        return "CG" + set.control();
    }

    /** The clearinghouse's trace for a claim: the set's control number and the claim's ordinal. */
    private static String claimTrace(Envelope.Set set, Claim claim) {
        return "CG" + set.control() + "-" + (claim.ordinal() + 1);
    }

    /** REF*6R of the line when there is one (echoed as REF*FJ), else its LX01. */
    private static String lineControl(ServiceLine line) {
        for (RawSegment s : line.segments()) {
            if (s.is("REF") && "6R".equals(s.element(1))) {
                return s.element(2);
            }
        }
        return line.lineNumber().isEmpty() ? "1" : line.lineNumber();
    }

    private static RawSegment patientName(Claim claim) {
        HierarchyLevel level = claim.patient() != null ? claim.patient() : claim.subscriber();
        if (level == null) {
            return null;
        }
        for (RawSegment s : level.segments()) {
            if (s.is("NM1") && ("QC".equals(s.element(1)) || "IL".equals(s.element(1)))) {
                return s;
            }
        }
        return null;
    }

    private static String memberId(Claim claim) {
        if (claim.subscriber() == null) {
            return "";
        }
        for (RawSegment s : claim.subscriber().segments()) {
            if (s.is("NM1") && "IL".equals(s.element(1))) {
                return s.element(9);
            }
        }
        return "";
    }

    /** The claim's service dates: one date, or the first-last range. */
    private static String claimDates(Claim claim) {
        String first = null;
        String last = null;
        for (ServiceLine l : claim.lines()) {
            String d = l.serviceDate();
            if (d.length() < 8) {
                continue;
            }
            String from = d.substring(0, 8);
            String to = d.length() >= 17 ? d.substring(9, 17) : from;
            first = first == null || from.compareTo(first) < 0 ? from : first;
            last = last == null || to.compareTo(last) > 0 ? to : last;
        }
        if (first == null) {
            return "";
        }
        return first.equals(last) ? first : first + "-" + last;
    }

    private static String plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    @Override
    public void close() {
        envelope.close();
        output.flush();
    }
}
