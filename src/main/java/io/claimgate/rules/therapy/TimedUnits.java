package io.claimgate.rules.therapy;

import io.claimgate.config.PayerPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Minutes to 15-minute units (CPM ch. 5 §20.2 and the AMA reading).
 *
 * <ul>
 *   <li>CMS total minutes: the day's timed minutes T give {@code T < 8 ? 0 : (T + 7) / 15} units in all; each line
 *       first gets its whole 15-minute blocks, the units left go one each to the lines with the largest leftover
 *       minutes (ties: more minutes first, then the earlier line).</li>
 *   <li>Per code: each line {@code m < 8 ? 0 : (m + 7) / 15}.</li>
 * </ul>
 */
public final class TimedUnits {
    private TimedUnits() {
    }

    /** Units for each line's minutes, in the same order. */
    public static int[] units(int[] minutes, PayerPolicy.TimeRule rule) {
        int[] units = new int[minutes.length];
        if (rule == PayerPolicy.TimeRule.PER_CODE) {
            for (int i = 0; i < minutes.length; i++) {
                units[i] = minutes[i] < 8 ? 0 : (minutes[i] + 7) / 15;
            }
            return units;
        }
        int total = 0;
        for (int m : minutes) {
            total += m;
        }
        int allowed = total < 8 ? 0 : (total + 7) / 15;
        int given = 0;
        for (int i = 0; i < minutes.length; i++) {
            units[i] = minutes[i] / 15;
            given += units[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < minutes.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -(minutes[i] % 15))
                .thenComparingInt(i -> -minutes[i]).thenComparingInt(i -> i));
        for (int k = 0; given < allowed && k < order.size(); k++) {
            units[order.get(k)]++;
            given++;
        }
        return units;
    }
}
