package io.sotto.call;

/**
 * How a recording action ended: {@code 200} with the new state, {@code 403} not permitted,
 * {@code 404} no such live call, {@code 409} wrong state; {@code reason} says why when refused.
 */
public record ActionOutcome(int status, CallView call, String reason) {
    public static final int DONE = 200;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    public boolean done() {
        return status == DONE;
    }
}
