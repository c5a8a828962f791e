package io.sotto.call;

import java.time.Instant;
import java.util.List;

import io.sotto.control.CallParties;
import io.sotto.control.RecordingPolicy;
import io.sotto.control.RecordingState;

/**
 * An immutable snapshot of a live call, in the shape of the REST API's call object (README, "HTTP").
 *
 * @param agents          user ids of the call's agents (known extensions only)
 * @param agentExtensions extensions of the call's agent legs, known or not
 * @param recording       the recording's id (null before it first starts), state and since when
 * @param parties         who is on the call as the recording policy sees them
 * @param policy          the recording policy the call is under (immutable): with the parties and
 *                        the state, what a user may do with the recording is decided from this
 *                        snapshot on any thread, never from the live call
 */
public record CallView(String id, String direction, String caller, String callee, List<String> agents,
                       List<String> agentExtensions, String number, Instant startedAt, RecordingView recording,
                       CallParties parties, RecordingPolicy policy) {
    public CallView {
        agents = List.copyOf(agents);
        agentExtensions = List.copyOf(agentExtensions);
    }

    /** @param id null until the recording first starts */
    public record RecordingView(String id, RecordingState state, Instant since) {
    }
}
