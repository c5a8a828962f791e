package io.sotto.testkit.phone;

/** Where a test call's INVITE dialog is (RFC 3261 section 12 and 13). */
public enum CallState {
    /** INVITE sent, no provisional response beyond 100 yet. */
    CALLING,
    /** INVITE received, not answered yet. */
    INCOMING,
    /** A 18x was sent or received: early dialog. */
    EARLY,
    /** 2xx answered and ACKed. */
    CONFIRMED,
    /** Ended: BYE, CANCEL, error response, timeout or transport error. */
    TERMINATED
}
