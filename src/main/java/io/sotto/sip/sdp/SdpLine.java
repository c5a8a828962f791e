package io.sotto.sip.sdp;

import java.util.Objects;

/**
 * One {@code <type>=<value>} line of an SDP body (RFC 8866 §5). Lines Sotto does not interpret are kept
 * exactly as received so they pass through to the other leg unchanged.
 *
 * @param type  the one-character type, e.g. {@code a}, {@code c}, {@code o}
 * @param value everything after the {@code =}
 */
public record SdpLine(char type, String value) {
    public SdpLine {
        Objects.requireNonNull(value, "value");
    }

    public static SdpLine attribute(String nameAndValue) {
        return new SdpLine('a', nameAndValue);
    }

    /** True for {@code a=<name>} and {@code a=<name>:<value>}, never for a longer name such as rtcp-fb for rtcp. */
    public boolean isAttribute(String name) {
        return type == 'a' && attributeName().equals(name);
    }

    /** The attribute name of an {@code a=} line (RFC 8866 §5.13), or an empty string for other lines. */
    public String attributeName() {
        if (type != 'a') {
            return "";
        }
        String trimmed = value.strip();
        int colon = trimmed.indexOf(':');
        return colon < 0 ? trimmed : trimmed.substring(0, colon);
    }

    /** The part of an {@code a=} line after the first colon, or an empty string for a property attribute. */
    public String attributeValue() {
        int colon = value.indexOf(':');
        return type != 'a' || colon < 0 ? "" : value.substring(colon + 1).strip();
    }

    /** The line as written on the wire, without its line ending. */
    public String text() {
        return type + "=" + value;
    }

    @Override
    public String toString() {
        return text();
    }
}
