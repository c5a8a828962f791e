package io.sotto.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites an SDP so that the other leg sends its media to Sotto (media anchoring). Nothing of the first
 * leg's addresses survives: o=, every c=, ICE candidates and a=rtcp all carry addresses, and all are either
 * replaced by Sotto's or removed.
 */
final class MediaAnchor {
    private static final String PLAIN_RTP = "RTP/AVP";
    private static final String PLAIN_RTP_FEEDBACK = "RTP/AVPF";

    private MediaAnchor() {
    }

    static Sdp anchor(Sdp sdp, String address, int audioPort, SdpOrigin origin) {
        if (origin == null) {
            throw new IllegalArgumentException("origin is required");
        }
        if (IpLiteral.parse(address) == null) {
            throw new IllegalArgumentException("media address must be an IPv4 or IPv6 literal, got " + address);
        }
        if (audioPort < 1 || audioPort > 65535) {
            throw new IllegalArgumentException("audio port must be 1..65535, got " + audioPort);
        }
        int audioIndex = sdp.audioStreamIndex();
        if (audioIndex < 0) {
            throw new SdpException("no audio m= line to anchor");
        }
        MediaSection audio = sdp.media().get(audioIndex);
        if (audio.isEnabled()) {
            requireRelayableTransport(audio);
        }
        String addressType = IpLiteral.isIp6(address) ? "IP6" : "IP4";
        SdpLine connection = new SdpLine('c', "IN " + addressType + " " + address);
        SdpLine originLine = new SdpLine('o', "sotto " + origin.sessionId() + " " + origin.version() + " IN "
                + addressType + " " + address);

        List<SdpLine> session = anchorSessionLines(sdp.session(), originLine, connection);
        List<MediaSection> media = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaSection section = sdp.media().get(i);
            List<SdpLine> lines = anchorLines(section.lines(), connection);
            if (i == audioIndex && section.isEnabled()) {
                Connection received = sdp.connectionOf(section);
                MediaDirection declared = sdp.declaredDirection(section);
                if (received != null && received.isHold() && declared.withoutReceive() != declared) {
                    lines = holdByDirection(lines, declared.withoutReceive());
                }
                media.add(section.withPort(audioPort).withLines(lines));
            } else {
                // RFC 3264 §6, §8.2: port 0 disables a stream Sotto does not relay; its formats stay so the
                // m= lines of offer and answer still match one to one.
                media.add(section.withPort(0).withLines(lines));
            }
        }
        return new Sdp(session, media);
    }

    private static void requireRelayableTransport(MediaSection audio) {
        if (audio.proto().contains("SAVP")) {
            throw new SdpException("SRTP not supported: m=audio uses " + audio.proto()
                    + ", Sotto relays plain RTP only");
        }
        if (!PLAIN_RTP.equals(audio.proto()) && !PLAIN_RTP_FEEDBACK.equals(audio.proto())) {
            throw new SdpException("media transport " + audio.proto() + " not supported, Sotto relays RTP/AVP"
                    + " over UDP only");
        }
    }

    private static List<SdpLine> anchorSessionLines(List<SdpLine> lines, SdpLine origin, SdpLine connection) {
        boolean hasOrigin = false;
        for (SdpLine line : lines) {
            hasOrigin |= line.type() == 'o';
        }
        List<SdpLine> anchored = new ArrayList<>(lines.size() + 1);
        boolean originWritten = false;
        for (SdpLine line : lines) {
            if (line.type() == 'o') {
                if (!originWritten) {
                    anchored.add(origin);
                    originWritten = true;
                }
            } else if (line.type() == 'c') {
                anchored.add(connection);
            } else if (!isTransportAttribute(line)) {
                anchored.add(line);
            }
            // RFC 8866 §5: o= follows v=; a body that lacked it gets Sotto's in that place.
            if (line.type() == 'v' && !hasOrigin) {
                anchored.add(origin);
                originWritten = true;
            }
        }
        return anchored;
    }

    private static List<SdpLine> anchorLines(List<SdpLine> lines, SdpLine connection) {
        List<SdpLine> anchored = new ArrayList<>(lines.size() + 1);
        for (SdpLine line : lines) {
            if (line.type() == 'c') {
                anchored.add(connection);
            } else if (!isTransportAttribute(line)) {
                anchored.add(line);
            }
        }
        return anchored;
    }

    /**
     * Attributes that describe the writer's own transport, which Sotto replaces with its plain RTP/RTCP pair
     * (RTCP on the RTP port + 1): a=rtcp (RFC 3605), rtcp-mux and rtcp-mux-only (RFC 5761, RFC 8858), ICE
     * (RFC 8839: candidate, remote-candidates, end-of-candidates, ice-*), SDES keys (RFC 4568 crypto) and the
     * BUNDLE group (RFC 8843). Passing them on would announce addresses and features Sotto does not offer.
     */
    static boolean isTransportAttribute(SdpLine line) {
        if (line.type() != 'a') {
            return false;
        }
        String name = line.attributeName();
        return switch (name) {
            case "rtcp", "rtcp-mux", "rtcp-mux-only", "candidate", "remote-candidates", "end-of-candidates",
                    "crypto" -> true;
            case "group" -> line.attributeValue().startsWith("BUNDLE");
            default -> name.startsWith("ice-");
        };
    }

    /**
     * Replaces an RFC 2543 hold (c=0.0.0.0) with the direction attribute of RFC 3264 §8.4 that says the same,
     * since the c= line now carries Sotto's address.
     */
    private static List<SdpLine> holdByDirection(List<SdpLine> lines, MediaDirection direction) {
        SdpLine attribute = SdpLine.attribute(direction.attributeName());
        List<SdpLine> rewritten = new ArrayList<>(lines.size() + 1);
        boolean written = false;
        for (SdpLine line : lines) {
            if (MediaDirection.of(line) == null) {
                rewritten.add(line);
            } else if (!written) {
                rewritten.add(attribute);
                written = true;
            }
        }
        if (!written) {
            rewritten.add(attribute);
        }
        return rewritten;
    }
}
