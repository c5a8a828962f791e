package io.sotto.call;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of a live call, in the shape of SPEC 10's call object.
 *
 * @param agents          user ids of the call's agents (known extensions only)
 * @param agentExtensions extensions of the call's agent legs, known or not
 * @param recording       the recording's id (null before it first starts), state and since when
 */
public record CallView(String id, String direction, String caller, String callee, List<String> agents,
                       List<String> agentExtensions, String number, Instant startedAt, RecordingView recording) {
    public CallView {
        agents = List.copyOf(agents);
        agentExtensions = List.copyOf(agentExtensions);
    }

    /** @param id null until the recording first starts; {@code state} is a SPEC 5 state label */
    public record RecordingView(String id, String state, Instant since) {
    }
}
