package io.sotto.media;

/**
 * Told of each key pressed on a leg (RFC 4733), once per press. Called on a media thread: it
 * must hand the digit on and return at once, and never log it (it may be part of a card number).
 */
@FunctionalInterface
public interface DtmfListener {
    /** @param side 0 the caller's leg, 1 the callee's ({@link io.sotto.fork.ForkDescriptor} channels) */
    void onDigit(int side, char digit, long arrivalNanos);
}
