package io.sotto.media;

import io.netty.buffer.ByteBuf;

import io.sotto.media.rtp.RtpDescriptor;
import io.sotto.media.rtp.TelephoneEventDescriptor;

/**
 * Finds key presses in one leg's RTP: a packet of the leg's telephone-event payload type starts
 * or continues an event, identified by its SSRC and RTP timestamp (events may come from an SSRC
 * other than the audio's); the first packet with the end bit reports the digit, its redundant
 * copies and retransmissions do not. An event whose end packets were all lost is reported when
 * the next event starts. A packet that starts an event again after it ended (marker bit set, end
 * bit clear) is a new press of the same key: SIPp's DTMF captures replay one recorded press,
 * SSRC and timestamp included, every time they are played. Primitive state only, on one event
 * loop: nothing is allocated.
 */
final class TelephoneEventDetector {
    private final int side;
    private boolean inEvent;
    private boolean reported;
    private int ssrc;
    private int timestamp;
    private int event;

    TelephoneEventDetector(int side) {
        this.side = side;
    }

    /**
     * Looks at one valid RTP packet; reports to {@code listener} (if not null) if it completes a key
     * press.
     *
     * @return whether the packet is a telephone-event that starts a key press
     */
    boolean inspect(ByteBuf packet, int index, int payloadLength, int telephoneEventPayloadType,
                    DtmfListener listener, long arrivalNanos) {
        if (!isEvent(packet, index, payloadLength, telephoneEventPayloadType)) {
            return false;
        }
        int payload = index + RtpDescriptor.payloadOffset(packet, index);
        int packetSsrc = RtpDescriptor.ssrc(packet, index);
        int packetTimestamp = RtpDescriptor.timestamp(packet, index);
        boolean same = inEvent && packetSsrc == ssrc && packetTimestamp == timestamp;
        boolean end = TelephoneEventDescriptor.end(packet, payload);
        // RFC 4733 §2.5.1.2: an event's first packet carries the marker bit; once it ended, only
        // its end packet may come again (§2.5.1.4), so a marked start is the key pressed anew.
        boolean pressedAgain = same && reported && !end && RtpDescriptor.marker(packet, index);
        boolean starts = !same || pressedAgain;
        if (starts) {
            if (inEvent && !reported) {
                report(listener, arrivalNanos);
            }
            inEvent = true;
            reported = false;
            ssrc = packetSsrc;
            timestamp = packetTimestamp;
            event = TelephoneEventDescriptor.event(packet, payload);
        }
        if (!reported && end) {
            report(listener, arrivalNanos);
        }
        return starts;
    }

    /** Whether the valid RTP packet is an RFC 4733 event of the side's negotiated payload type. */
    static boolean isEvent(ByteBuf packet, int index, int payloadLength, int telephoneEventPayloadType) {
        return telephoneEventPayloadType >= 0
                && RtpDescriptor.payloadType(packet, index) == telephoneEventPayloadType
                && payloadLength >= TelephoneEventDescriptor.LENGTH;
    }

    private void report(DtmfListener listener, long arrivalNanos) {
        reported = true;
        char digit = TelephoneEventDescriptor.digitOf(event);
        if (digit != 0 && listener != null) {
            listener.onDigit(side, digit, arrivalNanos);
        }
    }
}
