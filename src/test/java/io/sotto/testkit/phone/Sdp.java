package io.sotto.testkit.phone;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audio part of an SDP body (RFC 4566) as the test phone writes and reads it: connection
 * address, RTP port, formats in preference order, direction, and the text it came from.
 */
public record Sdp(String address, int port, List<SdpFormat> formats, Direction direction, int ptime, String text) {

    static final int DEFAULT_PTIME = 20;

    /** Writes a one-audio-stream description; telephone-event gets {@code a=fmtp:<pt> 0-16}. */
    static Sdp create(long sessionId, long version, String address, int port, List<SdpFormat> formats, Direction direction) {
        StringBuilder text = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- ").append(sessionId).append(' ').append(version).append(" IN IP4 ").append(address).append("\r\n")
                .append("s=sotto-testphone\r\n")
                .append("c=IN IP4 ").append(address).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP");
        for (SdpFormat format : formats) {
            text.append(' ').append(format.payloadType());
        }
        text.append("\r\n");
        for (SdpFormat format : formats) {
            text.append("a=rtpmap:").append(format.rtpmap()).append("\r\n");
            if (format.isTelephoneEvent()) {
                text.append("a=fmtp:").append(format.payloadType()).append(" 0-16\r\n");
            }
        }
        text.append("a=ptime:").append(DEFAULT_PTIME).append("\r\n");
        text.append("a=").append(direction.attribute()).append("\r\n");
        return new Sdp(address, port, List.copyOf(formats), direction, DEFAULT_PTIME, text.toString());
    }

    /**
     * Reads the first audio stream; a media-level c= line overrides the session one and a missing
     * direction attribute means sendrecv (RFC 4566 section 6). Throws on a body without audio.
     */
    public static Sdp parse(String text) {
        String sessionAddress = null;
        String mediaAddress = null;
        int port = -1;
        List<Integer> payloadTypes = new ArrayList<>();
        Map<Integer, SdpFormat> rtpmaps = new LinkedHashMap<>();
        Direction sessionDirection = null;
        Direction mediaDirection = null;
        int ptime = DEFAULT_PTIME;
        boolean inAudio = false;
        boolean audioSeen = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                inAudio = !audioSeen && line.startsWith("m=audio ");
                if (inAudio) {
                    audioSeen = true;
                    String[] parts = line.substring(2).split(" +");
                    port = Integer.parseInt(parts[1]);
                    for (int i = 3; i < parts.length; i++) {
                        payloadTypes.add(Integer.parseInt(parts[i]));
                    }
                }
            } else if (line.startsWith("c=")) {
                String[] parts = line.substring(2).split(" +");
                String address = parts[parts.length - 1].split("/")[0];
                if (inAudio) {
                    mediaAddress = address;
                } else if (!audioSeen) {
                    sessionAddress = address;
                }
            } else if (line.startsWith("a=") && (inAudio || !audioSeen)) {
                String attribute = line.substring(2);
                Direction direction = Direction.ofAttribute(attribute);
                if (direction != null) {
                    if (inAudio) {
                        mediaDirection = direction;
                    } else {
                        sessionDirection = direction;
                    }
                } else if (inAudio && attribute.startsWith("rtpmap:")) {
                    String[] parts = attribute.substring("rtpmap:".length()).split("[ /]");
                    int payloadType = Integer.parseInt(parts[0]);
                    rtpmaps.put(payloadType, new SdpFormat(payloadType, parts[1], Integer.parseInt(parts[2])));
                } else if (inAudio && attribute.startsWith("ptime:")) {
                    ptime = Integer.parseInt(attribute.substring("ptime:".length()).trim());
                }
            }
        }
        if (!audioSeen) {
            throw new IllegalArgumentException("SDP has no m=audio line:\n" + text);
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (address == null) {
            throw new IllegalArgumentException("SDP has no c= line for its audio stream:\n" + text);
        }
        List<SdpFormat> formats = new ArrayList<>();
        for (int payloadType : payloadTypes) {
            formats.add(rtpmaps.getOrDefault(payloadType, SdpFormat.ofStaticType(payloadType)));
        }
        Direction direction = mediaDirection != null ? mediaDirection
                : sessionDirection != null ? sessionDirection : Direction.SENDRECV;
        return new Sdp(address, port, List.copyOf(formats), direction, ptime, text);
    }

    public InetSocketAddress rtpAddress() {
        return new InetSocketAddress(address, port);
    }

    /** The first G.711 format, which both ends use after an answer lists it first. */
    public SdpFormat audioFormat() {
        return formats.stream().filter(SdpFormat::isG711).findFirst().orElse(null);
    }

    /** The telephone-event payload type, or -1. */
    public int telephoneEventPayloadType() {
        return formats.stream().filter(SdpFormat::isTelephoneEvent).mapToInt(SdpFormat::payloadType).findFirst().orElse(-1);
    }

    @Override
    public String toString() {
        return "Sdp[" + address + ":" + port + " " + formats.stream().map(SdpFormat::rtpmap).toList() + " " + direction.attribute() + "]";
    }
}
