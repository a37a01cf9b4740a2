package io.claimgate.spill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Records written one after the other to a temporary file in a compact binary form, then read back in the same
 * order, any number of times. The file is made on the first record (an empty run costs nothing) and deleted by
 * {@link #close()}. I/O failures are thrown unchecked, as {@link UncheckedIOException}.
 *
 * @param <T> the record type, written and read by a {@link Codec}
 */
public final class RunFile<T> implements AutoCloseable {
    /** Turns a record into bytes and back. */
    public interface Codec<T> {
        void write(T record, DataOutput out) throws IOException;

        T read(DataInput in) throws IOException;
    }

    private static final int BUFFER = 1 << 16;

    private final String name;
    private final Codec<T> codec;
    private Path file;
    private DataOutputStream out;
    private long size;
    private boolean closed;

    /** @param name a plain word for the temporary file's name (never data) */
    public RunFile(String name, Codec<T> codec) {
        this.name = name;
        this.codec = codec;
    }

    public void add(T record) {
        if (closed) {
            throw new IllegalStateException("run closed");
        }
        try {
            if (out == null) {
                file = TemporaryFiles.create(name, ".run");
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
            }
            codec.write(record, out);
            size++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " to a temporary file", e);
        }
    }

    /** Records written so far. */
    public long size() {
        return size;
    }

    /** Reads the records back in the order written (what was written so far; the iterator closes at its end). */
    public Iterator<T> iterator() {
        return iterator(codec);
    }

    /**
     * As {@link #iterator()}, decoding with {@code decoding}: for a codec that keeps state from record to record
     * (what records share is written once), each reading needs a fresh instance.
     */
    public Iterator<T> iterator(Codec<T> decoding) {
        if (closed) {
            throw new IllegalStateException("run closed");
        }
        if (size == 0) {
            return java.util.Collections.emptyIterator();
        }
        DataInputStream in;
        try {
            out.flush();
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " back", e);
        }
        long count = size;
        return new Iterator<>() {
            private long read;

            @Override
            public boolean hasNext() {
                if (read < count) {
                    return true;
                }
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return false;
            }

            @Override
            public T next() {
                if (read >= count) {
                    throw new NoSuchElementException();
                }
                try {
                    T record = decoding.read(in);
                    read++;
                    if (read == count) {
                        in.close();
                    }
                    return record;
                } catch (EOFException e) {
                    throw new UncheckedIOException("temporary " + name + " file ends early", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + name + " back", e);
                }
            }
        };
    }

    /** Deletes the file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // the file is deleted below either way
        }
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a temporary " + name + " file", e);
        }
    }

    /** Writes a string of any length, or null. */
    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeString} wrote. */
    public static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
