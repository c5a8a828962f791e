package io.sotto.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SDP body (RFC 8866 §5) into an {@link Sdp}. Strict where Sotto depends on a field (v=, m=, c=,
 * rtpmap) and lenient elsewhere: lines it does not interpret are kept verbatim, and blank lines, which some
 * phones leave at the end of a body, are skipped. Errors name the line number counted from 1 over the text
 * as received, blank lines included.
 */
final class SdpParser {
    private static final int EXCERPT_CHARS = 80;

    private final List<SdpLine> session = new ArrayList<>();
    private final List<MediaSection> media = new ArrayList<>();
    private boolean sessionHasConnection;

    private String mediaType;
    private int port;
    private int portCount;
    private String proto;
    private List<String> formats;
    private List<SdpLine> mediaLines;
    private boolean mediaHasConnection;
    private int mediaLineNumber;
    private String mediaLineText;

    private SdpParser() {
    }

    static Sdp parse(String text) {
        if (text == null) {
            throw new SdpException("SDP body is missing");
        }
        if (text.length() > Sdp.MAX_CHARS) {
            throw new SdpException("SDP is " + text.length() + " characters, more than the " + Sdp.MAX_CHARS
                    + " allowed");
        }
        return new SdpParser().read(text);
    }

    private Sdp read(String text) {
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, contentEnd);
            start = end + 1;
            lineNumber++;
            if (lineNumber > Sdp.MAX_LINES) {
                throw new SdpException("SDP has more than " + Sdp.MAX_LINES + " lines");
            }
            if (!line.isEmpty()) {
                readLine(line, lineNumber);
            }
        }
        if (session.isEmpty()) {
            throw new SdpException("SDP is empty, it must start with v=0");
        }
        finishMediaSection();
        if (media.isEmpty()) {
            throw new SdpException("SDP has no m= line");
        }
        return new Sdp(session, media);
    }

    private void readLine(String line, int lineNumber) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            // RFC 8866 §5: a line ends at CRLF or LF and no field may hold CR, LF or NUL.
            if (c == '\r' || c == '\0') {
                throw SdpException.atLine(lineNumber, excerpt(line) + " holds a CR or NUL character");
            }
        }
        char type = line.charAt(0);
        if (line.length() < 2 || line.charAt(1) != '=' || !isLetter(type)) {
            throw SdpException.atLine(lineNumber, excerpt(line) + " is not <type>=<value>");
        }
        SdpLine sdpLine = new SdpLine(type, line.substring(2));
        boolean first = session.isEmpty();
        if (first && !"v=0".equals(line)) {
            throw SdpException.atLine(lineNumber, "SDP must start with v=0, got " + excerpt(line));
        }
        if (!first && type == 'v') {
            throw SdpException.atLine(lineNumber, "a second v= line; a SIP body holds one session");
        }
        switch (type) {
            case 'm' -> startMediaSection(sdpLine, lineNumber);
            case 'c' -> addConnection(sdpLine, lineNumber);
            case 'a' -> addAttribute(sdpLine, lineNumber);
            default -> add(sdpLine);
        }
    }

    private void startMediaSection(SdpLine line, int lineNumber) {
        finishMediaSection();
        String[] fields = SdpFields.of(line.value());
        if (fields.length < 4) {
            throw SdpException.atLine(lineNumber, "m= line " + excerpt(line.text())
                    + " needs <media> <port> <proto> <fmt>...");
        }
        int slash = fields[1].indexOf('/');
        int parsedPort = number(slash < 0 ? fields[1] : fields[1].substring(0, slash), 0);
        int parsedCount = slash < 0 ? 1 : number(fields[1].substring(slash + 1), 1);
        if (parsedPort < 0 || parsedCount < 0) {
            throw SdpException.atLine(lineNumber, "m= line " + excerpt(line.text()) + " has a bad port");
        }
        List<String> parsedFormats = List.of(fields).subList(3, fields.length);
        if (fields[2].contains("RTP/")) {
            for (String format : parsedFormats) {
                if (MediaSection.payloadTypeNumber(format) < 0) {
                    throw SdpException.atLine(lineNumber, "m= line " + excerpt(line.text())
                            + " has a bad payload type " + excerpt(format));
                }
            }
        }
        mediaType = fields[0];
        port = parsedPort;
        portCount = parsedCount;
        proto = fields[2];
        formats = parsedFormats;
        mediaLines = new ArrayList<>();
        mediaHasConnection = false;
        mediaLineNumber = lineNumber;
        mediaLineText = line.text();
    }

    private void finishMediaSection() {
        if (mediaLines == null) {
            return;
        }
        media.add(new MediaSection(mediaType, port, portCount, proto, formats, mediaLines));
        // RFC 8866 §5.7: every media needs a c= of its own or at session level; a disabled one carries nothing.
        if (port != 0 && !mediaHasConnection && !sessionHasConnection) {
            throw SdpException.atLine(mediaLineNumber, "m= line " + excerpt(mediaLineText)
                    + " has no c= line and the session has none");
        }
        mediaLines = null;
    }

    private void addConnection(SdpLine line, int lineNumber) {
        if (Connection.parse(line.value()) == null) {
            throw SdpException.atLine(lineNumber, "c= line " + excerpt(line.text())
                    + " is not IN IP4|IP6 <IP literal>");
        }
        if (mediaLines == null) {
            sessionHasConnection = true;
        } else {
            mediaHasConnection = true;
        }
        add(line);
    }

    private void addAttribute(SdpLine line, int lineNumber) {
        if (mediaLines != null && line.isAttribute("rtpmap") && RtpMap.parse(line.attributeValue()) == null) {
            throw SdpException.atLine(lineNumber, "rtpmap " + excerpt(line.text())
                    + " is not <payload type> <encoding name>/<clock rate>[/<parameters>]");
        }
        add(line);
    }

    private void add(SdpLine line) {
        if (mediaLines == null) {
            session.add(line);
        } else {
            mediaLines.add(line);
        }
    }

    /** A decimal number in {@code min..65535}, or -1. */
    private static int number(String text, int min) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        int value = Integer.parseInt(text);
        return value >= min && value <= 65535 ? value : -1;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * The text in double quotes, cut to a length fit for a log line or reason phrase, with control characters
     * replaced so a hostile body cannot forge log lines.
     */
    private static String excerpt(String text) {
        String cut = text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "..." : text;
        StringBuilder quoted = new StringBuilder(cut.length() + 2).append('"');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            quoted.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return quoted.append('"').toString();
    }
}
