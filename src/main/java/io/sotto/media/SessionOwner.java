package io.sotto.media;

/**
 * Who a {@link MediaSession} reports its closing to: the relay that opened it, which counts open
 * sessions and keeps the totals of closed ones.
 */
interface SessionOwner {
    /** {@link MediaSession#close()} was called; its channels are closing. */
    void sessionClosed(MediaSession session);

    /** All of the session's channels have closed, and it can count no more. */
    void retire(MediaSession session);
}
