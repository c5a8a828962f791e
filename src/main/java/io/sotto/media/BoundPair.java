package io.sotto.media;

import io.netty.channel.Channel;

/** The RTP and RTCP channels bound on an even port and the odd port above it (RFC 3550 §11). */
record BoundPair(int rtpPort, Channel rtp, Channel rtcp) {
    /**
     * Starts closing both channels and returns at once; the allocator gets the pair back when the
     * last of them has closed.
     */
    void close() {
        rtp.close();
        rtcp.close();
    }
}
