package io.sotto.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What one port knows of its side's remote from SDP: whose packets it accepts and where it sends
 * until the symmetric-RTP latch learns the address packets really come from.
 *
 * @param expectedSource the IP the first accepted packet must come from (the SDP's; README, "What
 *                       Sotto does with a call"), or null to accept nothing
 * @param destination    where to send before latching, or null when nothing must be sent (no
 *                       SDP yet, port 0, or on hold with c=0.0.0.0)
 */
record RemotePeer(InetAddress expectedSource, InetSocketAddress destination) {
    static final RemotePeer NONE = new RemotePeer(null, null);

    /**
     * The peer for the SDP address {@code sdp} of a side, on the port {@code portOffset} above
     * the SDP port (0 for RTP, 1 for RTCP, RFC 3550 §11).
     *
     * @param previous this port's peer so far: a hold (c=0.0.0.0, RFC 3264 §8.4) keeps accepting
     *                 from the address it had, so music on hold sent by the holding phone still
     *                 reaches the other side
     */
    static RemotePeer fromSdp(InetSocketAddress sdp, int portOffset, RemotePeer previous) {
        if (sdp == null) {
            return NONE;
        }
        if (sdp.isUnresolved()) {
            throw new IllegalArgumentException("SDP address must be resolved before media: " + sdp);
        }
        InetAddress ip = sdp.getAddress();
        if (ip.isAnyLocalAddress()) {
            return new RemotePeer(previous.expectedSource(), null);
        }
        if (sdp.getPort() == 0) {
            return new RemotePeer(ip, null);
        }
        return new RemotePeer(ip, new InetSocketAddress(ip, sdp.getPort() + portOffset));
    }

    boolean sends() {
        return destination != null;
    }
}
