package io.sotto.call;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.agrona.concurrent.EpochClock;

import io.sotto.control.RecordingState;

/**
 * {@code company.max_pause}: a paused recording is not forgotten. When a call's recording pauses
 * under settings with a limit (those the call started with), two timers start on the conductor: a
 * warning {@link #leadNanos} before the limit, and the end of the pause at the limit. Any change out of paused (a resume, a stop, the hang-up, a transfer)
 * cancels both. Conductor thread only.
 */
final class PauseLimit {
    /** How long before the limit the agents are warned; half the limit when that is shorter. */
    static final long WARNING_NANOS = 10_000_000_000L;

    /** What happens at the warning and at the limit. */
    interface Expiry {
        void warn(Call call, Instant resumesAt);

        void expire(Call call);
    }

    private final CallConductor conductor;
    private final EpochClock epochClock;
    private final Expiry expiry;
    private final Map<String, Pending> pending = new HashMap<>();

    PauseLimit(CallConductor conductor, EpochClock epochClock, Expiry expiry) {
        this.conductor = conductor;
        this.epochClock = epochClock;
        this.expiry = expiry;
    }

    /** The warning comes this long before the limit: 10 s, or half the limit if that is shorter. */
    static long leadNanos(long limitNanos) {
        return Math.min(WARNING_NANOS, limitNanos / 2);
    }

    /** Follows the call's recording state after a change: starts the timers on a pause, cancels them otherwise. */
    void follow(Call call) {
        Integer limitSeconds = call.settings().company().maxPauseSeconds();
        if (limitSeconds == null) {
            return;
        }
        boolean paused = call.recordingState() == RecordingState.PAUSED && call.state() == CallState.ANSWERED;
        Pending current = pending.get(call.id());
        if (paused && current == null) {
            pending.put(call.id(), new Pending(call, limitSeconds * 1_000_000_000L));
        } else if (!paused && current != null) {
            pending.remove(call.id()).cancel();
        }
    }

    /** Calls paused with a limit running, for tests and metrics. */
    int pausedCalls() {
        return pending.size();
    }

    private final class Pending {
        private final CallConductor.Timer warning;
        private final CallConductor.Timer end;

        Pending(Call call, long limitNanos) {
            Instant resumesAt = Instant.ofEpochMilli(epochClock.time() + limitNanos / 1_000_000L);
            warning = conductor.schedule(limitNanos - leadNanos(limitNanos), () -> expiry.warn(call, resumesAt));
            end = conductor.schedule(limitNanos, () -> {
                pending.remove(call.id());
                expiry.expire(call);
            });
        }

        void cancel() {
            warning.cancel();
            end.cancel();
        }
    }
}
