package io.sotto.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sotto.config.CompanyConfig;
import io.sotto.config.Settings;
import io.sotto.control.RecordingState;

/** company.max_pause on the conductor with a clock the test moves: warning, end, and every cancel. */
class PauseLimitTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START_EPOCH_MS = 1_800_000_000_000L;

    private long nanos;
    private final CallConductor conductor = new CallConductor(16, () -> nanos);
    private final List<String> happened = new ArrayList<>();
    private Call call;

    @Test
    void warnsTenSecondsBeforeTheLimitAndEndsThePauseAtIt() {
        PauseLimit limit = limit(60);
        pause(limit);

        runAt(49);
        assertThat(happened).isEmpty();
        runAt(50);
        assertThat(happened).containsExactly("warn " + Instant.ofEpochMilli(START_EPOCH_MS + 60_000));
        runAt(59);
        assertThat(happened).hasSize(1);
        runAt(60);
        assertThat(happened).containsExactly("warn " + Instant.ofEpochMilli(START_EPOCH_MS + 60_000), "expire");
        assertThat(limit.pausedCalls()).isZero();
    }

    @Test
    void warnsHalfWayThroughALimitShorterThanTwiceTheWarning() {
        PauseLimit limit = limit(6);
        assertThat(PauseLimit.leadNanos(6 * SECOND)).isEqualTo(3 * SECOND);
        pause(limit);

        runAt(2);
        assertThat(happened).isEmpty();
        runAt(3);
        assertThat(happened).hasSize(1).allMatch(event -> event.startsWith("warn"));
        runAt(6);
        assertThat(happened).last().isEqualTo("expire");
    }

    @Test
    void forgetsThePauseWhenTheRecordingResumesStopsOrEnds() {
        for (RecordingState after : new RecordingState[] {RecordingState.RECORDING, RecordingState.STOPPED,
                RecordingState.ENDED}) {
            PauseLimit limit = limit(20);
            pause(limit);
            runAt(nanos / SECOND + 5);
            call.recordingState(after, START_EPOCH_MS);
            limit.follow(call);

            runAt(nanos / SECOND + 30);
            assertThat(happened).as("after %s", after).isEmpty();
            assertThat(limit.pausedCalls()).isZero();
        }
    }

    @Test
    void forgetsThePauseOfACallThatHungUp() {
        PauseLimit limit = limit(20);
        pause(limit);
        call.ended();
        limit.follow(call);

        runAt(30);
        assertThat(happened).isEmpty();
    }

    @Test
    void countsAFreshLimitFromASecondPause() {
        PauseLimit limit = limit(20);
        pause(limit);
        runAt(5);
        call.recordingState(RecordingState.RECORDING, START_EPOCH_MS);
        limit.follow(call);
        pause(limit);

        runAt(14);
        assertThat(happened).isEmpty();
        runAt(15);
        assertThat(happened).containsExactly("warn " + Instant.ofEpochMilli(START_EPOCH_MS + 20_000));
        runAt(24);
        assertThat(happened).hasSize(1);
        runAt(25);
        assertThat(happened).last().isEqualTo("expire");
    }

    @Test
    void doesNothingWithoutALimit() {
        call = answeredCall(null);
        PauseLimit limit = new PauseLimit(conductor, () -> START_EPOCH_MS, expiry());
        pause(limit);

        runAt(100_000);
        assertThat(happened).isEmpty();
        assertThat(limit.pausedCalls()).isZero();
    }

    /** A limiter, and the call it follows: answered under settings with a limit of {@code seconds}. */
    private PauseLimit limit(int seconds) {
        call = answeredCall(seconds);
        return new PauseLimit(conductor, () -> START_EPOCH_MS, expiry());
    }

    private PauseLimit.Expiry expiry() {
        return new PauseLimit.Expiry() {
            @Override
            public void warn(Call warned, Instant resumesAt) {
                happened.add("warn " + resumesAt);
            }

            @Override
            public void expire(Call expired) {
                happened.add("expire");
            }
        };
    }

    private void pause(PauseLimit limit) {
        call.recordingState(RecordingState.PAUSED, START_EPOCH_MS);
        limit.follow(call);
    }

    private void runAt(long second) {
        nanos = second * SECOND;
        try {
            conductor.doWork();
        } catch (Exception e) {
            throw new AssertionError("the conductor's cycle failed", e);
        }
    }

    private static Call answeredCall(Integer maxPauseSeconds) {
        CompanyConfig company = ConductorFixture.company();
        company = new CompanyConfig(company.record(), company.control(), company.dtmf(), company.transfer(),
                company.visibility(), company.play(), company.download(), maxPauseSeconds);
        Call call = new Call("call-1", Direction.INBOUND, "+15550199", "+15550100", "+15550100", null, START_EPOCH_MS,
                new Settings(company, List.of(), List.of()));
        call.answered(0, START_EPOCH_MS);
        return call;
    }
}
