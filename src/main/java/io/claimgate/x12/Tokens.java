package io.claimgate.x12;

import io.xlate.edi.schema.Schema;
import io.claimgate.flow.Handover;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.util.Map;

/**
 * What the claim reader takes from StAEDI: the events of its reader and what each carries (text, location,
 * reference code, error, delimiters). Either StAEDI's reader itself ({@link #of}) or its events tokenized on a
 * thread of its own and handed over in batches ({@link #ahead}), so that tokenizing and the claim reader's own work
 * run on two cores. Both give the same events in the same order, failures included.
 */
interface Tokens extends AutoCloseable {
    boolean hasNext() throws EDIStreamException;

    EDIStreamEvent next() throws EDIStreamException;

    String getText();

    Location getLocation();

    String getReferenceCode();

    EDIStreamValidationError getErrorType();

    Map<String, Character> getDelimiters();

    /** Only for StAEDI's own validation, which needs the reader itself ({@link #of}). */
    void setTransactionSchema(Schema schema);

    @Override
    void close() throws IOException;

    /** StAEDI's reader, read on the calling thread. */
    static Tokens of(EDIStreamReader reader) {
        return new Tokens() {
            @Override
            public boolean hasNext() throws EDIStreamException {
                return reader.hasNext();
            }

            @Override
            public EDIStreamEvent next() throws EDIStreamException {
                return reader.next();
            }

            @Override
            public String getText() {
                return reader.getText();
            }

            @Override
            public Location getLocation() {
                return reader.getLocation();
            }

            @Override
            public String getReferenceCode() {
                return reader.getReferenceCode();
            }

            @Override
            public EDIStreamValidationError getErrorType() {
                return reader.getErrorType();
            }

            @Override
            public Map<String, Character> getDelimiters() {
                return reader.getDelimiters();
            }

            @Override
            public void setTransactionSchema(Schema schema) {
                reader.setTransactionSchema(schema);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    /** StAEDI's reader, read on a thread of its own; closing stops and waits for that thread. */
    static Tokens ahead(EDIStreamReader reader) {
        return new Ahead(reader);
    }

    /** One event as StAEDI reported it, with what the claim reader may ask of it. */
    final class Token implements Location {
        final EDIStreamEvent event;
        /** What {@code next()} or {@code hasNext()} threw instead of an event (the last token). */
        final Throwable failure;
        String text;
        /** Whether asking StAEDI for the text or the reference code threw (then asking again throws). */
        boolean noText;
        String referenceCode;
        boolean noReferenceCode;
        EDIStreamValidationError error;
        Map<String, Character> delimiters;
        int segmentPosition;
        String segmentTag;
        int elementPosition;
        int elementOccurrence;
        int componentPosition;

        Token(EDIStreamEvent event, Throwable failure) {
            this.event = event;
            this.failure = failure;
        }

        @Override
        public int getLineNumber() {
            return -1;
        }

        @Override
        public int getColumnNumber() {
            return -1;
        }

        @Override
        public int getCharacterOffset() {
            return -1;
        }

        @Override
        public int getSegmentPosition() {
            return segmentPosition;
        }

        @Override
        public String getSegmentTag() {
            return segmentTag;
        }

        @Override
        public int getElementPosition() {
            return elementPosition;
        }

        @Override
        public int getElementOccurrence() {
            return elementOccurrence;
        }

        @Override
        public int getComponentPosition() {
            return componentPosition;
        }

        @Override
        public Location copy() {
            return this;
        }
    }

    /** The reading thread records; the calling thread replays. */
    final class Ahead implements Tokens {
        static final int BATCH = 512;
        static final int BATCHES = 8;

        private final Handover<Token> tokens;
        /** The token {@link #next()} returned last. */
        private Token current;
        /** The token after it, taken by {@link #hasNext()}. */
        private Token pending;
        private boolean ended;

        Ahead(EDIStreamReader reader) {
            tokens = new Handover<>("claimgate-tokenizer", BATCH, BATCHES, out -> record(reader, out));
        }

        /**
         * StAEDI's events as tokens, up to its end or its failure (the last token then). If recording itself fails
         * (out of memory), the calling thread sees that as StAEDI's failure.
         */
        private static void record(EDIStreamReader reader, java.util.function.Consumer<Token> out) {
            try {
                while (true) {
                    Token t;
                    try {
                        if (!reader.hasNext()) {
                            return;
                        }
                        t = token(reader, reader.next());
                    } catch (EDIStreamException | RuntimeException | Error e) {
                        out.accept(new Token(null, e)); // replayed where StAEDI threw it
                        return;
                    }
                    out.accept(t);
                }
            } finally {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // a reader over a stream the caller owns
                }
            }
        }

        private static Token token(EDIStreamReader reader, EDIStreamEvent event) {
            Token t = new Token(event, null);
            Location l = reader.getLocation();
            t.segmentPosition = l.getSegmentPosition();
            t.segmentTag = l.getSegmentTag();
            t.elementPosition = l.getElementPosition();
            t.elementOccurrence = l.getElementOccurrence();
            t.componentPosition = l.getComponentPosition();
            switch (event) {
                case START_SEGMENT, ELEMENT_DATA -> t.text = reader.getText();
                case START_LOOP, END_LOOP -> referenceCode(reader, t);
                case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                    t.error = reader.getErrorType();
                    referenceCode(reader, t);
                    try {
                        t.text = reader.getText();
                    } catch (RuntimeException e) {
                        t.noText = true; // asked again on the other side, where it throws as StAEDI's did
                    }
                }
                case END_SEGMENT -> {
                    if ("ISA".equals(t.segmentTag)) {
                        t.delimiters = Map.copyOf(reader.getDelimiters());
                    }
                }
                default -> { }
            }
            return t;
        }

        private static void referenceCode(EDIStreamReader reader, Token t) {
            try {
                t.referenceCode = reader.getReferenceCode();
            } catch (RuntimeException e) {
                t.noReferenceCode = true;
            }
        }

        private Token peek() throws EDIStreamException {
            if (pending == null && !ended) {
                try {
                    pending = tokens.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // an I/O failure (the file is tried again), not data that cannot be read
                    throw new EDIStreamException("reading interrupted", null,
                            new java.io.InterruptedIOException("reading interrupted"));
                }
                if (pending == null) {
                    ended = true;
                    Throwable failed = tokens.failure();
                    if (failed != null) {
                        pending = new Token(null, failed);
                    }
                }
            }
            return pending;
        }

        @Override
        public boolean hasNext() throws EDIStreamException {
            Token t = peek();
            if (t == null) {
                return false;
            }
            if (t.failure != null) {
                rethrow(t.failure);
            }
            return true;
        }

        @Override
        public EDIStreamEvent next() throws EDIStreamException {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            current = pending;
            pending = null;
            return current.event;
        }

        private static void rethrow(Throwable failure) throws EDIStreamException {
            if (failure instanceof EDIStreamException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }

        @Override
        public String getText() {
            if (current == null || current.noText || current.text == null && !hasText(current.event)) {
                throw new IllegalStateException("no text for this event");
            }
            return current.text;
        }

        private static boolean hasText(EDIStreamEvent event) {
            return event == EDIStreamEvent.START_SEGMENT || event == EDIStreamEvent.ELEMENT_DATA
                    || event == EDIStreamEvent.SEGMENT_ERROR || event == EDIStreamEvent.ELEMENT_DATA_ERROR
                    || event == EDIStreamEvent.ELEMENT_OCCURRENCE_ERROR;
        }

        @Override
        public Location getLocation() {
            return current;
        }

        @Override
        public String getReferenceCode() {
            if (current == null || current.noReferenceCode) {
                throw new IllegalStateException("no reference code for this event");
            }
            return current.referenceCode;
        }

        @Override
        public EDIStreamValidationError getErrorType() {
            if (current == null || current.error == null) {
                throw new IllegalStateException("not an error event");
            }
            return current.error;
        }

        @Override
        public Map<String, Character> getDelimiters() {
            if (current == null || current.delimiters == null) {
                throw new IllegalStateException("delimiters are known at the end of the ISA");
            }
            return current.delimiters;
        }

        @Override
        public void setTransactionSchema(Schema schema) {
            throw new UnsupportedOperationException("StAEDI's validation needs its reader on this thread");
        }

        /** Stops the reading thread and waits for it: the stream is not read any more once this returns. */
        @Override
        public void close() {
            tokens.close();
        }
    }
}
