package io.sotto.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.config.TransferMode;
import io.sotto.control.Actor;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;
import io.sotto.control.RecordingEvent;
import io.sotto.control.RecordingPolicy;
import io.sotto.control.RecordingState;
import io.sotto.control.Trigger;
import io.sotto.media.FeedbackTone;
import io.sotto.media.MediaSession;

/**
 * The one path every recording change takes, whatever asked for it (policy at answer, a DTMF
 * code, an INFO, a REST call, the hang-up): the policy decides, the recorder is told, the call's
 * state moves and an event goes out. Runs on the conductor thread only.
 */
public final class RecordingControl {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingControl.class);
    /** The end reason of a recording that a transfer ended (README, "Recordings on disk"). */
    public static final String TRANSFERRED = "transferred";
    /** The reason of the resume that ends a pause at {@code company.max_pause}. */
    public static final String MAX_PAUSE = "max pause";
    /** Before the answer (and its parties) no action is taken, whoever asks. */
    static final Decision.Refused NOT_ANSWERED = new Decision.Refused(Decision.Refused.CONFLICT,
            "the call is not answered");

    private final RecordingPolicy.Factory policies;
    private final CallRecorder recorder;
    private final CallEvents events;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final AgentPhones phones;
    private final PauseLimit pauseLimit;

    /** @param conductor the thread this runs on, for the {@code max_pause} timers */
    public RecordingControl(RecordingPolicy.Factory policies, CallRecorder recorder, CallEvents events,
                            CallConductor conductor, NanoClock nanoClock, EpochClock epochClock) {
        this.policies = policies;
        this.recorder = recorder;
        this.events = events;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.phones = new AgentPhones();
        this.pauseLimit = new PauseLimit(conductor, epochClock, new PauseLimit.Expiry() {
            @Override
            public void warn(Call call, Instant resumesAt) {
                pauseEnding(call, resumesAt);
            }

            @Override
            public void expire(Call call) {
                endPause(call);
            }
        });
    }

    /** The policy of the settings {@code call} started under. */
    private RecordingPolicy policy(Call call) {
        return policies.of(call.settings());
    }

    /** The call as other threads see it, with the policy it is under. */
    CallView view(Call call) {
        return CallEvents.viewOf(call, policy(call));
    }

    /** At answer: starts the recording when policy says the call starts recorded. */
    public void answered(Call call) {
        phones.joined(call);
        events.published(view(call));
        if (policy(call).startsRecorded(call.parties())) {
            act(call, RecordingAction.START, Actor.policy(), Trigger.POLICY, null, nanoClock.nanoTime());
        }
    }

    /**
     * Asks for {@code action} by {@code actor}; applies it at {@code atNanos} (when the trigger
     * arrived) if the policy allows it.
     */
    public Decision act(Call call, RecordingAction action, Actor actor, Trigger how, String reason, long atNanos) {
        if (call.state() != CallState.ANSWERED || call.parties() == null) {
            return NOT_ANSWERED;
        }
        Decision decision = policy(call).decide(call.parties(), call.recordingState(), action, actor);
        if (decision instanceof Decision.Allowed allowed) {
            if (!move(call, allowed.next(), how, actor.who(), reason, atNanos)) {
                return new Decision.Refused(503, "the recorder cannot take the change");
            }
        }
        return decision;
    }

    /**
     * A DTMF digit keyed on the leg at {@code side}, arrived as RFC 4733 ({@code how} dtmf) or in an
     * INFO ({@code how} info); when it completes a control code the action is taken on behalf of
     * that leg's agent, who hears the outcome (docs/feedback.md). The digit itself is never logged
     * (PCI).
     *
     * @return whether the digit starts or completes an agent's control code, so that it is not
     *         passed on to the other party; always false on a customer's leg
     */
    public boolean digit(Call call, int side, char digit, Trigger how, long atNanos) {
        if (call.state() != CallState.ANSWERED || call.parties() == null) {
            return false;
        }
        Optional<RecordingAction> code = call.digitsOf(side).feed(digit, atNanos);
        var agent = call.agentOf(side);
        if (code.isEmpty()) {
            return agent != null && call.digitsOf(side).holdsCodeStart();
        }
        Actor actor = agent == null ? Actor.customer() : Actor.leg(agent);
        Decision decision = act(call, code.get(), actor, how, null, atNanos);
        if (agent != null) {
            // a customer who keys a code hears nothing of it: it is refused, and no business of theirs
            phones.keyed(call, side, decision);
        }
        if (decision instanceof Decision.Refused refused) {
            LOG.info("call {}: {} code from the {} refused: {}", call.id(), code.get().label(),
                    side == 0 ? "caller" : "callee", refused.reason());
        }
        return agent != null;
    }

    /** The call ended (hang-up, error, shutdown): the recording, if any, ends with it. */
    public void ended(Call call, String endReason, Trigger how) {
        RecordingState from = call.recordingState();
        if (from == RecordingState.ENDED) {
            return;
        }
        long atNanos = nanoClock.nanoTime();
        long epochMs = epochClock.time();
        call.recordingState(RecordingState.ENDED, epochMs);
        if (call.recording() != null) {
            RecordingEvent event = new RecordingEvent(Instant.ofEpochMilli(epochMs), from, RecordingState.ENDED, how,
                    null, null);
            recorder.end(call, endReason, event, atNanos, List.of());
            events.changed(view(call), event);
        }
        pauseLimit.follow(call);
        events.ended(call);
    }

    /**
     * One party of the call was replaced by a transfer (docs/transfer.md), at this instant. With
     * {@code transfer: stop} the recording ends here ({@code transferred}) and the call, with its
     * new parties, is a new recording session under the policy afresh, each recording naming the
     * other in its metadata; with {@code continue} the recording goes on, with the new party's
     * audio in the same file.
     *
     * @return the media session the call had before, which the caller closes
     */
    public MediaSession transferred(Call call, CallTransfer to) {
        MediaSession previous = call.media();
        RecordingPolicy policy = policy(call);
        if (policy.transferMode() == TransferMode.CONTINUE && call.recording() != null
                && call.recordingState() != RecordingState.ENDED) {
            call.transferredTo(to);
            phones.joined(call);
            recorder.follow(call, previous);
            events.published(view(call));
            return previous;
        }
        long atNanos = nanoClock.nanoTime();
        long epochMs = epochClock.time();
        Recording ended = call.recording();
        // decided before the end, so that the first recording's final metadata can name the next
        boolean recordsAtOnce = policy.startsRecorded(to.parties());
        String nextId = ended != null && recordsAtOnce ? Ids.next() : null;
        if (ended != null) {
            RecordingEvent event = new RecordingEvent(Instant.ofEpochMilli(epochMs), call.recordingState(),
                    RecordingState.ENDED, Trigger.TRANSFER, null, null);
            call.recordingState(RecordingState.ENDED, epochMs);
            recorder.end(call, TRANSFERRED, event, atNanos, nextId == null ? List.of() : List.of(nextId));
            events.changed(view(call), event);
        }
        call.transferredTo(to);
        phones.joined(call);
        call.recording(null);
        call.recordingState(RecordingState.OFF, epochMs);
        pauseLimit.follow(call);
        call.succeeding(ended, nextId);
        events.published(view(call));
        if (recordsAtOnce) {
            act(call, RecordingAction.START, Actor.policy(), Trigger.POLICY, null, atNanos);
        }
        return previous;
    }

    private boolean move(Call call, RecordingState to, Trigger how, String who, String reason, long atNanos) {
        long epochMs = epochClock.time();
        RecordingState from = call.recordingState();
        RecordingEvent event = new RecordingEvent(Instant.ofEpochMilli(epochMs), from, to, how, who, reason);
        boolean taken = call.recording() == null ? recorder.start(call, event, atNanos)
                : recorder.change(call, event, atNanos);
        if (taken) {
            call.recordingState(to, epochMs);
            events.changed(view(call), event);
            pauseLimit.follow(call);
        }
        return taken;
    }

    /** {@code company.max_pause} is near: the event stream and the agents' phones are told. */
    private void pauseEnding(Call call, Instant resumesAt) {
        LOG.info("call {}: the pause ends by itself at {} (company.max_pause)", call.id(), resumesAt);
        events.pauseExpiring(view(call), resumesAt);
        phones.toAgents(call, FeedbackTone.PAUSE_EXPIRING);
    }

    /** {@code company.max_pause} is reached: the recording resumes, by policy. */
    private void endPause(Call call) {
        Decision decision = act(call, RecordingAction.RESUME, Actor.policy(), Trigger.POLICY, MAX_PAUSE,
                nanoClock.nanoTime());
        if (decision instanceof Decision.Refused refused) {
            LOG.warn("call {}: cannot resume at company.max_pause: {}", call.id(), refused.reason());
            return;
        }
        LOG.info("call {}: recording resumed after company.max_pause", call.id());
        phones.toAgents(call, FeedbackTone.RESUMED);
    }
}
