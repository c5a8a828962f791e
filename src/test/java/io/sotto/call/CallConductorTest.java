package io.sotto.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.sotto.media.MediaException;
import io.sotto.media.MediaOpening;
import io.sotto.media.MediaSession;

/** The call conductor's duty cycle, driven by the test with its clock under the test's control. */
class CallConductorTest {

    @Test
    void runsATimerWhenTheClockReachesItsDeadlineAndNotBefore() {
        try (ConductorFixture fixture = new ConductorFixture(1 << 16, 31000, 31099)) {
            List<String> ran = new ArrayList<>();
            fixture.conductor.schedule(TimeUnit.SECONDS.toNanos(180), () -> ran.add("ring timeout"));
            fixture.conductor.schedule(TimeUnit.SECONDS.toNanos(32), () -> ran.add("timer B"));

            fixture.advance(TimeUnit.SECONDS.toNanos(32) - 1);
            fixture.cycle();
            assertThat(ran).isEmpty();

            fixture.advance(1);
            fixture.cycle();
            assertThat(ran).containsExactly("timer B");

            fixture.advance(TimeUnit.SECONDS.toNanos(148));
            fixture.cycle();
            assertThat(ran).containsExactly("timer B", "ring timeout");
        }
    }

    @Test
    void neverRunsACancelledTimer() {
        try (ConductorFixture fixture = new ConductorFixture(1 << 16, 31000, 31099)) {
            List<String> ran = new ArrayList<>();
            fixture.conductor.schedule(1_000, () -> ran.add("cancelled")).cancel();

            fixture.advance(2_000);
            fixture.cycle();

            assertThat(ran).isEmpty();
        }
    }

    @Test
    void takesCompletionsWhenTheCommandQueueIsFullAndRunsThemFirst() {
        try (ConductorFixture fixture = new ConductorFixture(1 << 16, 31000, 31099)) {
            List<String> ran = new ArrayList<>();
            int queued = 0;
            while (fixture.conductor.submit(() -> ran.add("command"))) {
                queued++;
            }
            assertThat(queued).isEqualTo(16);

            fixture.conductor.complete(() -> ran.add("completion"));
            fixture.cycle();

            assertThat(ran).hasSize(17).startsWith("completion");
        }
    }

    @Test
    void learnsOfABoundSessionOnlyFromItsCompletionQueue() {
        try (ConductorFixture fixture = new ConductorFixture(1 << 16, 31100, 31199)) {
            MediaSession session = fixture.openSession();

            assertThat(session.callerFacingPort()).isBetween(31100, 31199).isEven();
            assertThat(session.calleeFacingPort()).isBetween(31100, 31199).isEven()
                    .isNotEqualTo(session.callerFacingPort());
            assertThat(fixture.media.portsInUse()).isEqualTo(4);
        }
    }

    @Test
    void learnsThatNoPortIsFreeFromItsCompletionQueue() {
        try (ConductorFixture fixture = new ConductorFixture(1 << 16, 31200, 31203)) {
            fixture.openSession();
            List<MediaException> failures = new ArrayList<>();

            fixture.media.open(fixture.conductor.completions(), new MediaOpening() {
                @Override
                public void opened(MediaSession session) {
                    session.close();
                }

                @Override
                public void failed(MediaException cause) {
                    failures.add(cause);
                }
            });
            fixture.cycleUntil("the open fails", () -> !failures.isEmpty());

            assertThat(failures.get(0)).hasMessage("no free RTP ports in 31200-31203");
        }
    }

    @Test
    void closesASessionWithoutWaitingAndGetsItsPortsBackOnceUnbound() {
        try (ConductorFixture fixture = new ConductorFixture(1 << 16, 31300, 31303)) {
            MediaSession first = fixture.openSession();

            first.close();
            fixture.cycleUntil("the ports are unbound", () -> fixture.media.portsInUse() == 0);
            MediaSession second = fixture.openSession();

            assertThat(second.callerFacingPort()).isIn(31300, 31302);
        }
    }
}
