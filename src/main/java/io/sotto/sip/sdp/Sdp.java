package io.sotto.sip.sdp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An SDP body (RFC 8866) as Sotto relays it: the session-level lines and the media sections, each in their
 * original order. Values are immutable; {@link #filterCodecs} and {@link #anchor} return new ones. Equality is
 * structural, so comparing the SDP produced for a leg with the one sent before tells whether the o= version
 * has to grow (RFC 3264 §8).
 *
 * <p>The queries look at <em>the audio stream</em>: the first audio m= line with a non-zero port, or, when
 * every audio m= line is disabled, the first one. Picking the first enabled one keeps a call alive when a
 * re-offer has disabled an old audio stream and added a new one behind it (RFC 3264 §8.2, §8.3).
 *
 * @param session the lines before the first m= line, starting with v=
 * @param media   the media sections, at least one when parsed
 */
public record Sdp(List<SdpLine> session, List<MediaSection> media) {
    /** Largest body accepted, in characters; a phone's offer is well under 2 KiB. */
    public static final int MAX_CHARS = 16 * 1024;
    /** Most lines accepted, counting blank ones; bounds the work a hostile body can cause. */
    public static final int MAX_LINES = 512;

    private static final int TELEPHONE_EVENT_CLOCK_RATE = 8000;
    private static final Pattern PTIME = Pattern.compile("[0-9]{1,5}(\\.[0-9]{1,3})?");

    public Sdp {
        session = List.copyOf(session);
        media = List.copyOf(media);
    }

    /**
     * Parses an SDP body with CRLF or LF line endings.
     *
     * @throws SdpException naming the line and the reason when the body is not SDP Sotto can relay
     */
    public static Sdp parse(String text) {
        return SdpParser.parse(text);
    }

    /** The body as sent on the wire: every line in its original order, each ended by CRLF (RFC 8866 §5). */
    public String encode() {
        StringBuilder text = new StringBuilder(512);
        for (SdpLine line : session) {
            text.append(line.text()).append("\r\n");
        }
        for (MediaSection section : media) {
            text.append(section.mLine()).append("\r\n");
            for (SdpLine line : section.lines()) {
                text.append(line.text()).append("\r\n");
            }
        }
        return text.toString();
    }

    /**
     * Keeps on every enabled audio m= line only the payload types whose encoding is allowed, with their
     * numbers, order, rtpmap, fmtp and rtcp-fb lines unchanged; auxiliary encodings such as telephone-event
     * are kept only at the clock rate of a voice codec that is kept (RFC 4733 §2.1). Other m= lines are left
     * alone; {@link #anchor} disables them.
     *
     * @param allowedEncodingNames encoding names, case-insensitive, e.g. PCMU, PCMA, telephone-event
     * @throws SdpException "no common codec" when an enabled audio m= line keeps no voice codec (answer 488)
     */
    public Sdp filterCodecs(List<String> allowedEncodingNames) {
        return CodecFilter.filter(this, allowedEncodingNames);
    }

    /**
     * This SDP as Sotto sends it to the other leg, with media anchored on Sotto: o= is Sotto's origin, every
     * c= carries {@code address}, the audio stream gets {@code audioPort} (RTCP on the port above), every
     * other m= line gets port 0 with its formats kept, and the attributes of transports Sotto does not relay
     * (a=rtcp, rtcp-mux, ICE, SDES crypto, BUNDLE group) are removed. A hold written as c=0.0.0.0 (RFC 2543)
     * becomes our address plus the direction attribute that says the same (see {@link #audioDirection()}).
     * An audio stream that was disabled (port 0) stays disabled.
     *
     * @param address   Sotto's media address, an IPv4 or IPv6 literal
     * @param audioPort the RTP port Sotto receives this leg's audio on
     * @param origin    the session id and version of the leg the SDP is sent on
     * @throws SdpException when there is no audio m= line, or the audio stream uses SRTP or a transport other
     *                      than RTP/AVP or RTP/AVPF over UDP
     */
    public Sdp anchor(String address, int audioPort, SdpOrigin origin) {
        return MediaAnchor.anchor(this, address, audioPort, origin);
    }

    /**
     * This SDP with its audio active both ways: every direction attribute of the session and the
     * audio streams removed (sendrecv is the default, RFC 3264 §5.1). A transfer offers a party's
     * last SDP to the new party; a hold the transferor had put on it must not carry over.
     */
    public Sdp sendRecv() {
        List<SdpLine> sessionLines = session.stream().filter(line -> MediaDirection.of(line) == null).toList();
        List<MediaSection> sections = media.stream()
                .map(section -> section.isAudio()
                        ? section.withLines(section.lines().stream().filter(line -> MediaDirection.of(line) == null)
                                .toList())
                        : section)
                .toList();
        return new Sdp(sessionLines, sections);
    }

    /**
     * Where the writer of this SDP receives audio: the address of the audio stream's c= line (else the
     * session's) and its port; null when there is no audio or its port is 0. An address of 0.0.0.0 is
     * returned as is; the caller treats it as hold.
     */
    public InetSocketAddress audioRemote() {
        MediaSection audio = audioStream();
        if (audio == null || !audio.isEnabled()) {
            return null;
        }
        Connection connection = connectionOf(audio);
        return connection == null ? null : new InetSocketAddress(connection.address(), audio.port());
    }

    /**
     * The direction of the audio stream from the view of the party that wrote this SDP: its own direction
     * attribute, else the session-level one, else SENDRECV (RFC 3264 §5.1). A connection address of 0.0.0.0
     * (RFC 3264 §8.4, RFC 2543 hold) means that party does not want media, so receiving is taken away:
     * SENDRECV becomes SENDONLY and RECVONLY becomes INACTIVE. No audio stream, or one with port 0, is
     * INACTIVE.
     */
    public MediaDirection audioDirection() {
        MediaSection audio = audioStream();
        if (audio == null || !audio.isEnabled()) {
            return MediaDirection.INACTIVE;
        }
        MediaDirection declared = declaredDirection(audio);
        Connection connection = connectionOf(audio);
        return connection != null && connection.isHold() ? declared.withoutReceive() : declared;
    }

    /**
     * The encoding name, upper-case, of the first voice payload type of the audio stream (PCMU, PCMA, ...),
     * skipping telephone-event, comfort noise and other auxiliary encodings; null when there is none.
     */
    public String audioCodec() {
        int index = audioStreamIndex();
        return index < 0 ? null : codecOf(index);
    }

    /** The payload type of telephone-event/8000 (RFC 4733) on the audio stream, or -1. */
    public int telephoneEventPayloadType() {
        int index = audioStreamIndex();
        return index < 0 ? -1 : telephoneEventPayloadTypeOf(index);
    }

    /**
     * The packet time in milliseconds from the audio stream's a=ptime, else a session-level one, or -1 when
     * absent or unreadable. RFC 8866 §6.4 allows a fraction; it is rounded.
     */
    public int ptime() {
        MediaSection audio = audioStream();
        if (audio == null) {
            return -1;
        }
        int ptime = ptimeOf(audio.lines());
        return ptime >= 0 ? ptime : ptimeOf(session);
    }

    /**
     * Where the writer of this SDP sends from and receives on for the m= line at {@code index}: its c=
     * address (else the session's) and port; null when it has no address or its port is 0.
     */
    public InetSocketAddress remoteOf(int index) {
        MediaSection section = media.get(index);
        Connection connection = connectionOf(section);
        return connection == null || !section.isEnabled() ? null
                : new InetSocketAddress(connection.address(), section.port());
    }

    /** The declared direction of the m= line at {@code index} (its own, else the session's, else sendrecv). */
    public MediaDirection directionOf(int index) {
        MediaSection section = media.get(index);
        return section.isEnabled() ? declaredDirection(section) : MediaDirection.INACTIVE;
    }

    /** The first voice encoding of the m= line at {@code index}, upper case, as {@link #audioCodec()}; or null. */
    public String codecOf(int index) {
        MediaSection section = media.get(index);
        if (!section.isRtp()) {
            return null;
        }
        for (String format : section.formats()) {
            RtpMap map = section.rtpMap(MediaSection.payloadTypeNumber(format));
            if (map != null && map.isVoice()) {
                return map.encodingName().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The payload type of telephone-event/8000 on the m= line at {@code index}, or -1. */
    public int telephoneEventPayloadTypeOf(int index) {
        MediaSection section = media.get(index);
        if (!section.isRtp()) {
            return -1;
        }
        for (String format : section.formats()) {
            RtpMap map = section.rtpMap(MediaSection.payloadTypeNumber(format));
            if (map != null && map.isTelephoneEvent() && map.clockRate() == TELEPHONE_EVENT_CLOCK_RATE) {
                return map.payloadType();
            }
        }
        return -1;
    }

    /** Index of the audio stream in {@link #media()} (see the class comment), or -1 when there is no audio. */
    int audioStreamIndex() {
        int firstAudio = -1;
        for (int i = 0; i < media.size(); i++) {
            MediaSection section = media.get(i);
            if (section.isAudio()) {
                if (section.isEnabled()) {
                    return i;
                }
                if (firstAudio < 0) {
                    firstAudio = i;
                }
            }
        }
        return firstAudio;
    }

    /** A section's own c= line, else the session-level one (RFC 8866 §5.7); null when neither exists. */
    Connection connectionOf(MediaSection section) {
        Connection own = section.connection();
        return own != null ? own : sessionConnection();
    }

    /** A section's own direction attribute, else the session-level one, else SENDRECV (RFC 3264 §5.1). */
    MediaDirection declaredDirection(MediaSection section) {
        MediaDirection own = section.direction();
        if (own != null) {
            return own;
        }
        for (SdpLine line : session) {
            MediaDirection direction = MediaDirection.of(line);
            if (direction != null) {
                return direction;
            }
        }
        return MediaDirection.SENDRECV;
    }

    private MediaSection audioStream() {
        int index = audioStreamIndex();
        return index < 0 ? null : media.get(index);
    }

    private Connection sessionConnection() {
        for (SdpLine line : session) {
            if (line.type() == 'c') {
                return Connection.parse(line.value());
            }
        }
        return null;
    }

    private static int ptimeOf(List<SdpLine> lines) {
        for (SdpLine line : lines) {
            if (line.isAttribute("ptime")) {
                String value = line.attributeValue();
                int millis = PTIME.matcher(value).matches() ? (int) Math.round(Double.parseDouble(value)) : 0;
                return millis > 0 ? millis : -1;
            }
        }
        return -1;
    }
}
