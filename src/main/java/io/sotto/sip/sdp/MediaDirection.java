package io.sotto.sip.sdp;

/** The direction attributes of RFC 3264 §5.1, seen from the party that wrote the SDP. */
public enum MediaDirection {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    MediaDirection(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute as written in SDP, e.g. {@code sendonly}. */
    public String attributeName() {
        return attributeName;
    }

    /** Whether the party that wrote the SDP will send media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the party that wrote the SDP wants to receive media. */
    public boolean receives() {
        return receives;
    }

    /**
     * The direction left once receiving is taken away: what a connection address of 0.0.0.0 means on top of
     * the declared direction (RFC 3264 §8.4, hold as RFC 2543 did it).
     */
    public MediaDirection withoutReceive() {
        return sends ? SENDONLY : INACTIVE;
    }

    /** The direction a line declares, or null if it is not a direction attribute. */
    static MediaDirection of(SdpLine line) {
        if (line.type() != 'a') {
            return null;
        }
        String name = line.attributeName();
        for (MediaDirection direction : values()) {
            if (direction.attributeName.equals(name)) {
                return direction;
            }
        }
        return null;
    }
}
