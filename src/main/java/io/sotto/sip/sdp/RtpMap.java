package io.sotto.sip.sdp;

import java.util.Locale;
import java.util.Set;

/**
 * What a payload type number stands for: an {@code a=rtpmap:<pt> <name>/<clock rate>[/<parameters>]} line
 * (RFC 8866 §6.6) or a static entry of the RFC 3551 table.
 */
record RtpMap(int payloadType, String encodingName, int clockRate, String encodingParameters) {
    /**
     * Encodings that ride along with a voice codec but cannot carry a call on their own: RFC 4733 events and
     * tones, RFC 3389 comfort noise, RFC 2198 redundancy, RFC 4588 retransmission, RFC 5109/8627 FEC.
     */
    private static final Set<String> AUXILIARY = Set.of("telephone-event", "tone", "cn", "red", "rtx",
            "ulpfec", "flexfec");

    /** The mapping of an rtpmap attribute value ({@code 101 telephone-event/8000}), or null if malformed. */
    static RtpMap parse(String attributeValue) {
        String[] fields = SdpFields.of(attributeValue);
        if (fields.length != 2) {
            return null;
        }
        int payloadType = MediaSection.payloadTypeNumber(fields[0]);
        String[] encoding = fields[1].split("/", -1);
        if (payloadType < 0 || encoding.length < 2 || encoding.length > 3 || encoding[0].isEmpty()) {
            return null;
        }
        int clockRate = positiveInt(encoding[1]);
        if (clockRate <= 0) {
            return null;
        }
        return new RtpMap(payloadType, encoding[0], clockRate, encoding.length == 3 ? encoding[2] : "");
    }

    boolean isTelephoneEvent() {
        return "telephone-event".equalsIgnoreCase(encodingName);
    }

    /** A codec that carries the voice itself, as opposed to an auxiliary encoding such as telephone-event. */
    boolean isVoice() {
        return !AUXILIARY.contains(encodingName.toLowerCase(Locale.ROOT));
    }

    /** {@code PCMU/8000}, {@code opus/48000/2}: how the offer named it, for error messages. */
    String describe() {
        return encodingName + "/" + clockRate + (encodingParameters.isEmpty() ? "" : "/" + encodingParameters);
    }

    private static int positiveInt(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(text);
    }
}
