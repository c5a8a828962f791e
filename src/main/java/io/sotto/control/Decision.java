package io.sotto.control;

/** What the policy says of a recording action. */
public sealed interface Decision {

    /** Go ahead: the recording moves to {@code next}; {@code effective} is what the action meant here. */
    record Allowed(RecordingState next, RecordingAction effective) implements Decision {
    }

    /**
     * No: {@code status} 403 (not permitted) or 409 (wrong state), {@code reason} a short sentence
     * for a SIP reason phrase or a JSON detail.
     */
    record Refused(int status, String reason) implements Decision {
        public static final int FORBIDDEN = 403;
        public static final int CONFLICT = 409;
    }
}
