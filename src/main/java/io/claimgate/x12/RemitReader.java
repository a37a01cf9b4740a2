package io.claimgate.x12;

import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Adjustment;
import io.claimgate.model.ProviderAdjustment;
import io.claimgate.model.RawSegment;
import io.claimgate.model.Remittance;
import io.claimgate.model.RemittedClaim;
import io.claimgate.model.RemittedLine;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Streams 835 remittances (005010X221A1): one {@link RemittedClaim} at a time with its lines, and each PLB
 * adjustment, with the header of the transaction set they belong to. Several interchanges, groups and sets per
 * file; any delimiters the ISA declares. When validating ({@link GuideValidator} over the 835 schema),
 * implementation-guide errors are reported as findings and reading goes on; a file that cannot be read further ends
 * with a finding, never an exception.
 * Memory holds one claim.
 */
public final class RemitReader {
    /** The implementation guide of the 835 (ST03 / GS08). */
    public static final String REMIT_VERSION = "005010X221A1";

    /** Receives what the reader finds, in file order. */
    public interface Handler {
        default void remittanceStart(Remittance remittance) {
        }

        void claim(RemittedClaim claim);

        default void providerAdjustment(ProviderAdjustment adjustment) {
        }

        default void remittanceEnd(Remittance remittance) {
        }

        void finding(Finding finding);
    }

    /** StAEDI schema validation (the reference), or a supplier of null. */
    private final Supplier<Schema> schema;
    /** claimgate's implementation-guide validation, or null. */
    private final Guide guide;

    private RemitReader(Supplier<Schema> schema, Guide guide) {
        this.schema = schema;
        this.guide = guide;
    }

    /**
     * A reader that validates each 835 set against the 005010X221A1 implementation guide with claimgate's
     * {@link GuideValidator} (reading claimgate's 835 schema).
     */
    public static RemitReader validating() {
        return new RemitReader(() -> null, Guide.of(X12Schemas.remit()));
    }

    /** A reader that validates with StAEDI's own schema validation: the reference for tests and benchmarks. */
    public static RemitReader withStaediValidation() {
        return new RemitReader(X12Schemas::remit, null);
    }

    /** A reader that only tokenizes (envelope checks only): the bare-parse baseline. */
    public static RemitReader unvalidated() {
        return new RemitReader(() -> null, null);
    }

    public void read(InputStream input, Handler handler) throws IOException {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
        skipBom(in);
        EDIStreamReader reader = X12Schemas.reader(factory, in);
        new Run(reader, handler).run();
    }

