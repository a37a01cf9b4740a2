package io.claimgate.spill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A hash table from long keys to long values (open addressing, linear probing) kept in a memory-mapped temporary
 * file, so it takes no Java heap however many keys it holds: 16 bytes a slot, at most half the slots used. The
 * file is deleted as soon as it is mapped; the memory goes when the table is collected. Not thread-safe.
 */
public final class LongTable {
    private static final int SLOT = 16;
    private static final int MIN_CAPACITY = 1 << 10;
    /** One mapping holds at most 2^31 - 1 bytes. */
    static final int MAX_CAPACITY = 1 << 26;

    private MappedByteBuffer slots;
    private int capacity;
    private int used;
    /** The key 0 marks a free slot, so its entry is kept apart. */
    private boolean hasZero;
    private long zeroValue;

    public LongTable() {
        this(MIN_CAPACITY);
    }

    LongTable(int capacity) {
        this.capacity = capacity;
        this.slots = map(capacity);
    }

    /** Keys held. */
    public long size() {
        return used + (hasZero ? 1 : 0);
    }

    public boolean contains(long key) {
        return key == 0 ? hasZero : getLong(find(key)) == key;
    }

    /** The key's value, or {@code missing} when the table does not hold the key. */
    public long get(long key, long missing) {
        if (key == 0) {
            return hasZero ? zeroValue : missing;
        }
        int slot = find(key);
        return getLong(slot) == key ? slots.getLong(slot * SLOT + 8) : missing;
    }

    public void put(long key, long value) {
        if (key == 0) {
            hasZero = true;
            zeroValue = value;
            return;
        }
        int slot = find(key);
        if (getLong(slot) != key) {
            if ((used + 1) * 2L > capacity) {
                grow();
                slot = find(key);
            }
            slots.putLong(slot * SLOT, key);
            used++;
        }
        slots.putLong(slot * SLOT + 8, value);
    }

    /**
     * Grows the table now, if need be, so that {@code more} keys not yet held can be put without growing: after
     * this, putting them maps nothing and so cannot fail on a full disk.
     */
    public void reserve(long more) {
        while ((used + more) * 2L > capacity) {
            grow();
        }
    }

    /** Adds {@code delta} to the key's value (a missing key counts as 0). */
    public void add(long key, long delta) {
        put(key, get(key, 0) + delta);
    }

    /** Puts every entry of {@code other}, replacing values of keys held. */
    public void putAll(LongTable other) {
        other.forEach(this::put);
    }

    /** Receives an entry. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long key, long value);
    }

    /** Every entry, in no particular order. */
    public void forEach(EntryConsumer action) {
        if (hasZero) {
            action.accept(0, zeroValue);
        }
        for (int i = 0; i < capacity; i++) {
            long key = slots.getLong(i * SLOT);
            if (key != 0) {
                action.accept(key, slots.getLong(i * SLOT + 8));
            }
        }
    }

    int capacity() {
        return capacity;
    }

    private long getLong(int slot) {
        return slots.getLong(slot * SLOT);
    }

    /** The slot holding the key, or the free slot where it would go. */
    private int find(long key) {
        int mask = capacity - 1;
        int slot = (int) mix(key) & mask;
        while (true) {
            long k = slots.getLong(slot * SLOT);
            if (k == key || k == 0) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("hash table full: " + size() + " keys");
        }
        MappedByteBuffer bigger = map(capacity * 2); // may fail (a full disk): the table stays as it was
        MappedByteBuffer old = slots;
        int oldCapacity = capacity;
        capacity = capacity * 2;
        slots = bigger;
        for (int i = 0; i < oldCapacity; i++) {
            long key = old.getLong(i * SLOT);
            if (key != 0) {
                int slot = find(key);
                slots.putLong(slot * SLOT, key);
                slots.putLong(slot * SLOT + 8, old.getLong(i * SLOT + 8));
            }
        }
    }

    /** Spreads the key's bits (the finalizer of MurmurHash3), so keys that differ little land far apart. */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Where the platform keeps a mapped file, it goes with the JVM's temporary files instead. */
    private static void deleteIfPossible(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /**
     * Writes the file's bytes (zeros) before it is mapped: a mapped page the file system cannot back (a full
     * temporary disk) fails the access that touches it with SIGBUS, which the JVM raises as an
     * {@link InternalError} at some later access; written first, a full disk is an {@link IOException} here.
     */
    private static void allocate(FileChannel channel, long bytes) throws IOException {
        java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate((int) Math.min(bytes, 1 << 16));
        for (long at = 0; at < bytes; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
            at += channel.write(zeros, at);
        }
    }

    private static MappedByteBuffer map(int capacity) {
        try {
            Path file = TemporaryFiles.create("table", ".map");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE)) {
                long bytes = (long) capacity * SLOT;
                allocate(channel, bytes);
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            } finally {
                deleteIfPossible(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map a temporary table file", e);
        }
    }
}
