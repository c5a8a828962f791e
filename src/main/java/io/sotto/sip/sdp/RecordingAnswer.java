package io.sotto.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SDP answer of a recording server (RFC 7866 §8.1.1) to a recording client's offer: each
 * stream Sotto records is answered on Sotto's address and one of its ports, receive-only (inactive
 * when the client offered it inactive, the client's pause, RFC 7866 §8.1.2), with its {@code a=label};
 * every other m= line is refused with port 0 (RFC 3264 §6). Nothing of the client's addresses or
 * transport attributes is carried over. Pure.
 */
public final class RecordingAnswer {
    private RecordingAnswer() {
    }

    /**
     * @param offer        the client's offer, already cut to Sotto's codecs
     * @param address      Sotto's media address, an IPv4 or IPv6 literal
     * @param portsByIndex the RTP port Sotto receives each recorded m= line on, by its index in the offer
     * @param origin       the session id and version of Sotto's SDP on this dialog
     * @throws SdpException when a recorded stream uses SRTP or a transport other than RTP/AVP(F)
     */
    public static Sdp answer(Sdp offer, String address, Map<Integer, Integer> portsByIndex, SdpOrigin origin) {
        String addressType = IpLiteral.isIp6(address) ? "IP6" : "IP4";
        List<SdpLine> session = List.of(
                new SdpLine('v', "0"),
                new SdpLine('o', "sotto " + origin.sessionId() + " " + origin.version() + " IN " + addressType + " "
                        + address),
                new SdpLine('s', "sotto"),
                new SdpLine('c', "IN " + addressType + " " + address),
                new SdpLine('t', "0 0"));
        List<MediaSection> media = new ArrayList<>(offer.media().size());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection section = offer.media().get(i);
            Integer port = portsByIndex.get(i);
            if (port == null || !section.isEnabled()) {
                List<SdpLine> lines = section.label() == null ? List.of()
                        : List.of(SdpLine.attribute("label:" + section.label()));
                media.add(new MediaSection(section.media(), 0, 1, section.proto(), section.formats(), lines));
                continue;
            }
            if (!"RTP/AVP".equals(section.proto()) && !"RTP/AVPF".equals(section.proto())) {
                throw new SdpException("media transport " + section.proto() + " not supported, Sotto records"
                        + " RTP/AVP over UDP only");
            }
            List<SdpLine> lines = new ArrayList<>(section.lines().size() + 1);
            for (SdpLine line : section.lines()) {
                if (line.type() == 'a' && !MediaAnchor.isTransportAttribute(line) && MediaDirection.of(line) == null) {
                    lines.add(line);
                }
            }
            lines.add(SdpLine.attribute(offer.directionOf(i).sends() ? "recvonly" : "inactive"));
            media.add(new MediaSection(section.media(), port, 1, section.proto(), section.formats(), lines));
        }
        return new Sdp(session, media);
    }
}
