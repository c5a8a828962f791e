package io.sotto.testkit.phone;

/** One payload format of an SDP media line: its payload type and its a=rtpmap encoding. */
public record SdpFormat(int payloadType, String encoding, int clockRate) {
    public static final SdpFormat PCMU = new SdpFormat(0, "PCMU", 8000);
    public static final SdpFormat PCMA = new SdpFormat(8, "PCMA", 8000);

    public static SdpFormat telephoneEvent(int payloadType) {
        return new SdpFormat(payloadType, "telephone-event", 8000);
    }

    /** The static assignments of RFC 3551 table 4 that a phone may meet without an a=rtpmap. */
    static SdpFormat ofStaticType(int payloadType) {
        return switch (payloadType) {
            case 0 -> PCMU;
            case 8 -> PCMA;
            case 9 -> new SdpFormat(9, "G722", 8000);
            case 18 -> new SdpFormat(18, "G729", 8000);
            default -> new SdpFormat(payloadType, "unknown", 0);
        };
    }

    public boolean isG711() {
        return encoding.equalsIgnoreCase("PCMU") || encoding.equalsIgnoreCase("PCMA");
    }

    public boolean isTelephoneEvent() {
        return encoding.equalsIgnoreCase("telephone-event");
    }

    String rtpmap() {
        return payloadType + " " + encoding + "/" + clockRate;
    }
}
