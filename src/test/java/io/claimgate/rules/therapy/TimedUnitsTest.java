package io.claimgate.rules.therapy;

import io.claimgate.config.PayerPolicy.TimeRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the CMS unit table in domain-facts.md §1.2 (minutes by code, total units, CMS assignment), and the
 * per-code rule on the same minutes. Where CMS leaves a tie to the biller, the expected assignment is claimgate's
 * documented tie-break (more minutes, then the earlier line).
 */
class TimedUnitsTest {

    private static int[] ints(String s) {
        return Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest(name = "minutes {0}: CMS {1}, per code {2}")
    @CsvSource({
            "24 23,          2 1,      2 2",     // 47 -> 3: 97112x2, 97110x1 ; per code 2 + 2
            "20 20,          2 1,      1 1",     // 40 -> 3: either x2, other x1 (tie: the earlier line)
            "33 7,           2 1,      2 0",     // 40 -> 3: leftover 7 beats 3
            "18 13 10 8,     1 1 1 0,  1 1 1 1", // 49 -> 3: 97035 not billed
            "7 7 7,          1 0 0,    0 0 0",   // 21 -> 1: one unit of any one of them
            "27 8,           2 0,      2 1",     // 35 -> 2: leftover 12 beats 8
            "60,             4,        4",       // 60 -> 4
            "7,              0,        0",       // a single service under 8 minutes is not billable
            "8,              1,        1",
            "22,             1,        1",
            "23,             2,        2",
            "127,            8,        8",
            "128,            9,        9"})
    void cmsAndPerCodeUnits(String minutes, String cms, String perCode) {
        int[] m = ints(minutes);
        assertThat(TimedUnits.units(m, TimeRule.CMS_TOTAL_MINUTES)).containsExactly(ints(cms));
        assertThat(TimedUnits.units(m, TimeRule.PER_CODE)).containsExactly(ints(perCode));
        int total = Arrays.stream(m).sum();
        assertThat(Arrays.stream(TimedUnits.units(m, TimeRule.CMS_TOTAL_MINUTES)).sum())
                .isEqualTo(total < 8 ? 0 : (total + 7) / 15);
    }
}
