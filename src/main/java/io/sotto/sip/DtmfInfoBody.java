package io.sotto.sip;

/**
 * The key presses an INFO carries: {@code application/dtmf-relay} ({@code Signal=5}, one per line
 * group, as Cisco and most PBXs send) or {@code application/dtmf} (the digit alone). Digits are
 * returned, never logged (PCI).
 */
final class DtmfInfoBody {
    static final String DTMF_RELAY = "application/dtmf-relay";
    static final String DTMF = "application/dtmf";

    private DtmfInfoBody() {
    }

    /** The digits in {@code body} for {@code contentType} ("type/subtype", any case); empty if none. */
    static String digitsOf(String contentType, String body) {
        if (contentType == null || body == null) {
            return "";
        }
        String type = contentType.toLowerCase();
        int parameters = type.indexOf(';');
        type = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        StringBuilder digits = new StringBuilder(2);
        if (type.equals(DTMF_RELAY)) {
            for (String line : body.split("\r?\n")) {
                int equals = line.indexOf('=');
                if (equals > 0 && line.substring(0, equals).trim().equalsIgnoreCase("Signal")) {
                    append(digits, line.substring(equals + 1).trim());
                }
            }
        } else if (type.equals(DTMF)) {
            append(digits, body.trim());
        }
        return digits.toString();
    }

    private static void append(StringBuilder digits, String signal) {
        char digit = switch (signal) {
            case "10" -> '*';
            case "11" -> '#';
            default -> signal.length() == 1 ? Character.toUpperCase(signal.charAt(0)) : 0;
        };
        if ((digit >= '0' && digit <= '9') || digit == '*' || digit == '#' || (digit >= 'A' && digit <= 'D')) {
            digits.append(digit);
        }
    }
}
