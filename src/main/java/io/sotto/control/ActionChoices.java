package io.sotto.control;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one actor may do with a call's recording right now, as {@link RecordingPolicy#choices}
 * found by asking {@link RecordingPolicy#decide} once per action: so a console shows exactly the
 * buttons whose request would be granted, and for every other one the refusal that request would
 * get (403 not permitted, or 409 wrong state), to show as the reason it is unavailable.
 *
 * @param allowed the actions a request would be granted, in {@link RecordingAction} order
 * @param denied  every other action, with the refusal a request for it would get
 */
public record ActionChoices(List<RecordingAction> allowed, Map<RecordingAction, Decision.Refused> denied) {
    public ActionChoices {
        allowed = List.copyOf(allowed);
        denied = denied.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(denied));
    }
}
