package io.sotto.media;

import java.util.BitSet;

import io.sotto.config.PortRange;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP on the odd port above, RFC 3550 §11) from the
 * configured range. Allocation happens once per call side, never per packet, so a small monitor is
 * enough. Pairs are handed out round-robin rather than lowest-first so that a port just freed is
 * reused as late as possible: late packets from the previous call must not reach the next one.
 */
final class PortAllocator {
    private final PortRange range;
    private final int firstPort;
    private final int pairCount;
    private final BitSet used;
    private int cursor;
    private int inUse;

    PortAllocator(PortRange range) {
        if (range.first() < 1 || range.last() > 65535 || range.first() > range.last()) {
            throw new IllegalArgumentException("media.ports must be within 1-65535, first <= last: "
                    + range.first() + "-" + range.last());
        }
        this.range = range;
        this.firstPort = range.first() + (range.first() & 1);
        this.pairCount = Math.max(0, (range.last() - firstPort + 1) / 2);
        this.used = new BitSet(pairCount);
    }

    /** @return the even RTP port of a free pair, or -1 if every pair is taken */
    synchronized int acquire() {
        if (inUse == pairCount) {
            return -1;
        }
        int pair = used.nextClearBit(cursor);
        if (pair >= pairCount) {
            pair = used.nextClearBit(0);
        }
        used.set(pair);
        inUse++;
        cursor = pair + 1 == pairCount ? 0 : pair + 1;
        return firstPort + 2 * pair;
    }

    synchronized void release(int rtpPort) {
        int pair = (rtpPort - firstPort) / 2;
        if (used.get(pair)) {
            used.clear(pair);
            inUse--;
        }
    }

    synchronized int pairsInUse() {
        return inUse;
    }

    int pairCount() {
        return pairCount;
    }

    /** The configured range as an admin wrote it, e.g. {@code 20000-29999}. */
    String describe() {
        return range.first() + "-" + range.last();
    }
}
