package io.sotto.testkit.phone;

import java.time.Instant;

/**
 * One RTP packet slot a phone's sender used: what it put on the wire, or, when {@code dropped},
 * what it deliberately did not send (packet loss on purpose).
 */
public record SentPacket(
        int payloadType,
        boolean marker,
        int sequence,
        long timestamp,
        long ssrc,
        boolean dropped,
        Instant sentAt,
        long sentNanos) {
}
