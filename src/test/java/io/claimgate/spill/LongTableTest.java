package io.claimgate.spill;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongTableTest {

    @Test
    void afterReservingRoomPuttingThatManyNewKeysDoesNotGrow() {
        LongTable table = new LongTable();
        int start = table.capacity();
        long held = start / 2 - 12; // as many as fit at this capacity, nearly
        for (long k = 1; k <= held; k++) {
            table.put(k, k);
        }
        assertThat(table.capacity()).isEqualTo(start);
        // room for 100 more counts the keys already held: the table must grow now, not during the puts
        table.reserve(100);
        int reserved = table.capacity();
        assertThat(reserved).isGreaterThan(start);
        for (long k = 1; k <= 100; k++) {
            table.put(-k, k); // keys not held yet
        }
        assertThat(table.capacity()).isEqualTo(reserved);
        assertThat(table.size()).isEqualTo(held + 100);
        assertThat(table.get(-100, 0)).isEqualTo(100);
        assertThat(table.get(held, 0)).isEqualTo(held);
        table.reserve(0);
        assertThat(table.capacity()).isEqualTo(reserved);
    }

    @Test
    void holdsWhatAMapHoldsThroughGrowth() {
        LongTable table = new LongTable();
        Map<Long, Long> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        int startCapacity = table.capacity();
        for (int i = 0; i < 200_000; i++) {
            long key = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> i; // small, close keys
                case 2 -> (long) i << 32; // keys differing in high bits only
                default -> random.nextInt(1000); // repeats
            };
            long delta = random.nextLong(-1000, 1000);
            table.add(key, delta);
            reference.merge(key, delta, Long::sum);
        }
        table.put(0, 42);
        reference.put(0L, 42L);
        assertThat(table.capacity()).isGreaterThan(startCapacity);
        assertThat(table.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(table.get(k, Long.MIN_VALUE)).as("key %d", k).isEqualTo(v));
        Map<Long, Long> seen = new HashMap<>();
        table.forEach((k, v) -> assertThat(seen.put(k, v)).isNull());
        assertThat(seen).isEqualTo(reference);
        assertThat(table.get(Long.MAX_VALUE - 5, -7)).isEqualTo(-7);
        assertThat(table.contains(Long.MAX_VALUE - 5)).isFalse();
    }

    @Test
    void keysThatCollideAreKeptApart() {
        LongTable table = new LongTable();
        int mask = table.capacity() - 1;
        long slot = LongTable.mix(1) & mask;
        Map<Long, Long> colliding = new HashMap<>();
        for (long k = 2; colliding.size() < 40; k++) {
            if ((LongTable.mix(k) & mask) == slot) {
                colliding.put(k, k * 10);
            }
        }
        colliding.put(1L, 10L);
        colliding.forEach(table::put);
        assertThat(table.capacity()).isEqualTo(mask + 1); // still one probe chain, no growth
        colliding.forEach((k, v) -> assertThat(table.get(k, -1)).isEqualTo(v));
        assertThat(table.size()).isEqualTo(colliding.size());
        assertThat(table.contains(0)).isFalse();
        table.put(0, 0);
        assertThat(table.contains(0)).isTrue();
        assertThat(table.get(0, -1)).isZero();
    }

    @Test
    void putAllReplacesAndAdds() {
        LongTable a = new LongTable();
        LongTable b = new LongTable();
        a.put(1, 1);
        a.put(2, 2);
        b.put(2, 20);
        b.put(3, 30);
        a.putAll(b);
        assertThat(a.get(1, 0)).isEqualTo(1);
        assertThat(a.get(2, 0)).isEqualTo(20);
        assertThat(a.get(3, 0)).isEqualTo(30);
        assertThat(a.size()).isEqualTo(3);
    }
}
