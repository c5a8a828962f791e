package io.sotto.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CycleTimesTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsEachCycleInTheFirstBucketItFits() {
        CycleTimes times = new CycleTimes("calls");

        times.record(10_000, SECOND);
        times.record(10_001, SECOND);
        times.record(2 * SECOND, SECOND);

        CycleTimes.Snapshot snapshot = times.snapshot();
        assertThat(snapshot.counts()[0]).isEqualTo(1);
        assertThat(snapshot.counts()[1]).isEqualTo(1);
        assertThat(snapshot.counts()[snapshot.counts().length - 1]).as("above 1 s").isEqualTo(1);
        assertThat(snapshot.count()).isEqualTo(3);
        assertThat(snapshot.sumSeconds()).isEqualTo(2.000020001);
        assertThat(snapshot.longestSeconds()).isEqualTo(2.0);
    }

    @Test
    void forgetsALongCycleFromTheRecentLongestAfterTwoWindowsButNotFromTheLongest() {
        CycleTimes times = new CycleTimes("recorder");
        times.record(500_000_000, SECOND);
        times.record(1_000, 5 * SECOND);
        assertThat(times.snapshot().recentLongestSeconds()).isEqualTo(0.5);

        times.record(2_000, 12 * SECOND);
        assertThat(times.snapshot().recentLongestSeconds()).as("the window before still counts").isEqualTo(0.5);

        times.record(3_000, 22 * SECOND);
        assertThat(times.snapshot().recentLongestSeconds()).isEqualTo(0.000003);
        assertThat(times.snapshot().longestSeconds()).isEqualTo(0.5);
    }
}
