package io.sotto.sip.siprec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a {@code multipart/mixed} body (RFC 2046 §5.1, as SIPREC uses it, RFC 7866 §8) into its
 * parts. Lenient where real recording clients differ (any boundary, quoted or not; CRLF or bare LF;
 * a preamble; a missing close delimiter) and strict where it costs: at most {@link #MAX_PARTS}
 * parts of a body no longer than {@link #MAX_BYTES}. Pure: no I/O, no state.
 */
public final class MultipartBody {
    /** Largest body read; the SIP stack takes messages up to 64 KiB. */
    public static final int MAX_BYTES = 64 * 1024;
    /** SDP and metadata, and room for a few more a client may add. */
    public static final int MAX_PARTS = 8;
    /** RFC 2046 §5.1.1: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY = 70;

    private MultipartBody() {
    }

    /**
     * @param contentType the Content-Type header's value, e.g. {@code multipart/mixed;boundary="x y"}
     * @param body        the message body
     * @throws SiprecException 400 naming what is wrong
     */
    public static List<BodyPart> parse(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw new SiprecException(400, "Bad multipart body: empty");
        }
        if (body.length > MAX_BYTES) {
            throw new SiprecException(413, "Request Entity Too Large: multipart body over " + MAX_BYTES + " bytes");
        }
        String boundary = boundaryOf(contentType);
        // ISO-8859-1 keeps one char per byte, so a part's bytes can be decoded as UTF-8 afterwards
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<BodyPart> parts = new ArrayList<>();
        int partStart = -1;
        int lineStart = 0;
        boolean closed = false;
        while (lineStart <= text.length() && !closed) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = stripTrailingSpace(text.substring(lineStart, lineEnd));
            boolean close = line.equals(delimiter + "--");
            if (close || line.equals(delimiter)) {
                if (partStart >= 0) {
                    parts.add(part(text.substring(partStart, lineBreakBefore(text, lineStart, partStart))));
                    if (parts.size() > MAX_PARTS) {
                        throw new SiprecException(400, "Bad multipart body: more than " + MAX_PARTS + " parts");
                    }
                }
                partStart = newline < 0 ? text.length() : newline + 1;
                closed = close;
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        if (partStart < 0) {
            throw new SiprecException(400, "Bad multipart body: boundary \"" + boundary + "\" not found");
        }
        if (!closed && partStart < text.length() && !text.substring(partStart).isBlank()) {
            // no close delimiter: the last part runs to the end of the body
            parts.add(part(text.substring(partStart)));
        }
        if (parts.isEmpty()) {
            throw new SiprecException(400, "Bad multipart body: no parts");
        }
        return parts;
    }

    /** The boundary parameter of a multipart Content-Type value, unquoted (RFC 2045 §5.1). */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            throw new SiprecException(400, "Bad multipart body: no Content-Type");
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(';');
        while (at >= 0) {
            int name = at + 1;
            while (name < lower.length() && Character.isWhitespace(lower.charAt(name))) {
                name++;
            }
            if (lower.startsWith("boundary", name)) {
                int equals = name + "boundary".length();
                while (equals < lower.length() && Character.isWhitespace(lower.charAt(equals))) {
                    equals++;
                }
                if (equals < lower.length() && lower.charAt(equals) == '=') {
                    return boundaryValue(contentType, equals + 1);
                }
            }
            at = nextParameter(contentType, name);
        }
        throw new SiprecException(400, "Bad multipart body: no boundary parameter");
    }

    /** The value at {@code from}: a quoted string (which may hold ';' and spaces) or a token. */
    private static String boundaryValue(String contentType, int from) {
        int start = from;
        while (start < contentType.length() && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        String value;
        if (start < contentType.length() && contentType.charAt(start) == '"') {
            int close = contentType.indexOf('"', start + 1);
            if (close < 0) {
                throw new SiprecException(400, "Bad multipart body: unterminated quoted boundary");
            }
            value = contentType.substring(start + 1, close);
        } else {
            int end = contentType.indexOf(';', start);
            value = (end < 0 ? contentType.substring(start) : contentType.substring(start, end)).trim();
        }
        if (value.isEmpty() || value.length() > MAX_BOUNDARY) {
            throw new SiprecException(400, "Bad multipart body: boundary must be 1 to 70 characters");
        }
        return value;
    }

    /** The ';' that starts the parameter after the one at {@code from}, skipping quoted strings; -1 at the end. */
    private static int nextParameter(String contentType, int from) {
        boolean quoted = false;
        for (int i = from; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** A part: header lines up to the first empty line, then the body (RFC 2046 §5.1.1). */
    private static BodyPart part(String raw) {
        String type = "text/plain";
        int index = 0;
        while (index < raw.length()) {
            int newline = raw.indexOf('\n', index);
            int end = newline < 0 ? raw.length() : newline;
            String line = stripTrailingSpace(raw.substring(index, end));
            index = newline < 0 ? raw.length() : newline + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                // no header block at all: the part is body from its first line (seen from some SBCs)
                return new BodyPart(type, utf8(raw));
            }
            if (line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                type = mediaType(line.substring(colon + 1));
            }
        }
        return new BodyPart(type, utf8(raw.substring(Math.min(index, raw.length()))));
    }

    private static String mediaType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Where a part ends: the CRLF or LF before its delimiter line belongs to the delimiter (RFC 2046 §5.1.1). */
    private static int lineBreakBefore(String text, int delimiterLine, int partStart) {
        int end = delimiterLine;
        if (end > partStart && text.charAt(end - 1) == '\n') {
            end--;
            if (end > partStart && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return end;
    }

    private static String stripTrailingSpace(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == ' '
                || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
