package io.sotto.testkit.phone;

/** SDP media direction attribute (RFC 4566 section 6) and its answer (RFC 3264 section 6.1). */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String attribute;

    Direction(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }

    /** The direction an answerer gives to an offer in this direction. */
    public Direction answer() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    static Direction ofAttribute(String attribute) {
        for (Direction direction : values()) {
            if (direction.attribute.equalsIgnoreCase(attribute)) {
                return direction;
            }
        }
        return null;
    }
}
