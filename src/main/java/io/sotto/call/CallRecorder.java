package io.sotto.call;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.config.UserConfig;
import io.sotto.fork.ForkWriter;
import io.sotto.fork.RecordingEnd;
import io.sotto.fork.RecordingStart;

/**
 * Starts and ends a call's recording session: tells the recorder through the fork ring and turns
 * the media fork on and off. Runs on the conductor thread.
 */
public final class CallRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final ForkWriter fork;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final AtomicLong sessionKeys = new AtomicLong();

    public CallRecorder(ForkWriter fork, NanoClock nanoClock, EpochClock epochClock) {
        this.fork = fork;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    /**
     * Opens the call's recording and starts forking its media.
     *
     * @param legIds   SIP Call-IDs of the caller's and the callee's leg
     * @param codec    negotiated audio codec (PCMU or PCMA)
     * @param how      what started it (SPEC 7 {@code how}), e.g. {@code policy}
     * @param who      user id of who started it, or null
     */
    public void start(Call call, List<String> legIds, String codec, String how, String who) {
        long key = sessionKeys.incrementAndGet();
        long now = nanoClock.nanoTime();
        long epochMs = epochClock.time();
        Recording recording = new Recording(key, Ids.next(), "off");
        RecordingStart start = new RecordingStart(
                recording.recordingId(), call.id(), legIds, call.direction().label(),
                call.caller(), call.callee(),
                call.agents().stream().map(UserConfig::id).toList(), call.number(),
                epochMs, call.answeredNanos(), codec, codec, List.of());
        if (!fork.start(key, now, start)) {
            LOG.error("call {}: recorder did not take the start of recording {} (fork ring full); "
                    + "the call goes on unrecorded", call.id(), recording.recordingId());
            return;
        }
        call.recording(recording);
        recording.state("recording", event(epochMs, "off", "recording", how, who));
        call.media().startFork(key);
        LOG.info("call {}: recording {} started ({})", call.id(), recording.recordingId(), how);
    }

    /** Stops the fork and closes the recording with {@code endReason}; no-op when not recording. */
    public void end(Call call, String endReason, String how) {
        Recording recording = call.recording();
        if (recording == null || "ended".equals(recording.state())) {
            return;
        }
        call.media().stopFork();
        long now = nanoClock.nanoTime();
        long epochMs = epochClock.time();
        recording.state("ended", event(epochMs, recording.state(), "ended", how, null));
        long callDurationMs = call.answeredNanos() == 0 ? 0
                : TimeUnit.NANOSECONDS.toMillis(now - call.answeredNanos());
        RecordingEnd end = new RecordingEnd(endReason, epochMs, callDurationMs,
                List.copyOf(recording.events()), List.of());
        if (!fork.end(recording.sessionKey(), now, end)) {
            LOG.error("call {}: recorder did not take the end of recording {} (fork ring full); "
                    + "start-up repair will finish the file", call.id(), recording.recordingId());
        }
        LOG.info("call {}: recording {} ended ({})", call.id(), recording.recordingId(), endReason);
    }

    private static Map<String, Object> event(long epochMs, String from, String to, String how, String who) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", Instant.ofEpochMilli(epochMs).toString());
        event.put("from", from);
        event.put("to", to);
        event.put("how", how);
        event.put("who", who);
        event.put("reason", null);
        return event;
    }
}
