package io.sotto.call;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.agrona.concurrent.NanoClock;

import io.sotto.config.UserConfig;
import io.sotto.control.ActionChoices;
import io.sotto.control.Actor;
import io.sotto.control.Decision;
import io.sotto.control.RecordingAction;
import io.sotto.control.Trigger;

/** {@link LiveCalls} over the conductor: reads the published views, acts on the conductor thread. */
public final class ConductedCalls implements LiveCalls {
    private final CallConductor conductor;
    private final CallRegistry registry;
    private final RecordingControl control;
    private final CallEvents events;
    private final NanoClock nanoClock;

    public ConductedCalls(CallConductor conductor, CallRegistry registry, RecordingControl control,
                          CallEvents events, NanoClock nanoClock) {
        this.conductor = conductor;
        this.registry = registry;
        this.control = control;
        this.events = events;
        this.nanoClock = nanoClock;
    }

    @Override
    public List<CallView> calls() {
        return events.views();
    }

    @Override
    public Optional<CallView> call(String id) {
        return events.view(id);
    }

    @Override
    public CompletableFuture<ActionOutcome> act(String callId, RecordingAction action, UserConfig user, String reason) {
        long askedNanos = nanoClock.nanoTime();
        return AnsweredCommand.submit(conductor, "recording " + action.label() + " of call " + callId + " by " + user.id(),
                () -> actNow(callId, action, user, reason, askedNanos));
    }

    @Override
    public ActionChoices choices(CallView call, UserConfig user) {
        if (call.parties() == null || call.policy() == null) {
            Map<RecordingAction, Decision.Refused> denied = new EnumMap<>(RecordingAction.class);
            for (RecordingAction action : RecordingAction.values()) {
                denied.put(action, RecordingControl.NOT_ANSWERED);
            }
            return new ActionChoices(List.of(), denied);
        }
        return call.policy().choices(call.parties(), call.recording().state(), Actor.user(user));
    }

    @Override
    public AutoCloseable subscribe(Consumer<CallEvent> listener) {
        return events.subscribe(listener);
    }

    @Override
    public AutoCloseable subscribeWarnings(Consumer<PauseExpiring> listener) {
        return events.subscribeWarnings(listener);
    }

    private ActionOutcome actNow(String callId, RecordingAction action, UserConfig user, String reason, long atNanos) {
        Call call = registry.get(callId);
        if (call == null || call.state() == CallState.ENDED) {
            return new ActionOutcome(ActionOutcome.NOT_FOUND, null, "no live call " + callId);
        }
        Decision decision = control.act(call, action, Actor.user(user), Trigger.API, reason, atNanos);
        CallView view = control.view(call);
        if (decision instanceof Decision.Refused refused) {
            return new ActionOutcome(refused.status(), view, refused.reason());
        }
        return new ActionOutcome(ActionOutcome.DONE, view, null);
    }
}
