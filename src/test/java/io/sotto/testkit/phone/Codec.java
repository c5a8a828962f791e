package io.sotto.testkit.phone;

/** The formats a test phone can offer and answer (RFC 3551 static types, RFC 4733 events). */
public enum Codec {
    PCMU,
    PCMA,
    TELEPHONE_EVENT;

    public boolean matches(SdpFormat format) {
        return switch (this) {
            case PCMU -> format.encoding().equalsIgnoreCase("PCMU");
            case PCMA -> format.encoding().equalsIgnoreCase("PCMA");
            case TELEPHONE_EVENT -> format.isTelephoneEvent();
        };
    }

    /** The SDP format of this codec; telephone-event takes the dynamic {@code eventPayloadType}. */
    public SdpFormat format(int eventPayloadType) {
        return switch (this) {
            case PCMU -> SdpFormat.PCMU;
            case PCMA -> SdpFormat.PCMA;
            case TELEPHONE_EVENT -> SdpFormat.telephoneEvent(eventPayloadType);
        };
    }
}