    private static void skipBom(BufferedInputStream in) throws IOException {
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset();
        }
    }

    private final class Run {
        private final EDIStreamReader reader;
        private final Handler handler;
        private String interchangeControl;
        private String groupControl;
        private String setControl;
        private int stPosition;
        private boolean anyInterchange;

        private String tag;
        private int segmentPosition;
        private List<List<List<String>>> elements;

        private final GuideValidator validator = guide == null ? null : new GuideValidator(guide);
        private boolean guidingSet;
        private final GuideValidator.Sink guideSink = new GuideValidator.Sink() {
            @Override
            public void segment(X12Rule rule, String segmentTag, String loopId, boolean absence) {
                handler.finding(Finding.of(rule, new X12Position(interchangeControl, groupControl, setControl,
                        segmentTag, segmentPosition - stPosition + 1, loopId, 0, 0, 0, null)));
            }

            @Override
            public void element(X12Rule rule, String segmentTag, String loopId, int element, int component,
                                int repetition, String reference, String badValue) {
                Finding finding = Finding.of(rule, new X12Position(interchangeControl, groupControl, setControl,
                        segmentTag, segmentPosition - stPosition + 1, loopId, element, component, repetition,
                        ClaimReader.dataElementNumber(reference)));
                handler.finding(badValue == null ? finding : finding.withBadValue(badValue));
            }
        };

        // set being read
        private List<RawSegment> header;
        private Remittance remittance;
        private String n1Entity;
        private ClaimBuilder claim;
        private LineBuilder line;

        Run(EDIStreamReader reader, Handler handler) {
            this.reader = reader;
            this.handler = handler;
        }

        void run() throws IOException {
            try {
                while (true) {
                    EDIStreamEvent event;
                    try {
                        if (!reader.hasNext()) {
                            break;
                        }
                        event = reader.next();
                    } catch (io.xlate.edi.stream.EDIStreamException | RuntimeException e) {
                        // a byte the character set cannot decode is data that cannot be read, not an I/O failure
                        if (e.getCause() instanceof IOException io
                                && !(io instanceof java.nio.charset.CharacterCodingException)) {
                            throw io;
                        }
                        handler.finding(anyInterchange ? Unreadable.finding(e, position(tag))
                                : Finding.of(X12Rule.NOT_X12, X12Position.FILE));
                        finishSet();
                        return;
                    }
                    onEvent(event);
                }
                if (interchangeControl != null) {
                    handler.finding(Finding.of(X12Rule.INTERCHANGE_TRUNCATED, position(null)));
                    finishSet();
                } else if (!anyInterchange) {
                    handler.finding(Finding.of(X12Rule.NOT_X12, X12Position.FILE)); // nothing X12 in it at all
                }
            } finally {
                reader.close();
            }
        }

        private void onEvent(EDIStreamEvent event) {
            switch (event) {
                case START_INTERCHANGE -> anyInterchange = true;
                case START_SEGMENT -> {
                    tag = reader.getText();
                    segmentPosition = reader.getLocation().getSegmentPosition();
                    elements = new ArrayList<>();
                }
                case ELEMENT_DATA -> elementData();
                case END_SEGMENT -> endSegment();
                case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> validationError();
                default -> { }
            }
        }

        private void elementData() {
            SegmentElements.add(elements, reader.getLocation(), reader.getText());
        }

        private void validationError() {
            EDIStreamValidationError error = reader.getErrorType();
            X12Rule rule = ValidationErrors.rule(error);
            if (rule == null) {
                return;
            }
            Location l = reader.getLocation();
            String segment = l.getSegmentTag() != null ? l.getSegmentTag() : tag;
            int relative = setControl != null ? Math.max(0, l.getSegmentPosition() - stPosition + 1) : 0;
            handler.finding(Finding.of(rule, new X12Position(interchangeControl, groupControl, setControl, segment,
                    relative, null, Math.max(0, l.getElementPosition()), Math.max(0, l.getComponentPosition()),
                    Math.max(0, l.getElementOccurrence()), null)));
        }

        private void endSegment() {
            int relative = setControl != null ? segmentPosition - stPosition + 1 : 0;
            RawSegment s = new RawSegment(tag, relative, elements);
            switch (tag) {
                case "ISA" -> interchangeControl = s.element(13).trim();
                case "GS" -> groupControl = s.element(6);
                case "ST" -> startSet(s);
                case "SE" -> {
                    if (guidingSet) {
                        validator.endSet(guideSink);
                        guidingSet = false;
                    }
                    finishSet();
                }
                case "GE" -> groupControl = null;
                case "IEA" -> {
                    if (!interchangeControl.equals(s.element(2).trim())) {
                        handler.finding(Finding.of(X12Rule.INTERCHANGE_CONTROL_MISMATCH, position("IEA")));
                    }
                    interchangeControl = null;
                }
                default -> {
                    if (guidingSet) {
                        validator.segment(s, guideSink);
                    }
                    if (header != null) {
                        inSet(s);
                    }
                }
            }
        }

        private void startSet(RawSegment st) {
            stPosition = segmentPosition;
            setControl = st.element(2);
            header = new ArrayList<>();
            remittance = null;
            claim = null;
            line = null;
            n1Entity = null;
            Schema s = schema.get();
            if (s != null && "835".equals(st.element(1))) {
                reader.setTransactionSchema(s);
            }
            guidingSet = validator != null && "835".equals(st.element(1));
            if (guidingSet) {
                validator.startSet();
            }
        }

        private void inSet(RawSegment s) {
            switch (s.tag()) {
                case "LX" -> {
                    startRemittance();
                    finishClaim();
                }
                case "CLP" -> {
                    startRemittance();
                    finishClaim();
                    claim = new ClaimBuilder(s);
                }
                case "SVC" -> {
                    if (claim != null) {
                        finishLine();
                        line = new LineBuilder(s);
                    }
                }
                case "PLB" -> {
                    startRemittance();
                    finishClaim();
                    providerAdjustments(s);
                }
                default -> {
                    if (line != null) {
                        line.add(s);
                    } else if (claim != null) {
                        claim.add(s);
                    } else if (remittance == null) {
                        header.add(s);
                    }
                }
            }
        }

        /** The header is complete at the first LX, CLP or PLB (or at SE for a set with none). */
        private void startRemittance() {
            if (remittance != null) {
                return;
            }
            String payerId = null;
            String payerName = null;
            String payeeId = null;
            BigDecimal total = null;
            String handling = null;
            String creditDebit = null;
            String method = null;
            String date = null;
            String trace = null;
            String traceOriginator = null;
            String entity = null;
            for (RawSegment s : header) {
                switch (s.tag()) {
                    case "BPR" -> {
                        handling = s.element(1);
                        total = amount(s.element(2));
                        creditDebit = s.element(3);
                        method = s.element(4);
                        date = s.element(16);
                    }
                    case "TRN" -> {
                        trace = s.element(2);
                        traceOriginator = s.element(3);
                    }
                    case "N1" -> {
                        entity = s.element(1);
                        if ("PR".equals(entity)) {
                            payerName = s.element(2);
                            payerId = blankToNull(s.element(4));
                        } else if ("PE".equals(entity)) {
                            payeeId = blankToNull(s.element(4));
                        }
                    }
                    case "REF" -> {
                        if ("PR".equals(entity) && "2U".equals(s.element(1)) && payerId == null) {
                            payerId = s.element(2);
                        }
                    }
                    default -> { }
                }
            }
            if (payerId == null) {
                payerId = blankToNull(traceOriginator);
            }
            remittance = new Remittance(interchangeControl, setControl, payerId, payerName, payeeId, total,
                    handling, creditDebit, method, date, trace);
            handler.remittanceStart(remittance);
        }

        private void providerAdjustments(RawSegment plb) {
            for (int e = 3; e + 1 <= Math.max(plb.elementCount(), 4); e += 2) {
                String reason = plb.component(e, 1);
                if (reason.isEmpty() && plb.element(e + 1).isEmpty()) {
                    continue;
                }
                handler.providerAdjustment(new ProviderAdjustment(remittance, plb.position(), plb.element(1),
                        plb.element(2), reason, blankToNull(plb.component(e, 2)), amount(plb.element(e + 1))));
            }
        }

        private void finishLine() {
            if (line != null) {
                claim.lines.add(line.build());
                line = null;
            }
        }

        private void finishClaim() {
            if (claim != null) {
                finishLine();
                handler.claim(claim.build(remittance));
                claim = null;
            }
        }

        private void finishSet() {
            if (header == null) {
                return;
            }
            startRemittance();
            finishClaim();
            handler.remittanceEnd(remittance);
            header = null;
            setControl = null;
        }

        private X12Position position(String segment) {
            return new X12Position(interchangeControl, groupControl, setControl, segment, 0, null, 0, 0, 0, null);
        }
    }

    private static final class ClaimBuilder {
        final RawSegment clp;
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        final List<RemittedLine> lines = new ArrayList<>();
        String renderingNpi;
        String statementDate;

        ClaimBuilder(RawSegment clp) {
            this.clp = clp;
        }

        void add(RawSegment s) {
            switch (s.tag()) {
                case "CAS" -> adjustments(s, adjustments);
                case "MOA" -> {
                    for (int e = 3; e <= 7; e++) {
                        addIfPresent(remarks, s.element(e));
                    }
                }
                case "MIA" -> {
                    for (int e : new int[] {5, 20, 21, 22, 23}) {
                        addIfPresent(remarks, s.element(e));
                    }
                }
                case "NM1" -> {
                    if ("82".equals(s.element(1)) && "XX".equals(s.element(8))) {
                        renderingNpi = s.element(9);
                    }
                }
                case "DTM" -> {
                    if ("232".equals(s.element(1)) && statementDate == null) {
                        statementDate = s.element(2);
                    }
                }
                default -> { }
            }
        }

        RemittedClaim build(Remittance remittance) {
            return new RemittedClaim(remittance, clp.position(), clp.element(1), clp.element(2),
                    amount(clp.element(3)), amount(clp.element(4)), amount(clp.element(5)),
                    blankToNull(clp.element(7)), adjustments, remarks, renderingNpi, statementDate, lines);
        }
    }

    private static final class LineBuilder {
        final RawSegment svc;
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        String date;
        String control;

        LineBuilder(RawSegment svc) {
            this.svc = svc;
        }

        void add(RawSegment s) {
            switch (s.tag()) {
                case "CAS" -> adjustments(s, adjustments);
                case "DTM" -> {
                    if (date == null && ("472".equals(s.element(1)) || "150".equals(s.element(1)))) {
                        date = s.element(2);
                    }
                }
                case "REF" -> {
                    if ("6R".equals(s.element(1)) && control == null) {
                        control = s.element(2);
                    }
                }
                case "LQ" -> {
                    if ("HE".equals(s.element(1))) {
                        addIfPresent(remarks, s.element(2));
                    }
                }
                default -> { }
            }
        }

        RemittedLine build() {
            List<String> modifiers = new ArrayList<>();
            for (int c = 3; c <= 6; c++) {
                addIfPresent(modifiers, svc.component(1, c));
            }
            String submitted = blankToNull(svc.component(6, 2));
            return new RemittedLine(svc.position(), svc.component(1, 2), modifiers, submitted,
                    amount(svc.element(2)), amount(svc.element(3)), blankToNull(svc.element(5)) == null ? null
                    : amount(svc.element(5)), date, control, adjustments, remarks);
        }
    }

    /** CAS01 group, then up to six (reason, amount, quantity) triplets. */
    private static void adjustments(RawSegment cas, List<Adjustment> out) {
        String group = cas.element(1);
        for (int e = 2; e <= 17; e += 3) {
            String reason = cas.element(e);
            if (reason.isEmpty()) {
                continue;
            }
            String quantity = cas.element(e + 2);
            out.add(new Adjustment(group, reason, amount(cas.element(e + 1)),
                    quantity.isEmpty() ? null : amount(quantity)));
        }
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value.trim());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * An X12 R value: digits with an optional sign and decimal point, no exponent (BigDecimal would take
     * {@code 1e1000000}, and every sum it enters would then be a million digits long).
     */
    static final java.util.regex.Pattern X12_DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");

    /** An X12 amount (R type), or zero when missing or not a number (balancing then reports it). */
    static BigDecimal amount(String s) {
        if (s == null || s.isBlank() || !X12_DECIMAL.matcher(s.trim()).matches()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
