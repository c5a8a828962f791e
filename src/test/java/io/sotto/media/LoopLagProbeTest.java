package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.sotto.metrics.CycleTimes;

class LoopLagProbeTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private long now = 1_000 * MS;
    private final CycleTimes lags = new CycleTimes("media-1");
    private final LoopLagProbe probe = new LoopLagProbe(lags, () -> now);

    @Test
    void recordsHowLateEachRunCameAfterThePeriodSinceThePreviousRun() {
        now += LoopLagProbe.PERIOD_NANOS + 3 * MS;
        probe.run();

        assertThat(lags.snapshot().longestSeconds()).isEqualTo(0.003);
    }

    @Test
    void doesNotAddUpTheOverrunsOfALoopWhoseEveryTurnIsLongerThanThePeriod() {
        // a loop that runs the probe once a turn, each turn 12 ms: every run is 2 ms late, no more
        for (int turn = 0; turn < 100; turn++) {
            now += 12 * MS;
            probe.run();
        }

        CycleTimes.Snapshot snapshot = lags.snapshot();
        assertThat(snapshot.count()).isEqualTo(100);
        assertThat(snapshot.longestSeconds()).isEqualTo(0.002);
    }
}
