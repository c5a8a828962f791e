package io.sotto.testkit.phone;

import java.time.Instant;

/**
 * One RFC 4733 event as received: all packets that share its SSRC and timestamp, with how many
 * carried the end bit (a sender repeats the end packet, RFC 4733 section 2.5.1.4).
 */
public record DtmfEvent(
        char digit,
        long ssrc,
        long timestamp,
        int duration,
        int packets,
        int endPackets,
        Instant firstArrival,
        Instant lastArrival) {

    public boolean ended() {
        return endPackets > 0;
    }
}
