package io.sotto.media;

/**
 * A snapshot of the relay's packet counters since it started, over open and closed sessions.
 * Each count is exact for closed sessions and at most a few packets behind for open ones.
 *
 * @param relayed              RTP and RTCP packets written towards the other side
 * @param droppedNoDestination the other side had no address to send to (no SDP yet, port 0, on
 *                             hold with c=0.0.0.0)
 * @param droppedForeignSource from an address that is not the side's latched or expected peer
 *                             (README, "What Sotto does with a call": dropped and counted). Once a
 *                             port is latched the kernel filters other sources of the connected
 *                             socket before the relay sees them: those are not counted here
 * @param droppedMalformed     failed the RTP (RFC 3550 §A.1) or RTCP (§A.2) header checks
 * @param droppedCongested     the outgoing socket's buffer was full
 * @param forked               RTP packets copied into the fork ring
 * @param forkDropped          RTP packets not forked because the ring was full or the payload too
 *                             long for a ring record
 * @param errors               socket errors (e.g. ICMP port unreachable from a peer) and any
 *                             unexpected failure inside a handler; none closes a channel
 */
public record MediaCounters(long relayed, long droppedNoDestination, long droppedForeignSource,
                            long droppedMalformed, long droppedCongested, long forked,
                            long forkDropped, long errors) {

    public long dropped() {
        return droppedNoDestination + droppedForeignSource + droppedMalformed + droppedCongested;
    }
}
