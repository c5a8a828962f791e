package io.sotto.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import io.sotto.config.CompanyConfig;
import io.sotto.config.ControlMode;
import io.sotto.config.DtmfConfig;
import io.sotto.config.MediaConfig;
import io.sotto.config.PlayRight;
import io.sotto.config.PortRange;
import io.sotto.config.RecordDefaults;
import io.sotto.config.Settings;
import io.sotto.config.TransferMode;
import io.sotto.config.Visibility;
import io.sotto.control.Agent;
import io.sotto.control.CallParties;
import io.sotto.control.RecordingPolicy;
import io.sotto.fork.ForkControlQueue;
import io.sotto.fork.ForkWriter;
import io.sotto.media.MediaException;
import io.sotto.media.MediaOpening;
import io.sotto.media.MediaRelay;
import io.sotto.media.MediaSession;

/**
 * The call conductor as Sotto wires it, driven by the test: {@link #cycle()} is one
 * {@code doWork()} on the test's thread, time moves only when the test says ({@link #advance}),
 * and the recorder's side of the fork ring is read by the test ({@link RingReader}). The media
 * relay is real (sessions on loopback ports), because what is under test is how the conductor
 * and the media threads meet: the conductor hands work to them and must only ever learn the
 * outcome from its completion queue.
 */
final class ConductorFixture implements AutoCloseable {
    private static final long POLL_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);

    final ManualClock clock = new ManualClock();
    final CallConductor conductor = new CallConductor(16, clock);
    final ManyToOneRingBuffer ring;
    final ForkWriter fork;
    final ForkControlQueue controlRecords;
    final CallRecorder recorder;
    final CallEvents events = new CallEvents();
    final RecordingControl control;
    final MediaRelay media;
    private final List<MediaSession> opened = new ArrayList<>();

    ConductorFixture(int ringBytes, int firstPort, int lastPort) {
        ring = ForkWriter.newRing(ringBytes);
        fork = new ForkWriter(ring);
        controlRecords = new ForkControlQueue(fork);
        recorder = new CallRecorder(controlRecords);
        conductor.addDuty(recorder::retryWaiting);
        control = new RecordingControl(new RecordingPolicy.Factory(), recorder, events, conductor, clock, clock);
        media = new MediaRelay(new MediaConfig("127.0.0.1", new PortRange(firstPort, lastPort), List.of("PCMU")),
                fork);
        conductor.onStart();
    }

    static CompanyConfig company() {
        return new CompanyConfig(new RecordDefaults(true, true, false), ControlMode.PAUSE_RESUME,
                new DtmfConfig("#11#", "#12#", 3000, true), TransferMode.STOP, Visibility.OWN, PlayRight.OWN, false,
                null);
    }

    /** One duty cycle of the conductor; returns the work it did. */
    int cycle() {
        try {
            return conductor.doWork();
        } catch (Exception e) {
            throw new AssertionError("the conductor's cycle failed", e);
        }
    }

    /** Runs duty cycles until {@code condition} holds: what other threads report arrives as completions. */
    void cycleUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + POLL_DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (cycle() == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("timed out after 5 s waiting until " + what);
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    void advance(long nanos) {
        clock.advance(nanos);
    }

    /** Opens a media session the way the SIP side does: asked here, delivered as a completion. */
    MediaSession openSession() {
        Object[] outcome = new Object[1];
        media.open(conductor.completions(), new MediaOpening() {
            @Override
            public void opened(MediaSession session) {
                assertOnConductor();
                outcome[0] = session;
            }

            @Override
            public void failed(MediaException cause) {
                assertOnConductor();
                outcome[0] = cause;
            }
        });
        cycleUntil("the session is opened", () -> outcome[0] != null);
        if (outcome[0] instanceof MediaException e) {
            throw new AssertionError("no session: " + e.getMessage(), e);
        }
        MediaSession session = (MediaSession) outcome[0];
        opened.add(session);
        return session;
    }

    /** An answered inbound call from a customer to an unknown agent's extension, on {@code session}. */
    Call answeredCall(MediaSession session) {
        Call call = new Call(Ids.next(), Direction.INBOUND, "+15550199", "+15550100", "+15550100", session,
                clock.time(), new Settings(company(), List.of(), List.of()));
        call.answered(clock.nanoTime(), clock.time());
        Agent agent = new Agent("1001", null);
        call.answeredBy(new CallParties("inbound", "+15550100", List.of(agent)), null, agent,
                List.of("caller-leg@test", "callee-leg@test"), "PCMU");
        return call;
    }

    private void assertOnConductor() {
        if (!conductor.onConductorThread()) {
            throw new AssertionError("a media completion ran on " + Thread.currentThread().getName());
        }
    }

    @Override
    public void close() {
        for (MediaSession session : opened) {
            session.close();
        }
        media.close();
    }
}
