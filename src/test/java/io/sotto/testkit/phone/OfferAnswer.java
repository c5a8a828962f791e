package io.sotto.testkit.phone;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A call's SDP offer/answer state (RFC 3264): what this phone last sent, what it last received,
 * and the formats of the last completed exchange, from which the RTP target follows.
 */
final class OfferAnswer {
    private final String address;
    private final int rtpPort;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    private long version;
    private Sdp local;
    private Sdp remote;
    private List<SdpFormat> negotiated = List.of();
    private Sdp lastOfferAnswered;

    OfferAnswer(String address, int rtpPort) {
        this.address = address;
        this.rtpPort = rtpPort;
    }

    synchronized Sdp offer(List<SdpFormat> formats, Direction direction) {
        local = Sdp.create(sessionId, ++version, address, rtpPort, formats, direction);
        return local;
    }

    synchronized void answerReceived(Sdp answer) {
        remote = answer;
        negotiated = answer.formats();
    }

    /**
     * Answers {@code offer} with the offered formats this phone accepts, in the offer's order and
     * with its payload type numbers (RFC 3264 section 6.1), and the mirrored direction. The same
     * offer seen again (183 then 200) gets the same answer.
     */
    synchronized Sdp answer(Sdp offer, List<Codec> accepted) {
        if (offer.text().equals(lastOfferAnswered == null ? null : lastOfferAnswered.text())) {
            return local;
        }
        List<SdpFormat> formats = offer.formats().stream()
                .filter(format -> accepted.stream().anyMatch(codec -> codec.matches(format)))
                .toList();
        local = Sdp.create(sessionId, ++version, address, rtpPort, formats, offer.direction().answer());
        remote = offer;
        negotiated = formats;
        lastOfferAnswered = offer;
        return local;
    }

    synchronized Sdp local() {
        return local;
    }

    synchronized Sdp remote() {
        return remote;
    }

    synchronized List<SdpFormat> negotiated() {
        return negotiated;
    }

    /** Null until a remote description with a port arrived (port 0 rejects the stream). */
    synchronized MediaTarget target() {
        if (remote == null || remote.port() == 0) {
            return null;
        }
        SdpFormat audio = negotiated.stream().filter(SdpFormat::isG711).findFirst().orElse(null);
        int events = negotiated.stream().filter(SdpFormat::isTelephoneEvent).mapToInt(SdpFormat::payloadType).findFirst().orElse(-1);
        return new MediaTarget(remote.rtpAddress(), audio == null ? -1 : audio.payloadType(), events);
    }

    synchronized int telephoneEventPayloadType() {
        return negotiated.stream().filter(SdpFormat::isTelephoneEvent).mapToInt(SdpFormat::payloadType).findFirst().orElse(-1);
    }
}
