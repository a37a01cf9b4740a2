package io.claimgate.spill;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MergedTest {
    record Item(int key, int run, int seq) {
    }

    @Test
    void runsInOrderMergeIntoOneOrderEqualKeysInRunOrder() {
        SplittableRandom random = new SplittableRandom(11);
        for (int runsCount : new int[] {1, 2, 3, 7}) {
            List<List<Item>> runs = new ArrayList<>();
            List<Item> all = new ArrayList<>();
            for (int r = 0; r < runsCount; r++) {
                List<Item> run = new ArrayList<>();
                int key = 0;
                int length = r == 1 ? 0 : random.nextInt(500); // an empty run among them
                for (int i = 0; i < length; i++) {
                    key += random.nextInt(3); // repeated keys within and across runs
                    run.add(new Item(key, r, i));
                }
                runs.add(run);
                all.addAll(run);
            }
            List<Item> expected = new ArrayList<>(all);
            expected.sort(Comparator.comparingInt(Item::key).thenComparingInt(Item::run)); // stable: seq kept

            List<Iterator<Item>> iterators = new ArrayList<>();
            runs.forEach(run -> iterators.add(run.iterator()));
            List<Item> merged = new ArrayList<>();
            Merged.of(iterators, Comparator.comparingInt(Item::key)).forEachRemaining(merged::add);
            assertThat(merged).as(runsCount + " runs").isEqualTo(expected);
        }
    }
}
