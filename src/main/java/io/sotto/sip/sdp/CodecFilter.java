package io.sotto.sip.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Narrows the audio m= lines of an SDP to the configured codecs without renumbering anything: a B2BUA that
 * relays RTP untouched must hand both legs the same payload type numbers, or telephone-event 101 on one
 * leg would arrive as an unknown type on the other.
 */
final class CodecFilter {
    private CodecFilter() {
    }

    static Sdp filter(Sdp sdp, List<String> allowedEncodingNames) {
        Set<String> allowed = new HashSet<>();
        for (String name : allowedEncodingNames) {
            allowed.add(name.toLowerCase(Locale.ROOT));
        }
        List<MediaSection> filtered = new ArrayList<>(sdp.media().size());
        for (MediaSection section : sdp.media()) {
            boolean negotiable = section.isAudio() && section.isEnabled() && section.isRtp();
            filtered.add(negotiable ? filter(section, allowed, allowedEncodingNames) : section);
        }
        return new Sdp(sdp.session(), filtered);
    }

    private static MediaSection filter(MediaSection section, Set<String> allowed, List<String> allowedNames) {
        List<RtpMap> candidates = new ArrayList<>();
        Set<Integer> voiceClockRates = new HashSet<>();
        for (String format : section.formats()) {
            RtpMap map = section.rtpMap(MediaSection.payloadTypeNumber(format));
            if (map != null && allowed.contains(map.encodingName().toLowerCase(Locale.ROOT))) {
                candidates.add(map);
                if (map.isVoice()) {
                    voiceClockRates.add(map.clockRate());
                }
            }
        }
        if (voiceClockRates.isEmpty()) {
            throw new SdpException("no common codec: " + describe(section) + " offers " + offered(section)
                    + ", allowed " + String.join(", ", allowedNames));
        }
        List<String> keptFormats = new ArrayList<>();
        Set<Integer> keptPayloadTypes = new HashSet<>();
        for (RtpMap map : candidates) {
            // RFC 4733 §2.1, RFC 3389 §4: events and comfort noise run on the clock of the voice they go with,
            // so telephone-event/48000 is no use once only 8 kHz codecs are left.
            if (map.isVoice() || voiceClockRates.contains(map.clockRate())) {
                keptFormats.add(Integer.toString(map.payloadType()));
                keptPayloadTypes.add(map.payloadType());
            }
        }
        List<SdpLine> keptLines = new ArrayList<>(section.lines().size());
        for (SdpLine line : section.lines()) {
            if (!isPayloadTypeAttribute(line) || keptPayloadTypes.contains(MediaSection.payloadTypeOf(line))
                    || "*".equals(firstToken(line.attributeValue()))) {
                keptLines.add(line);
            }
        }
        return section.withFormats(keptFormats).withLines(keptLines);
    }

    /** Attributes about one payload type: rtpmap and fmtp (RFC 8866 §6.6, §6.15), rtcp-fb (RFC 4585 §4.2). */
    private static boolean isPayloadTypeAttribute(SdpLine line) {
        return line.isAttribute("rtpmap") || line.isAttribute("fmtp") || line.isAttribute("rtcp-fb");
    }

    private static String firstToken(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    private static String describe(MediaSection section) {
        return "m=" + section.media() + " " + section.port();
    }

    private static String offered(MediaSection section) {
        List<String> names = new ArrayList<>(section.formats().size());
        for (String format : section.formats()) {
            RtpMap map = section.rtpMap(MediaSection.payloadTypeNumber(format));
            names.add(map == null ? "payload type " + format : map.describe());
        }
        return String.join(", ", names);
    }
}
