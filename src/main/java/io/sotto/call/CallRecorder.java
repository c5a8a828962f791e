package io.sotto.call;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.config.UserConfig;
import io.sotto.control.RecordingEvent;
import io.sotto.control.RecordingState;
import io.sotto.fork.ForkDescriptor;
import io.sotto.fork.ForkControlQueue;
import io.sotto.fork.RecordingEnd;
import io.sotto.fork.RecordingLink;
import io.sotto.fork.RecordingStart;
import io.sotto.fork.StateChange;
import io.sotto.media.MediaSession;

/**
 * Tells the recorder, through the fork ring, what happens to a call's recording: its start, each
 * change of state, its end; and turns the media fork on and off. Runs on the conductor thread.
 * A state change carries the instant it was asked for, so the recorder applies it at that point
 * of the audio even though the record reaches it after packets that arrived later.
 *
 * <p>It never waits for room in the ring. A record the ring cannot take at once waits in the
 * {@link ForkControlQueue}, and until it is written the call's media forks nothing under that
 * recording: a plain volatile write the media thread sees on its next packet. So audio after a
 * pause can never overtake the pause on its way to the recorder, however long the pause waits
 * (the recorder would have written it to disk before learning of the pause). The fork resumes
 * once every waiting record of the recording is in the ring ({@link #retryWaiting}, on each of the
 * conductor's duty cycles).
 */
public final class CallRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final ForkControlQueue fork;
    private final AtomicLong sessionKeys = new AtomicLong();
    /** Calls whose fork is held back while a control record of their recording waits, by session key. */
    private final Long2ObjectHashMap<Call> heldBack = new Long2ObjectHashMap<>();

    public CallRecorder(ForkControlQueue fork) {
        this.fork = fork;
    }

    /**
     * Writes control records that waited for room in the ring, and lets the media of recordings
     * with nothing left waiting fork again. A duty of the conductor's cycle.
     *
     * @return how many records were written
     */
    public int retryWaiting() {
        int written = fork.retry();
        if (written > 0 && !heldBack.isEmpty()) {
            Long2ObjectHashMap<Call>.EntryIterator entries = heldBack.entrySet().iterator();
            while (entries.hasNext()) {
                entries.next();
                long key = entries.getLongKey();
                if (!fork.pending(key)) {
                    Call call = entries.getValue();
                    entries.remove();
                    Recording recording = call.recording();
                    if (recording != null && recording.sessionKey() == key
                            && call.recordingState() != RecordingState.ENDED) {
                        call.media().startFork(key);
                    }
                }
            }
        }
        return written;
    }

    /** Control records waiting for room in the ring. */
    public int waiting() {
        return fork.size();
    }

    /**
     * Opens the call's recording at {@code atNanos} and starts forking its media. Returns false
     * when the recorder could not take it (the call goes on unrecorded).
     */
    boolean start(Call call, RecordingEvent event, long atNanos) {
        long key = sessionKeys.incrementAndGet();
        String id = call.reservedRecordingId() != null ? call.reservedRecordingId() : Ids.next();
        Recording recording = new Recording(key, id, event.at().toEpochMilli());
        Recording predecessor = call.predecessor();
        RecordingStart start = new RecordingStart(
                recording.recordingId(), call.id(), call.legIds(), call.direction().label(),
                call.caller(), call.callee(), call.agents().stream().map(UserConfig::id).toList(), call.number(),
                event.at().toEpochMilli(), call.answeredNanos(), call.codec(), call.codec(),
                predecessor == null ? List.of() : List.of(predecessor.recordingId()), call.siprec());
        if (!fork.start(key, atNanos, start)) {
            LOG.error("call {}: recorder did not take the start of recording {} (fork control queue full); "
                    + "the call goes on unrecorded", call.id(), recording.recordingId());
            return false;
        }
        // the start's event, so the JSON written while the call goes on already has it
        fork.state(key, atNanos, ForkDescriptor.STATE_RECORDING, new StateChange(event.toMap()));
        if (predecessor != null && call.reservedRecordingId() == null) {
            // the transfer ended the predecessor before this one was known: its final JSON gains the link
            fork.link(atNanos, new RecordingLink(predecessor.recordingId(), predecessor.startedAtEpochMs(), id));
        }
        call.succeeded();
        recording.addAgents(start.agents());
        call.recording(recording);
        recording.add(event);
        forkUnlessHeldBack(call, key);
        LOG.info("call {}: recording {} started ({})", call.id(), recording.recordingId(), event.how().label());
        return true;
    }

    /** Pauses, stops or resumes the running recording at {@code atNanos}. */
    boolean change(Call call, RecordingEvent event, long atNanos) {
        Recording recording = call.recording();
        if (!fork.state(recording.sessionKey(), atNanos, stateCode(event.to()), new StateChange(event.toMap()))) {
            LOG.error("call {}: recorder did not take the change of recording {} to {} (fork control queue full)",
                    call.id(), recording.recordingId(), event.to().label());
            return false;
        }
        holdBackIfWaiting(call, recording.sessionKey());
        recording.add(event);
        LOG.info("call {}: recording {} {} -> {} ({}{})", call.id(), recording.recordingId(), event.from().label(),
                event.to().label(), event.how().label(), event.who() == null ? "" : " by " + event.who());
        return true;
    }

    /**
     * Stops the fork and closes the recording with {@code endReason}; {@code linked} are the ids
     * of recordings its metadata names (the one continuing the call after a transfer).
     */
    void end(Call call, String endReason, RecordingEvent event, long atNanos, List<String> linked) {
        Recording recording = call.recording();
        call.media().stopFork();
        heldBack.remove(recording.sessionKey());
        recording.add(event);
        long callDurationMs = call.answeredNanos() == 0 ? 0
                : TimeUnit.NANOSECONDS.toMillis(atNanos - call.answeredNanos());
        RecordingEnd end = new RecordingEnd(endReason, event.at().toEpochMilli(), callDurationMs,
                List.copyOf(recording.events()), List.copyOf(linked), recording.agents(), call.siprec());
        if (!fork.end(recording.sessionKey(), atNanos, end)) {
            LOG.error("call {}: recorder did not take the end of recording {} (fork control queue full); "
                    + "start-up repair will finish the file", call.id(), recording.recordingId());
        }
        LOG.info("call {}: recording {} ended ({})", call.id(), recording.recordingId(), endReason);
    }

    /**
     * Moves forking to the call's media session after a transfer that keeps the recording
     * ({@code transfer: continue}): the new party's audio goes into the same file.
     */
    void follow(Call call, MediaSession previous) {
        previous.stopFork();
        forkUnlessHeldBack(call, call.recording().sessionKey());
        call.recording().addAgents(call.agents().stream().map(UserConfig::id).toList());
        LOG.info("call {}: recording {} continues across the transfer", call.id(), call.recording().recordingId());
    }

    private void forkUnlessHeldBack(Call call, long key) {
        if (fork.pending(key)) {
            heldBack.put(key, call);
        } else {
            call.media().startFork(key);
        }
    }

    private void holdBackIfWaiting(Call call, long key) {
        if (fork.pending(key)) {
            call.media().stopFork();
            heldBack.put(key, call);
        }
    }

    private static int stateCode(RecordingState state) {
        return switch (state) {
            case RECORDING -> ForkDescriptor.STATE_RECORDING;
            case PAUSED -> ForkDescriptor.STATE_PAUSED;
            case STOPPED -> ForkDescriptor.STATE_STOPPED;
            default -> throw new IllegalArgumentException("no recorder state for " + state);
        };
    }
}
