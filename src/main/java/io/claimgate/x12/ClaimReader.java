package io.claimgate.x12;

import io.claimgate.finding.Finding;
import io.claimgate.finding.X12Position;
import io.claimgate.model.Claim;
import io.claimgate.model.HierarchyLevel;
import io.claimgate.model.RawSegment;
import io.claimgate.model.ServiceLine;
import io.claimgate.model.TransactionRef;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Streams an 837P file one claim at a time.
 *
 * <p>Each claim is handed over as an immutable {@link Claim} with the hierarchy above it and the raw segments it was
 * read from; nothing is kept once a claim has been handed over except the current set's header and hierarchy levels,
 * so memory does not grow with the number of claims. With validation on, every 837 transaction set is checked
 * against the 005010X222A1 implementation guide by claimgate's {@link GuideValidator} (reading the same generated
 * schema) on top of StAEDI's tokenizer, and each problem becomes a {@link Finding} positioned from ST = 1; envelope
 * control checks (SE01, SE02, GE01, GE02, IEA01, IEA02) run either way. StAEDI's own schema validation is kept as
 * a reference ({@link #withStaediValidation}) for tests and benchmarks.
 *
 * <p>Claims are delimited by segment tags (HL, CLM, LX), not by the schema's loops, so the same claims come out
 * whether or not validation is on, and whatever the validation found.
 */
public final class ClaimReader {

    /** Receives what the reader reads, in file order. */
    public interface Handler {
        default void interchangeStart(Envelope.Interchange interchange) { }

        default void groupStart(Envelope.Group group) { }

        default void setStart(Envelope.Set set) { }

        void claim(Claim claim);

        /** End of a transaction set; {@code segmentCount} is the real number of segments from ST to SE. */
        default void setEnd(Envelope.Set set, int segmentCount) { }

        /** End of a functional group; {@code declaredSetCount} is GE01, or -1 when there was no readable GE. */
        default void groupEnd(Envelope.Group group, int declaredSetCount) { }

        default void interchangeEnd(Envelope.Interchange interchange, int groupCount) { }

        /**
         * A finding. {@code claimOrdinal} is the claim it belongs to, or -1 when it belongs to the set, group,
         * interchange or file (see {@link Scope}). A claim's findings may arrive before or after the claim itself,
         * but always before the end of its transaction set.
         */
        void finding(Finding finding, Scope scope, long claimOrdinal);

        /** A handler that takes the claims and leaves the findings (for a second pass, benchmarks, tests). */
        static Handler claims(java.util.function.Consumer<Claim> consumer) {
            return new Handler() {
                @Override
                public void claim(Claim claim) {
                    consumer.accept(claim);
                }

                @Override
                public void finding(Finding finding, Scope scope, long claimOrdinal) {
                    // left to the validation pass
                }
            };
        }
    }

    /** What a finding belongs to. */
    public enum Scope { FILE, INTERCHANGE, GROUP, SET, CLAIM }

    /**
     * What one transaction set may hold, checked while reading so that hostile input costs no more memory than
     * these bounds: a segment's length in characters, claims per set, service lines per claim, and segments held
     * for one claim, one hierarchy level or the set's header. Past a limit the set is rejected with a finding and
     * the rest of it is read without building claims (they are counted: the file's claims are then not conserved
     * and its input is kept). Readers of both passes over a file must use the same limits.
     */
    public record Limits(int maxSegmentLength, int maxClaimsPerSet, int maxLinesPerClaim, int maxSegmentsPerClaim) {
        /** 1,024 characters, 5,000 claims (the TR3's recommendation), 50 lines (loop 2400), 2,000 segments. */
        public static final Limits DEFAULT = new Limits(1024, 5000, 50, 2000);

        public Limits {
            if (maxSegmentLength < 106 || maxClaimsPerSet < 1 || maxLinesPerClaim < 1 || maxSegmentsPerClaim < 10) {
                throw new IllegalArgumentException("limits must allow an ISA (106), a claim, a line and 10 segments");
            }
        }
    }

    /** GE01 and HL01 as the reader takes them as numbers (anything else is reported, and read as -1 or next). */
    private static final Pattern GROUP_SET_COUNT = Pattern.compile("[0-9]{1,6}");
    private static final Pattern HIERARCHY_ID = Pattern.compile("[0-9]{1,9}");
    private static final int[] ISA_WIDTHS = {2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

    /** StAEDI schema validation (the reference), or null. */
    private final Schema transactionSchema;
    /** claimgate's implementation-guide validation, or null. */
    private final Guide guide;
    private final LoopIndex loopIndex;
    private final EDIInputFactory factory;
    private Limits limits = Limits.DEFAULT;
    private boolean tokenizingAhead;

    /** A reader that validates 837 sets against the 005010X222A1 implementation guide. */
    public static ClaimReader validating() {
        return new ClaimReader(X12Schemas.claim());
    }

    /**
     * A reader that validates with StAEDI's own schema validation instead of claimgate's guide validator: the
     * reference the guide validator is compared with in tests, and the "before" of the benchmarks (about ten times
     * slower). Uses the calling thread's copy of the schema.
     */
    public static ClaimReader withStaediValidation() {
        return withStaediValidation(X12Schemas.claimForThread());
    }

    /** As {@link #withStaediValidation()}, with the given schema. */
    public static ClaimReader withStaediValidation(Schema schema) {
        return new ClaimReader(schema, null);
    }

    /** A reader that only tokenizes and checks the envelope (for a second pass over a file already validated). */
    public static ClaimReader unvalidated() {
        return new ClaimReader(null);
    }

    /**
     * The same reader with StAEDI's tokenizing on a thread of its own, handing its events over in batches, while the
     * calling thread assembles the claims, checks the guide and runs the handler: the same findings and claims, on
     * two cores. Not with StAEDI's own validation, which needs its reader on the calling thread.
     */
    public ClaimReader tokenizingAhead() {
        if (transactionSchema != null) {
            throw new IllegalStateException("StAEDI's validation reads on the calling thread");
        }
        this.tokenizingAhead = true;
        return this;
    }

    /** The same reader with other {@link Limits}. */
    public ClaimReader limits(Limits limits) {
        this.limits = java.util.Objects.requireNonNull(limits);
        return this;
    }

    /**
     * @param transactionSchema the 837P schema whose implementation guide to validate against, or {@code null} to
     *                          read without implementation-guide validation (envelope control checks still run)
     */
    public ClaimReader(Schema transactionSchema) {
        this(null, transactionSchema == null ? null : Guide.of(transactionSchema));
    }

    private ClaimReader(Schema staediSchema, Guide guide) {
        this.transactionSchema = staediSchema;
        this.guide = guide;
        this.loopIndex = new LoopIndex(staediSchema);
        this.factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        // control characters inside values reach the validator (X12-ELEMENT-INVALID-CHARACTER) instead of being
        // dropped; line breaks between segments are still allowed
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, false);
    }

    /**
     * Reads the stream up to its end, or up to the point where it stops being readable X12. Problems in the data are
     * reported as findings; only I/O failures are thrown. The stream is not closed.
     */
    public void read(InputStream input, Handler handler) throws IOException {
        // the caller owns the stream: StAEDI's close must not close it (the caller may read on, e.g. to hash)
        InputStream unclosable = new java.io.FilterInputStream(input) {
            @Override
            public void close() {
            }
        };
        BufferedInputStream in = new BufferedInputStream(unclosable, 1 << 16);
        skipBom(in);
        String lineBreak = sniff(in, handler);
        if (lineBreak == null) {
            return;
        }
        new Run(in, handler, lineBreak).run();
    }

    private static void skipBom(BufferedInputStream in) throws IOException {
        in.mark(3);
        byte[] b = in.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

    /**
     * Checks that the data starts with a fixed-width ISA and tells which line break follows its terminator.
     * Returns {@code null} (after reporting) when the file is not X12.
     */
    private static String sniff(BufferedInputStream in, Handler handler) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(400);
        in.reset();
        int start = 0;
        while (start < head.length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (head.length - start < 3 || head[start] != 'I' || head[start + 1] != 'S' || head[start + 2] != 'A') {
            handler.finding(Finding.of(X12Rule.NOT_X12, X12Position.FILE), Scope.FILE, -1);
            return null;
        }
        if (head.length - start < 106 || !fixedWidthIsa(head, start)) {
            Envelope.Interchange interchange = looseInterchange(head, start);
            if (interchange != null) {
                handler.interchangeStart(interchange);
            }
            handler.finding(Finding.of(X12Rule.INTERCHANGE_HEADER_INVALID,
                            new X12Position(interchange == null ? null : interchange.control(), null, null, "ISA", 0,
                                    null, 0, 0, 0, null),
                            "interchange header ISA is not 106 characters with fixed-width elements"),
                    interchange == null ? Scope.FILE : Scope.INTERCHANGE, -1);
            if (interchange != null) {
                handler.interchangeEnd(interchange, 0);
            }
            return null;
        }
        int after = start + 106;
        if (after < head.length && head[after] == '\r') {
            return after + 1 < head.length && head[after + 1] == '\n' ? "\r\n" : "\r";
        }
        return after < head.length && head[after] == '\n' ? "\n" : "";
    }

    /**
     * An ISA that is not fixed width, split on the separator it starts with, when it has all 16 elements and none of
     * them holds its delimiters or a line break (else the "elements" run on past the ISA and a TA1 could not echo
     * them); enough to address a TA1 to its sender, in its own delimiters. {@code null} when even that fails.
     */
    private static Envelope.Interchange looseInterchange(byte[] head, int start) {
        if (head.length - start < 4) {
            return null;
        }
        char sep = (char) (head[start + 3] & 0xFF);
        if (Character.isLetterOrDigit(sep) || Character.isWhitespace(sep)) {
            return null;
        }
        String text = new String(head, start, head.length - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] parts = text.split(java.util.regex.Pattern.quote(String.valueOf(sep)), 18);
        if (parts.length < 17 || parts[16].isEmpty()) {
            return null;
        }
        char component = parts[16].charAt(0);
        char terminator = parts[16].length() > 1 ? parts[16].charAt(1) : Delimiters.STANDARD.segment();
        Delimiters delimiters = new Delimiters(sep, component, Delimiters.STANDARD.repetition(), terminator, "\n");
        List<List<List<String>>> elements = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            String value = parts[i];
            for (char c : value.toCharArray()) {
                // ISA11 is the sender's repetition separator: a reply writes its own
                if (c == component || c == terminator || c == '\r' || c == '\n'
                        || (i != 11 && c == delimiters.repetition())) {
                    return null;
                }
            }
            elements.add(List.of(List.of(value)));
        }
        elements.add(List.of(List.of(String.valueOf(component))));
        return new Envelope.Interchange(0, new RawSegment("ISA", 0, elements), delimiters);
    }

    private static boolean fixedWidthIsa(byte[] head, int start) {
        byte sep = head[start + 3];
        int p = start + 3;
        for (int width : ISA_WIDTHS) {
            if (head[p] != sep) {
                return false;
            }
            for (int i = 1; i <= width; i++) {
                if (head[p + i] == sep) {
                    return false;
                }
            }
            p += width + 1;
        }
        // p is now just past ISA16: the segment terminator must differ from the separators
        byte term = head[p];
        return term != sep && term != head[p - 1];
    }

    /** Ends the reading of a file at an envelope segment out of order. */
    private static final class StructureStop extends RuntimeException {
        StructureStop() {
            super(null, null, false, false);
        }
    }

    /** One pass over one file. */
    private final class Run {
        private final BufferedInputStream in;
        private final Handler handler;
        private final String lineBreak;

        private Tokens reader;
        private Envelope.Interchange interchange;
        private Envelope.Group group;
        private Envelope.Set set;
        private int interchangeOrdinal = -1;
        private int groupOrdinal = -1;
        private int setOrdinal = -1;
        private int groupsInInterchange;
        private int setsInGroup;
        private int stPosition;
        private int lastSegmentPosition;
        private boolean validatingSet;
        /** claimgate's guide validation of the current set, or null. */
        private final GuideValidator validator = guide == null ? null : new GuideValidator(guide);
        private boolean guidingSet;
        /** The claim open when the current segment started (before its tag closed it), or -1. */
        private long claimBeforeSegment = -1;
        /** Characters of the current segment so far, and whether it passed the limit (its data is then dropped). */
        private int segmentLength;
        private boolean segmentTooLong;
        private int claimsInSet;
        private int heldSegments;
        /** Past a limit in the current set: the rest of it is read without building anything (claims counted). */
        private boolean skipping;

        private final Deque<String> loops = new ArrayDeque<>();
        /** The set's billing-provider levels by HL01 (a handful), so subscribers link to the provider HL02 names. */
        private final java.util.Map<String, HierarchyLevel> providers = new java.util.HashMap<>();
        private int lastHierarchyId;
        private Finding lastSegmentFinding;

        // segment being read
        private String tag;
        private int segmentPosition;
        private List<List<List<String>>> elements;

        // hierarchy and claim being read
        private List<RawSegment> header;
        private long levelOrdinal;
        private LevelBuilder level;
        private HierarchyLevel provider;
        private HierarchyLevel subscriber;
        private HierarchyLevel patient;
        private ClaimBuilder claim;
        private long claimOrdinal;

        Run(BufferedInputStream in, Handler handler, String lineBreak) {
            this.in = in;
            this.handler = handler;
            this.lineBreak = lineBreak;
        }

        void run() throws IOException {
            EDIStreamReader staedi = X12Schemas.reader(factory, in);
            reader = tokenizingAhead ? Tokens.ahead(staedi) : Tokens.of(staedi);
            try {
                while (true) {
                    EDIStreamEvent event;
                    try {
                        if (!reader.hasNext()) {
                            break;
                        }
                        event = reader.next();
                    } catch (io.xlate.edi.stream.EDIStreamException | RuntimeException e) {
                        // StAEDI cannot tokenize the data any further: what is open is unusable from here on.
                        // Failures in claimgate's own handling are not caught here: they are bugs, not data.
                        unreadable(e);
                        return;
                    }
                    try {
                        onEvent(event);
                    } catch (StructureStop stop) {
                        return;
                    }
                }
                if (interchange != null) {
                    truncated();
                }
            } finally {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // closing a reader over a stream we do not own
                }
            }
        }

        private void unreadable(Exception e) {
            // a byte the character set cannot decode is data that cannot be read, not an I/O failure
            if (e.getCause() instanceof IOException io && !(io instanceof java.nio.charset.CharacterCodingException)) {
                throw new java.io.UncheckedIOException(io);
            }
            if (interchange == null && interchangeOrdinal < 0) {
                handler.finding(Finding.of(X12Rule.NOT_X12, X12Position.FILE), Scope.FILE, -1);
                return;
            }
            if (interchange == null) {
                // after the IEA of a complete interchange: the rest of the file is not X12 (or a broken ISA)
                handler.finding(Finding.of(X12Rule.TRAILING_DATA, X12Position.FILE), Scope.FILE, -1);
                return;
            }
            boolean endOfData = e.getMessage() != null && e.getMessage().toLowerCase().contains("end of");
            handler.finding(endOfData ? Finding.of(X12Rule.INTERCHANGE_TRUNCATED, position(tag, 0))
                    : Unreadable.finding(e, position(tag, 0)), Scope.INTERCHANGE, -1);
            closeOpenStructures();
        }

        private void truncated() {
            handler.finding(Finding.of(X12Rule.INTERCHANGE_TRUNCATED, position(null, 0)), Scope.INTERCHANGE, -1);
            closeOpenStructures();
        }

        /** After a fatal error: hand over the claim in progress and close what is open, so nothing is lost. */
        private void closeOpenStructures() {
            finishClaim();
            if (set != null) {
                handler.setEnd(set, lastSegmentPosition - stPosition + 1);
                set = null;
            }
            if (group != null) {
                handler.groupEnd(group, -1);
                group = null;
            }
            if (interchange != null) {
                handler.interchangeEnd(interchange, groupsInInterchange);
                interchange = null;
            }
        }

        private void onEvent(EDIStreamEvent event) {
            switch (event) {
                case START_SEGMENT -> startSegment();
                case ELEMENT_DATA -> elementData();
                case END_SEGMENT -> endSegment();
                case START_LOOP -> loops.push(loopId(reader.getReferenceCode()));
                case END_LOOP -> {
                    if (!loops.isEmpty()) {
                        loops.pop();
                    }
                }
                case START_TRANSACTION -> loops.clear();
                case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> validationError(event);
                default -> {
                    // interchange/group/transaction boundaries are handled on their header and trailer segments
                }
            }
        }

        private void startSegment() {
            tag = reader.getText();
            Location location = reader.getLocation();
            segmentPosition = location.getSegmentPosition();
            elements = new ArrayList<>();
            checkStructure();
            lastSegmentPosition = segmentPosition;
            claimBeforeSegment = claim == null ? -1 : claim.ordinal;
            segmentLength = tag.length();
            segmentTooLong = false;
            if (!skipping && set != null) {
                checkLimitsAtStart();
            }
            if (skipping) {
                if ("CLM".equals(tag)) {
                    claimOrdinal++;
                } else if ("HL".equals(tag)) {
                    levelOrdinal++; // ordinals must match those of readers that build the levels
                }
                return;
            }
            switch (tag) {
                case "HL", "SE" -> finishClaim();
                case "CLM" -> {
                    finishClaim();
                    freezeLevel();
                    claim = new ClaimBuilder(claimOrdinal++);
                }
                case "LX" -> {
                    if (claim != null) {
                        claim.startLine();
                    }
                }
                default -> { }
            }
        }

        /**
         * Envelope segments out of their order end the reading of the interchange, the same way whether or not
         * this reader validates (StAEDI's own reaction depends on whether a schema is set): a set without SE,
         * a group without GE, an interchange without IEA, ST outside a group, claim data outside a set.
         */
        private void checkStructure() {
            boolean broken = switch (tag) {
                case "TA1", "ISB", "ISE" -> interchange == null || group != null;
                case "ISA" -> interchange != null;
                case "GS" -> interchange == null || group != null;
                case "ST" -> group == null || set != null;
                case "SE" -> set == null;
                case "GE" -> group == null || set != null;
                case "IEA" -> interchange == null || group != null;
                default -> set == null; // a transaction segment outside ST..SE
            };
            if (!broken) {
                return;
            }
            finishClaim();
            if (set != null && !"SE".equals(tag)) {
                handler.finding(Finding.of(X12Rule.SET_TRAILER_MISSING,
                        position("SE", lastSegmentPosition - stPosition + 2)), Scope.SET, -1);
            }
            if (interchange == null) {
                handler.finding(Finding.of(X12Rule.TRAILING_DATA, X12Position.FILE), Scope.FILE, -1);
            } else {
                handler.finding(Finding.of(X12Rule.INTERCHANGE_STRUCTURE, position(tag, 0)), Scope.INTERCHANGE, -1);
            }
            closeOpenStructures();
            throw new StructureStop();
        }

        private void elementData() {
            if (skipping) {
                return;
            }
            String text = reader.getText();
            segmentLength += text.length() + 1;
            if (set != null && segmentLength > limits.maxSegmentLength()) {
                segmentTooLong = true; // nothing more of it is held
                return;
            }
            SegmentElements.add(elements, reader.getLocation(), text);
        }

        /** Claims per set and lines per claim, checked when a CLM or LX starts (before anything is built). */
        private void checkLimitsAtStart() {
            if ("CLM".equals(tag) && ++claimsInSet > limits.maxClaimsPerSet()) {
                finishClaim(); // the claim before is complete
                overLimit(X12Rule.SET_TOO_MANY_CLAIMS, "more than " + limits.maxClaimsPerSet()
                        + " claims in the transaction set");
            } else if ("LX".equals(tag) && claim != null && claim.lines.size() >= limits.maxLinesPerClaim()) {
                overLimit(X12Rule.CLAIM_TOO_MANY_LINES, "more than " + limits.maxLinesPerClaim()
                        + " service lines in a claim");
            }
        }

        /**
         * A limit is passed: the set is rejected, the claim in progress is not handed over, and the rest of the
         * set is read without building anything (claims are still counted, so ordinals stay those of other passes).
         */
        private void overLimit(X12Rule rule, String message) {
            handler.finding(Finding.of(rule, position(tag, segmentPosition - stPosition + 1), message + " (limit "
                    + "reached at segment " + (segmentPosition - stPosition + 1) + ")"), Scope.SET, -1);
            claim = null;
            level = null;
            skipping = true;
            guidingSet = false;
        }

        private void endSegment() {
            if (skipping && !"SE".equals(tag)) {
                return;
            }
            if (segmentTooLong && !"SE".equals(tag)) {
                overLimit(X12Rule.SEGMENT_TOO_LONG, "a segment longer than " + limits.maxSegmentLength()
                        + " characters");
                return;
            }
            int relative = set != null && !"ISA".equals(tag) ? segmentPosition - stPosition + 1 : 0;
            RawSegment segment = new RawSegment(tag, relative, elements);
            switch (tag) {
                case "ISA" -> startInterchange(segment);
                case "GS" -> startGroup(segment);
                case "ST" -> startSet(segment);
                case "SE" -> endSet();
                case "GE" -> endGroup(segment);
                case "IEA" -> endInterchange();
                case "TA1" -> { }
                default -> addToTransaction(segment);
            }
        }

        private void startInterchange(RawSegment isa) {
            Map<String, Character> d = reader.getDelimiters();
            Delimiters delimiters = new Delimiters(
                    d.getOrDefault(EDIStreamConstants.Delimiters.DATA_ELEMENT, '*'),
                    d.getOrDefault(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, ':'),
                    d.getOrDefault(EDIStreamConstants.Delimiters.REPETITION, '^'),
                    d.getOrDefault(EDIStreamConstants.Delimiters.SEGMENT, '~'),
                    lineBreak);
            interchange = new Envelope.Interchange(++interchangeOrdinal, isa, delimiters);
            groupsInInterchange = 0;
            handler.interchangeStart(interchange);
            for (int i = 0; i < ISA_WIDTHS.length; i++) {
                if (isa.element(i + 1).length() != ISA_WIDTHS[i]) {
                    handler.finding(Finding.of(X12Rule.INTERCHANGE_HEADER_INVALID,
                            position("ISA", 0).withElement(i + 1, 0, 0)), Scope.INTERCHANGE, -1);
                    break;
                }
            }
        }

        private void startGroup(RawSegment gs) {
            group = new Envelope.Group(++groupOrdinal, gs);
            groupsInInterchange++;
            setsInGroup = 0;
            handler.groupStart(group);
            if (!X12Schemas.CLAIM_VERSION.equals(group.version())) {
                handler.finding(Finding.of(X12Rule.GROUP_VERSION, position("GS", 0).withElement(8, 0, 0)),
                        Scope.GROUP, -1);
            }
        }

        private void startSet(RawSegment st) {
            stPosition = segmentPosition;
            set = new Envelope.Set(++setOrdinal, new RawSegment("ST", 1, st.elements()));
            setsInGroup++;
            claimsInSet = 0;
            heldSegments = 0;
            header = new ArrayList<>();
            providers.clear();
            lastHierarchyId = 0;
            level = null;
            provider = null;
            subscriber = null;
            patient = null;
            validatingSet = false;
            guidingSet = false;
            skipping = false;
            handler.setStart(set);
            if (!"837".equals(set.type())) {
                handler.finding(Finding.of(X12Rule.SET_NOT_SUPPORTED, position("ST", 1).withElement(1, 0, 0)),
                        Scope.SET, -1);
                return;
            }
            String version = set.version().isEmpty() && group != null ? group.version() : set.version();
            if (!X12Schemas.CLAIM_VERSION.equals(version)) {
                handler.finding(Finding.of(X12Rule.SET_VERSION, position("ST", 1).withElement(3, 0, 0)),
                        Scope.SET, -1);
            }
            if (transactionSchema != null && !skipping) {
                reader.setTransactionSchema(transactionSchema);
                validatingSet = true;
            } else if (transactionSchema != null) {
                reader.setTransactionSchema(null); // StAEDI would keep the previous set's schema
            }
            if (validator != null && !skipping) {
                validator.startSet();
                guidingSet = true;
            }
        }

        private void endSet() {
            if (guidingSet) {
                validator.endSet(guideSink);
                guidingSet = false;
            }
            skipping = false;
            handler.setEnd(set, segmentPosition - stPosition + 1);
            set = null;
            header = null;
            loops.clear();
        }

        private void endGroup(RawSegment ge) {
            finishClaim();
            if (group != null) {
                String count = ge.element(1);
                handler.groupEnd(group, GROUP_SET_COUNT.matcher(count).matches() ? Integer.parseInt(count) : -1);
            }
            group = null;
        }

        private void endInterchange() {
            finishClaim();
            if (interchange != null) {
                handler.interchangeEnd(interchange, groupsInInterchange);
            }
            interchange = null;
            group = null;
        }

        private void addToTransaction(RawSegment segment) {
            if (set == null) {
                return; // outside a transaction set; the control validation reports it
            }
            if (guidingSet) {
                validator.segment(segment, guideSink);
            }
            if ("HL".equals(segment.tag()) || "CLM".equals(segment.tag())) {
                heldSegments = 0; // a new level or claim starts holding
            }
            if (++heldSegments > limits.maxSegmentsPerClaim()) {
                overLimit(X12Rule.TOO_MANY_SEGMENTS, "more than " + limits.maxSegmentsPerClaim()
                        + " segments in one claim, hierarchy level or set header");
                return;
            }
            if (claim != null) {
                claim.add(segment);
            } else if ("HL".equals(segment.tag())) {
                checkHierarchyId(segment);
                level = new LevelBuilder(levelOrdinal++, segment);
                switch (segment.element(3)) {
                    case HierarchyLevel.BILLING_PROVIDER -> {
                        provider = null;
                        subscriber = null;
                        patient = null;
                    }
                    case HierarchyLevel.SUBSCRIBER -> {
                        subscriber = null;
                        patient = null;
                    }
                    default -> patient = null;
                }
            } else if (level != null) {
                level.segments.add(segment);
            } else {
                header.add(segment);
            }
        }

        /** A CLM starts: the level being read is complete. */
        private void freezeLevel() {
            if (level == null) {
                return;
            }
            HierarchyLevel frozen = level.build();
            level = null;
            switch (frozen.levelCode()) {
                case HierarchyLevel.BILLING_PROVIDER -> {
                    provider = frozen;
                    providers.put(frozen.levelId(), frozen);
                }
                case HierarchyLevel.SUBSCRIBER -> {
                    // a subscriber belongs to the billing provider its HL02 names, not merely the last one read
                    HierarchyLevel parent = providers.get(frozen.parentId());
                    if (parent == null) {
                        hierarchyFinding(frozen, 2);
                    } else {
                        provider = parent;
                    }
                    subscriber = frozen;
                }
                default -> {
                    if (subscriber == null || !subscriber.levelId().equals(frozen.parentId())) {
                        hierarchyFinding(frozen, 2);
                    }
                    patient = frozen;
                }
            }
        }

        /** HL01 must count 1, 2, 3… within the set (TR3 2.3.2.1). */
        private void checkHierarchyId(RawSegment hl) {
            String expected = String.valueOf(lastHierarchyId + 1);
            if (!expected.equals(hl.element(1))) {
                handler.finding(Finding.of(X12Rule.HL_SEQUENCE, hierarchyPosition(hl).withElement(1, 0, 0)
                        .withDataElement("628")).withBadValue(hl.element(1)), Scope.SET, -1);
            }
            lastHierarchyId = HIERARCHY_ID.matcher(hl.element(1)).matches() ? Integer.parseInt(hl.element(1))
                    : lastHierarchyId + 1;
        }

        private void hierarchyFinding(HierarchyLevel level, int element) {
            RawSegment hl = level.segments().get(0);
            handler.finding(Finding.of(X12Rule.HL_PARENT, hierarchyPosition(hl).withElement(element, 0, 0)
                    .withDataElement("734")).withBadValue(hl.element(2)), Scope.SET, -1);
        }

        private X12Position hierarchyPosition(RawSegment hl) {
            String loop = switch (hl.element(3)) {
                case HierarchyLevel.BILLING_PROVIDER -> "2000A";
                case HierarchyLevel.SUBSCRIBER -> "2000B";
                case HierarchyLevel.PATIENT -> "2000C";
                default -> null;
            };
            return new X12Position(interchange == null ? null : interchange.control(),
                    group == null ? null : group.control(), set == null ? null : set.control(), "HL",
                    hl.position(), loop, 0, 0, 0, null);
        }

        private void finishClaim() {
            if (level != null && claim == null) {
                // an HL follows an HL: the level above is complete too
                freezeLevel();
            }
            if (claim == null) {
                return;
            }
            ClaimBuilder done = claim;
            claim = null;
            if (done.segments.isEmpty()) {
                // the data ended inside the claim's CLM segment: an unfinished segment is no claim, and a claim
                // without its CLM is nothing an output could carry (the scrub reports it as not read)
                return;
            }
            TransactionRef ref = new TransactionRef(interchangeOrdinal, interchange == null ? null : interchange.control(),
                    groupOrdinal, group == null ? null : group.control(), setOrdinal, set == null ? null : set.control());
            handler.claim(done.build(ref, header == null ? List.of() : List.copyOf(header), provider, subscriber, patient));
        }

        private void validationError(EDIStreamEvent event) {
            EDIStreamValidationError error = reader.getErrorType();
            Location location = reader.getLocation();
            X12Rule rule = ValidationErrors.rule(error);
            if (rule == null) {
                return;
            }
            String segmentId = location.getSegmentTag();
            String loopError = null;
            if (event == EDIStreamEvent.SEGMENT_ERROR) {
                String reference = reader.getReferenceCode();
                if (rule == X12Rule.LOOP_OVER_MAXIMUM || rule == X12Rule.LOOP_UNDER_MINIMUM) {
                    // the reference is the loop; the segment is the one where the problem was noticed
                    loopError = reference == null ? null : X12Schemas.loopId(reference);
                } else if (reference != null && !reference.isEmpty()) {
                    segmentId = segmentTag(reference);
                }
            }
            if (rule == X12Rule.SEGMENT_MISSING && "SE".equals(segmentId)) {
                return; // a set without SE: reported by the structure check as X12-SET-TRAILER-MISSING
            }
            int position = location.getSegmentPosition() - stPosition + 1;
            X12Position where = position(segmentId, set == null ? 0 : position);
            if (rule == X12Rule.SEGMENT_UNDER_MINIMUM && lastSegmentFinding != null
                    && lastSegmentFinding.rule() == X12Rule.SEGMENT_MISSING
                    && lastSegmentFinding.position().segmentPosition() == where.segmentPosition()
                    && java.util.Objects.equals(lastSegmentFinding.position().segmentId(), segmentId)) {
                return; // StAEDI reports a missing required segment twice (missing, and below minimum use)
            }
            if (loopError != null) {
                where = new X12Position(where.interchangeControl(), where.groupControl(),
                        where.transactionControl(), segmentId, where.segmentPosition(), loopError, 0, 0, 0, null);
            } else if (event == EDIStreamEvent.SEGMENT_ERROR && isAbsence(rule)) {
                where = new X12Position(where.interchangeControl(), where.groupControl(),
                        where.transactionControl(), segmentId, where.segmentPosition(),
                        loopIndex.owner(segmentId, loops), 0, 0, 0, null);
            }
            if (event != EDIStreamEvent.SEGMENT_ERROR) {
                where = where.withElement(location.getElementPosition(),
                        Math.max(location.getComponentPosition(), 0), Math.max(location.getElementOccurrence(), 0))
                        .withDataElement(dataElementNumber(reader.getReferenceCode()));
            }
            Finding finding = Finding.of(rule, where);
            if (event == EDIStreamEvent.SEGMENT_ERROR) {
                lastSegmentFinding = finding;
            }
            if (event == EDIStreamEvent.ELEMENT_DATA_ERROR && ValidationErrors.echoesValue(error)) {
                try {
                    finding = finding.withBadValue(reader.getText());
                } catch (RuntimeException ignored) {
                    // no text for this event
                }
            }
            Scope scope;
            if (rule == X12Rule.SET_CONTROL_MISMATCH || rule == X12Rule.SET_SEGMENT_COUNT) {
                scope = controlScope(location.getSegmentTag());
                rule = controlRule(location.getSegmentTag(), rule);
                finding = Finding.of(rule, where);
            } else {
                scope = claim != null ? Scope.CLAIM : set != null ? Scope.SET : Scope.INTERCHANGE;
            }
            handler.finding(finding, scope, scope == Scope.CLAIM ? claim.ordinal : -1);
        }

        /** Turns what the guide validator finds on the current segment into findings. */
        private final GuideValidator.Sink guideSink = new GuideValidator.Sink() {
            @Override
            public void segment(X12Rule rule, String segmentTag, String loopId, boolean absence) {
                X12Position where = new X12Position(interchange == null ? null : interchange.control(),
                        group == null ? null : group.control(), set == null ? null : set.control(), segmentTag,
                        segmentPosition - stPosition + 1, loopId, 0, 0, 0, null);
                long owner = absence ? claimBeforeSegment : claim == null ? -1 : claim.ordinal;
                handler.finding(Finding.of(rule, where), owner >= 0 ? Scope.CLAIM : Scope.SET, owner);
            }

            @Override
            public void element(X12Rule rule, String segmentTag, String loopId, int element, int component,
                                int repetition, String reference, String badValue) {
                X12Position where = new X12Position(interchange == null ? null : interchange.control(),
                        group == null ? null : group.control(), set == null ? null : set.control(), segmentTag,
                        segmentPosition - stPosition + 1, loopId, element, component, repetition,
                        dataElementNumber(reference));
                Finding finding = Finding.of(rule, where);
                if (badValue != null) {
                    finding = finding.withBadValue(badValue);
                }
                long owner = claim == null ? -1 : claim.ordinal;
                handler.finding(finding, owner >= 0 ? Scope.CLAIM : Scope.SET, owner);
            }
        };

        private X12Position position(String segmentId, int setPosition) {
            return new X12Position(interchange == null ? null : interchange.control(),
                    group == null ? null : group.control(), set == null ? null : set.control(),
                    segmentId, setPosition, loops.peek(), 0, 0, 0, null);
        }
    }

    private static boolean isAbsence(X12Rule rule) {
        return rule == X12Rule.SEGMENT_MISSING || rule == X12Rule.SEGMENT_SITUATIONAL_MISSING
                || rule == X12Rule.SEGMENT_UNDER_MINIMUM;
    }

    /** The trailer that failed a control check tells whether it is about the set, the group or the interchange. */
    private static Scope controlScope(String trailer) {
        if ("GE".equals(trailer)) {
            return Scope.GROUP;
        }
        if ("IEA".equals(trailer)) {
            return Scope.INTERCHANGE;
        }
        return Scope.SET;
    }

    private static X12Rule controlRule(String trailer, X12Rule rule) {
        boolean count = rule == X12Rule.SET_SEGMENT_COUNT;
        if ("GE".equals(trailer)) {
            return count ? X12Rule.GROUP_SET_COUNT : X12Rule.GROUP_CONTROL_MISMATCH;
        }
        if ("IEA".equals(trailer)) {
            return count ? X12Rule.INTERCHANGE_GROUP_COUNT : X12Rule.INTERCHANGE_CONTROL_MISMATCH;
        }
        return rule;
    }

    /** Schema loop code to TR3 loop id (see the schema's header comment for the encoding). */
    static String loopId(String code) {
        return X12Schemas.loopId(code);
    }

    /** The X12 data element number from a schema element reference such as {@code E1331} or {@code 1331}. */
    static String dataElementNumber(String reference) {
        if (reference == null) {
            return null;
        }
        String digits = reference.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }

    /** Schema segment reference to segment tag: implementation codes may carry a suffix after the tag. */
    static String segmentTag(String reference) {
        int end = 0;
        while (end < reference.length() && end < 3 && Character.isLetterOrDigit(reference.charAt(end))) {
            end++;
        }
        return reference.substring(0, Math.max(end, Math.min(2, reference.length())));
    }

    private static final class LevelBuilder {
        final long ordinal;
        final RawSegment hl;
        final List<RawSegment> segments = new ArrayList<>();

        LevelBuilder(long ordinal, RawSegment hl) {
            this.ordinal = ordinal;
            this.hl = hl;
            segments.add(hl);
        }

        HierarchyLevel build() {
            return new HierarchyLevel(ordinal, hl.element(1), hl.element(2), hl.element(3), segments);
        }
    }

    private static final class ClaimBuilder {
        final long ordinal;
        final List<RawSegment> segments = new ArrayList<>();
        final List<List<RawSegment>> lines = new ArrayList<>();
        List<RawSegment> line;

        ClaimBuilder(long ordinal) {
            this.ordinal = ordinal;
        }

        void startLine() {
            line = new ArrayList<>();
            lines.add(line);
        }

        void add(RawSegment segment) {
            segments.add(segment);
            if (line != null) {
                line.add(segment);
            }
        }

        Claim build(TransactionRef ref, List<RawSegment> header, HierarchyLevel provider, HierarchyLevel subscriber,
                    HierarchyLevel patient) {
            RawSegment clm = segments.isEmpty() ? null : segments.get(0);
            String id = clm == null ? "" : clm.element(1);
            BigDecimal total = clm == null ? null : decimal(clm.element(2));
            List<ServiceLine> serviceLines = new ArrayList<>(lines.size());
            for (List<RawSegment> l : lines) {
                serviceLines.add(serviceLine(l));
            }
            return new Claim(ordinal, id, total, ref, header, provider, subscriber, patient, serviceLines, segments);
        }
    }

    /**
     * A 2400 service line as the reader makes it from its segments (LX up to the next LX or the end of the claim):
     * LX01, SV101-2 and its modifiers, SV102-104, the first DTP*472. Also how kept claims are made again.
     */
    public static ServiceLine serviceLine(List<RawSegment> segments) {
        String number = "";
        String procedure = "";
        List<String> modifiers = new ArrayList<>();
        BigDecimal charge = null;
        String basis = "";
        BigDecimal quantity = null;
        String date = "";
        int position = segments.isEmpty() ? 0 : segments.get(0).position();
        for (RawSegment s : segments) {
            switch (s.tag()) {
                case "LX" -> number = s.element(1);
                case "SV1" -> {
                    procedure = s.component(1, 2);
                    for (int c = 3; c <= 6; c++) {
                        String m = s.component(1, c);
                        if (!m.isEmpty()) {
                            modifiers.add(m);
                        }
                    }
                    charge = decimal(s.element(2));
                    basis = s.element(3);
                    quantity = decimal(s.element(4));
                    position = s.position();
                }
                case "DTP" -> {
                    if ("472".equals(s.element(1)) && date.isEmpty()) {
                        date = s.element(3);
                    }
                }
                default -> { }
            }
        }
        return new ServiceLine(number, procedure, modifiers, charge, basis, quantity, date, position, segments);
    }

    /** A decimal from an X12 R element, or {@code null} when it is empty or not a number. */
    static BigDecimal decimal(String text) {
        if (text == null || text.isEmpty() || text.length() > 30 || !RemitReader.X12_DECIMAL.matcher(text).matches()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
