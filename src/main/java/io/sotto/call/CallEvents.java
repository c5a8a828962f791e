package io.sotto.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sotto.control.Agent;
import io.sotto.control.RecordingEvent;
import io.sotto.control.RecordingPolicy;

/**
 * Publishes live calls to other threads: an immutable {@link CallView} per answered call,
 * replaced on every recording change, and each change to the subscribers. Written on the
 * conductor thread; read from any.
 */
public final class CallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);

    private final Map<String, CallView> views = new ConcurrentHashMap<>();
    private final List<Consumer<CallEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<PauseExpiring>> warningListeners = new CopyOnWriteArrayList<>();

    List<CallView> views() {
        List<CallView> all = new ArrayList<>(views.values());
        all.sort(Comparator.comparing(CallView::startedAt).thenComparing(CallView::id));
        return all;
    }

    Optional<CallView> view(String id) {
        return Optional.ofNullable(views.get(id));
    }

    AutoCloseable subscribe(Consumer<CallEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    AutoCloseable subscribeWarnings(Consumer<PauseExpiring> listener) {
        warningListeners.add(listener);
        return () -> warningListeners.remove(listener);
    }

    /** The call's pause ends by itself at {@code resumesAt} ({@code company.max_pause}). */
    void pauseExpiring(CallView view, Instant resumesAt) {
        PauseExpiring warning = new PauseExpiring(view, resumesAt);
        for (Consumer<PauseExpiring> listener : warningListeners) {
            try {
                listener.accept(warning);
            } catch (RuntimeException e) {
                LOG.error("a pause warning listener failed on call {}", view.id(), e);
            }
        }
    }

    void published(CallView view) {
        views.put(view.id(), view);
    }

    void changed(CallView view, RecordingEvent event) {
        views.put(view.id(), view);
        CallEvent callEvent = new CallEvent(view, event);
        for (Consumer<CallEvent> listener : listeners) {
            try {
                listener.accept(callEvent);
            } catch (RuntimeException e) {
                LOG.error("a call event listener failed on call {}", view.id(), e);
            }
        }
    }

    void ended(Call call) {
        views.remove(call.id());
    }

    /** The call as it is now, under {@code policy}; on the conductor thread only. */
    static CallView viewOf(Call call, RecordingPolicy policy) {
        List<String> agentIds = call.agents().stream().map(user -> user.id()).toList();
        List<String> extensions = call.parties() == null ? List.of()
                : call.parties().agents().stream().map(Agent::extension).toList();
        Recording recording = call.recording();
        CallView.RecordingView recordingView = new CallView.RecordingView(
                recording == null ? null : recording.recordingId(), call.recordingState(),
                call.recordingSinceEpochMs() == 0 ? null : Instant.ofEpochMilli(call.recordingSinceEpochMs()));
        return new CallView(call.id(), call.direction().label(), call.caller(), call.callee(), agentIds, extensions,
                call.number(), Instant.ofEpochMilli(call.createdEpochMs()), recordingView, call.parties(),
                policy);
    }
}
