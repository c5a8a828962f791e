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
        String[] params = contentType.split(";");
        for (int i = 1; i < params.length; i++) {
            String param = params[i].trim();
            int equals = param.indexOf('=');
            if (equals > 0 && param.substring(0, equals).trim().equalsIgnoreCase("boundary")) {
                String value = param.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.isEmpty() || value.length() > MAX_BOUNDARY) {
                    throw new SiprecException(400, "Bad multipart body: boundary must be 1 to 70 characters");
                }
                return value;
            }
        }
        // a quoted boundary may hold ';': look for it by the raw text before giving up
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=\"");
        if (at >= 0) {
            int end = contentType.indexOf('"', at + 10);
            if (end > at + 10 && end - at - 10 <= MAX_BOUNDARY) {
                return contentType.substring(at + 10, end);
            }
        }
        throw new SiprecException(400, "Bad multipart body: no boundary parameter");
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
