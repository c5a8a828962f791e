package io.sotto.call;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.sotto.config.UserConfig;
import io.sotto.control.ActionChoices;
import io.sotto.control.RecordingAction;

/**
 * The live calls as the edge (REST, events) sees them: snapshots that any thread may read, and
 * recording actions that run on the call conductor like a DTMF code or an INFO would. What a
 * user may see is the edge's business: this port answers for every call.
 */
public interface LiveCalls {
    /** Every live call, oldest first. */
    List<CallView> calls();

    Optional<CallView> call(String id);

    /**
     * Asks for {@code action} on the call's recording on behalf of {@code user}, under the
     * recording policy. Completes on the conductor thread with the outcome; an unknown or ended
     * call completes with status 404. Always completes: exceptionally with what the action threw
     * (logged on the conductor thread, with its stack trace), or at once with
     * {@link java.util.concurrent.RejectedExecutionException} when the conductor is overloaded.
     */
    CompletableFuture<ActionOutcome> act(String callId, RecordingAction action, UserConfig user, String reason);

    /**
     * What {@code user} may do with the recording of {@code call} as this snapshot shows it, by the
     * same policy {@link #act} applies. Any thread may ask: it reads the snapshot, never the call.
     */
    ActionChoices choices(CallView call, UserConfig user);

    /**
     * Calls {@code listener} with every recording state change from now on, on the conductor
     * thread: it must return at once (queue or write without blocking). Returns a handle that
     * unsubscribes.
     */
    AutoCloseable subscribe(Consumer<CallEvent> listener);

    /**
     * As {@link #subscribe}, for the warnings that a paused recording is about to resume by itself
     * ({@code company.max_pause}).
     */
    AutoCloseable subscribeWarnings(Consumer<PauseExpiring> listener);
}
