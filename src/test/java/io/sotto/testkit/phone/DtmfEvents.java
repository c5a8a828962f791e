package io.sotto.testkit.phone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups received RFC 4733 telephone-event packets into events, one per SSRC and timestamp. */
final class DtmfEvents {
    private DtmfEvents() {
    }

    static List<DtmfEvent> collect(List<RtpPacket> packets, int payloadType) {
        Map<String, DtmfEvent> events = new LinkedHashMap<>();
        for (RtpPacket packet : packets) {
            // RFC 4733 section 2.3: the payload is at least 4 bytes; shorter ones are not events.
            if (packet.payloadType() != payloadType || packet.payload().length < DtmfEventDescriptor.LENGTH) {
                continue;
            }
            byte[] payload = packet.payload();
            String key = packet.ssrc() + "/" + packet.timestamp();
            DtmfEvent seen = events.get(key);
            boolean end = DtmfEventDescriptor.end(payload);
            int duration = DtmfEventDescriptor.duration(payload);
            events.put(key, seen == null
                    ? new DtmfEvent(DtmfEventDescriptor.digit(DtmfEventDescriptor.event(payload)), packet.ssrc(),
                            packet.timestamp(), duration, 1, end ? 1 : 0, packet.arrivedAt(), packet.arrivedAt())
                    : new DtmfEvent(seen.digit(), seen.ssrc(), seen.timestamp(), Math.max(seen.duration(), duration),
                            seen.packets() + 1, seen.endPackets() + (end ? 1 : 0), seen.firstArrival(), packet.arrivedAt()));
        }
        return new ArrayList<>(events.values());
    }
}
