package io.sotto.call;

import io.sotto.control.RecordingEvent;

/** A recording state change of a live call (README, "HTTP": the event stream), with the call as it is after it. */
public record CallEvent(CallView call, RecordingEvent event) {
}
