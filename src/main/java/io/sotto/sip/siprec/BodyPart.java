package io.sotto.sip.siprec;

/**
 * One part of a {@code multipart/mixed} body (RFC 2046 §5.1).
 *
 * @param contentType the part's media type, lower case without parameters ({@code application/sdp});
 *                    {@code text/plain} when the part has no Content-Type (RFC 2046 §5.1.1)
 * @param text        the part's body as UTF-8 text, without the line break before the next delimiter
 */
public record BodyPart(String contentType, String text) {
    public boolean is(String type) {
        return contentType.equals(type);
    }
}
