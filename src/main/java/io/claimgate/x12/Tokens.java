package io.claimgate.x12;

import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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
        private static final List<Token> END = java.util.Collections.unmodifiableList(new ArrayList<>(0));

        private final BlockingQueue<List<Token>> queue = new ArrayBlockingQueue<>(BATCHES);
        private final Thread thread;
        private volatile boolean stopped;
        private List<Token> batch = List.of();
        private int at;
        private Token current;
        private boolean ended;

        Ahead(EDIStreamReader reader) {
            thread = new Thread(() -> record(reader), "claimgate-tokenizer");
            thread.setDaemon(true);
            thread.start();
        }

        private void record(EDIStreamReader reader) {
            List<Token> out = new ArrayList<>(BATCH);
            try {
                while (!stopped) {
                    Token t;
                    try {
                        if (!reader.hasNext()) {
                            break;
                        }
                        t = token(reader, reader.next());
                    } catch (EDIStreamException | RuntimeException | Error e) {
                        out.add(new Token(null, e)); // replayed where StAEDI threw it
                        break;
                    }
                    out.add(t);
                    if (out.size() == BATCH) {
                        put(out);
                        out = new ArrayList<>(BATCH);
                    }
                }
                if (!out.isEmpty()) {
                    put(out);
                }
            } catch (Throwable t) {
                // recording itself failed (out of memory): the reader side sees it as StAEDI's failure
                if (!stopped) {
                    List<Token> last = new ArrayList<>(1);
                    last.add(new Token(null, t));
                    put(last);
                }
            } finally {
                put(END);
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

        private void put(List<Token> item) {
            try {
                while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean hasNext() throws EDIStreamException {
            if (at < batch.size()) {
                Token t = batch.get(at);
                if (t.failure != null) {
                    rethrow(t.failure);
                }
                return true;
            }
            if (ended) {
                return false;
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // an I/O failure (the file is tried again), not data that cannot be read
                throw new EDIStreamException("reading interrupted", null,
                        new java.io.InterruptedIOException("reading interrupted"));
            }
            at = 0;
            if (batch == END) {
                ended = true;
                return false;
            }
            return hasNext();
        }

        @Override
        public EDIStreamEvent next() throws EDIStreamException {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            current = batch.get(at++);
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
            stopped = true;
            queue.clear();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                queue.clear();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
