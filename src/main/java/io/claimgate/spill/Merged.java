package io.claimgate.spill;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The k-way merge of runs that are each in order: one iterator in the combined order, holding only the head of
 * each run. Records that compare equal come in the order of their runs in the list.
 */
public final class Merged {
    private Merged() {
    }

    public static <T> Iterator<T> of(List<Iterator<T>> runs, Comparator<? super T> order) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        record Head<T>(T record, int run) {
        }
        PriorityQueue<Head<T>> heads = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> {
            int c = order.compare(a.record(), b.record());
            return c != 0 ? c : Integer.compare(a.run(), b.run());
        });
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).hasNext()) {
                heads.add(new Head<>(runs.get(i).next(), i));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public T next() {
                Head<T> head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                Iterator<T> run = runs.get(head.run());
                if (run.hasNext()) {
                    heads.add(new Head<>(run.next(), head.run()));
                }
                return head.record();
            }
        };
    }
}
