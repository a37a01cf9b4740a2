package io.claimgate.flow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-over between a producer's thread and the taker: order, the end, failures, the bound, stopping. */
class HandoverTest {

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void itemsArriveInTheOrderMadeThenTheEnd() throws Exception {
        List<Integer> taken = new ArrayList<>();
        try (Handover<Integer> h = new Handover<>("handover-order", 7, 3, out -> {
            for (int i = 0; i < 10_000; i++) {
                out.accept(i);
            }
        })) {
            for (Integer i; (i = h.take()) != null; ) {
                taken.add(i);
            }
            assertThat(h.take()).isNull();
            assertThat(h.failure()).isNull();
        }
        assertThat(taken).hasSize(10_000);
        for (int i = 0; i < taken.size(); i++) {
            assertThat(taken.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aFailureComesAfterTheItemsMadeBeforeIt() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Integer> taken = new ArrayList<>();
        try (Handover<Integer> h = new Handover<>("handover-failure", 10, 2, out -> {
            for (int i = 0; i < 25; i++) {
                out.accept(i);
            }
            throw boom;
        })) {
            assertThat(h.failure()).as("not before the end").isNull();
            for (Integer i; (i = h.take()) != null; ) {
                taken.add(i);
            }
            assertThat(h.failure()).isSameAs(boom);
        }
        assertThat(taken).hasSize(25).endsWith(24);
    }

    @Test
    void atMostTheBoundIsMadeAheadAndClosingStopsTheProducer() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Handover<Integer> h = new Handover<>("handover-bound", 4, 2, out -> {
            while (true) {
                out.accept(made.incrementAndGet());
            }
        });
        assertThat(h.take()).isEqualTo(1);
        // the taken batch (4), the queue full (2 batches of 4) and one more batch in hand: then the producer waits
        Thread producer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("handover-bound")).findFirst().orElseThrow();
        org.awaitility.Awaitility.await().atMost(30, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> producer.getState() == Thread.State.TIMED_WAITING && made.get() == 16);
        assertThat(made.get()).isEqualTo(4 + 2 * 4 + 4);
        h.close();
        assertThat(producer.isAlive()).isFalse();
        h.close(); // idempotent
    }

    @Test
    void anInterruptedTakerGetsInterruptedException() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (Handover<Integer> h = new Handover<>("handover-interrupt", 1, 1, out -> release.await())) {
            Thread.currentThread().interrupt();
            org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, h::take);
            assertThat(Thread.interrupted()).isFalse(); // take() cleared it, as BlockingQueue.take does
            release.countDown();
        }
        assertThat(threadAlive("handover-interrupt")).isFalse();
    }
}
