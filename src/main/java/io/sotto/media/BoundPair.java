package io.sotto.media;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;

/**
 * The RTP and RTCP channels bound on an even port and the odd port above it (RFC 3550 §11).
 *
 * @param released counted down once both channels are closed and the pair is back in the allocator
 */
record BoundPair(int rtpPort, Channel rtp, Channel rtcp, CountDownLatch released) {
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    /** Closes both channels and waits (bounded) until the ports are free; off the media threads. */
    void closeAndAwait() {
        rtp.close();
        rtcp.close();
        try {
            released.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
