package io.sotto.sip.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One media description (RFC 8866 §5.14): the fields of its {@code m=} line and the lines that follow it up
 * to the next {@code m=}, in their original order.
 *
 * @param media     media type, e.g. {@code audio}, {@code video}
 * @param port      transport port; 0 means the stream is disabled or rejected (RFC 3264 §5.1, §6)
 * @param portCount the {@code /<number of ports>} of the m= line, 1 when absent
 * @param proto     transport protocol, e.g. {@code RTP/AVP}
 * @param formats   media formats; payload type numbers for RTP, kept as written
 * @param lines     the c=, b=, a= and other lines of this section
 */
public record MediaSection(String media, int port, int portCount, String proto, List<String> formats,
                           List<SdpLine> lines) {
    public MediaSection {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        lines = List.copyOf(lines);
        if (port < 0 || port > 65535 || portCount < 1) {
            throw new IllegalArgumentException("m=" + media + " port " + port + "/" + portCount + " out of range");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("m=" + media + " needs at least one format (RFC 8866 §5.14)");
        }
    }

    /** The m= line as written on the wire, without its line ending. */
    public String mLine() {
        StringBuilder line = new StringBuilder("m=").append(media).append(' ').append(port);
        if (portCount != 1) {
            line.append('/').append(portCount);
        }
        line.append(' ').append(proto);
        for (String format : formats) {
            line.append(' ').append(format);
        }
        return line.toString();
    }

    public boolean isAudio() {
        return "audio".equals(media);
    }

    /** False for port 0: a disabled or rejected stream that carries no media. */
    public boolean isEnabled() {
        return port != 0;
    }

    /** Any RTP profile (RTP/AVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF, ...): the formats are payload type numbers. */
    public boolean isRtp() {
        return proto.contains("RTP/");
    }

    /** The direction attribute of this section, or null when it has none and the session-level one applies. */
    public MediaDirection direction() {
        for (SdpLine line : lines) {
            MediaDirection direction = MediaDirection.of(line);
            if (direction != null) {
                return direction;
            }
        }
        return null;
    }

    /** The stream's {@code a=label} (RFC 4574), which SIPREC metadata names it by (RFC 7866 §8.1.1); or null. */
    public String label() {
        for (SdpLine line : lines) {
            if (line.isAttribute("label")) {
                String value = line.attributeValue().trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /**
     * The encoding name of a payload type as this section defines it (its rtpmap line, else the static table
     * of RFC 3551), or null when unknown.
     */
    public String encodingName(int payloadType) {
        RtpMap map = rtpMap(payloadType);
        return map == null ? null : map.encodingName();
    }

    /** This section on {@code newPort}, one port only: Sotto relays exactly one RTP/RTCP pair per stream. */
    public MediaSection withPort(int newPort) {
        return new MediaSection(media, newPort, 1, proto, formats, lines);
    }

    public MediaSection withFormats(List<String> newFormats) {
        return new MediaSection(media, port, portCount, proto, newFormats, lines);
    }

    public MediaSection withLines(List<SdpLine> newLines) {
        return new MediaSection(media, port, portCount, proto, formats, newLines);
    }

    RtpMap rtpMap(int payloadType) {
        for (SdpLine line : lines) {
            if (line.isAttribute("rtpmap") && payloadTypeOf(line) == payloadType) {
                RtpMap map = RtpMap.parse(line.attributeValue());
                if (map != null) {
                    return map;
                }
            }
        }
        return StaticPayloadTypes.lookup(payloadType);
    }

    /** The section's own c= line, or null when the session-level one applies. */
    Connection connection() {
        for (SdpLine line : lines) {
            if (line.type() == 'c') {
                return Connection.parse(line.value());
            }
        }
        return null;
    }

    /**
     * The payload type an rtpmap, fmtp or rtcp-fb line is about (its first token), or -1 for the wildcard
     * {@code *} of RFC 4585 and anything that is not a payload type number.
     */
    static int payloadTypeOf(SdpLine line) {
        String value = line.attributeValue();
        int space = value.indexOf(' ');
        return payloadTypeNumber(space < 0 ? value : value.substring(0, space));
    }

    /** An RTP payload type is 0..127 (RFC 3550 §5.1: seven bits); -1 for anything else. */
    static int payloadTypeNumber(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        int value = Integer.parseInt(text);
        return value <= 127 ? value : -1;
    }
}
