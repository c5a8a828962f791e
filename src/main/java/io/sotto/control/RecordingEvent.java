package io.sotto.control;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change of recording state (README, "Recordings on disk"), as sent on the REST event stream
 * and kept in the call's metadata. Only the matched control code's effect is recorded here, never
 * the digits a party keyed.
 *
 * @param at     when the state changed
 * @param from   the state before
 * @param to     the state after
 * @param how    what caused it
 * @param who    the user id of the actor, or null (the policy, an unknown extension, a hang-up)
 * @param reason free text given with the request, a system reason such as {@code transferred}, or null
 */
public record RecordingEvent(Instant at, RecordingState from, RecordingState to, Trigger how, String who,
                             String reason) {

    public RecordingEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(how, "how");
    }

    /**
     * The event object of the metadata and the event stream: keys {@code at} (ISO-8601 UTC),
     * {@code from}, {@code to}, {@code how}, {@code who}, {@code reason}, in that order; {@code who}
     * and {@code reason} may be null.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", DateTimeFormatter.ISO_INSTANT.format(at));
        map.put("from", from.label());
        map.put("to", to.label());
        map.put("how", how.label());
        map.put("who", who);
        map.put("reason", reason);
        return map;
    }
}
