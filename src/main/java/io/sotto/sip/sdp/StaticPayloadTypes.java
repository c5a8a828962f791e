package io.sotto.sip.sdp;

/**
 * The static payload types of RFC 3551 §6 (tables 4 and 5). An m= line may list these without an rtpmap
 * line, so the table is the only way to know that PT 18 is G729.
 */
final class StaticPayloadTypes {
    private static final RtpMap[] TABLE = new RtpMap[35];

    static {
        audio(0, "PCMU", 8000);
        audio(3, "GSM", 8000);
        audio(4, "G723", 8000);
        audio(5, "DVI4", 8000);
        audio(6, "DVI4", 16000);
        audio(7, "LPC", 8000);
        audio(8, "PCMA", 8000);
        // RFC 3551 §4.5.2: G722's RTP clock rate is 8000 although it samples at 16 kHz.
        audio(9, "G722", 8000);
        TABLE[10] = new RtpMap(10, "L16", 44100, "2");
        audio(11, "L16", 44100);
        audio(12, "QCELP", 8000);
        audio(13, "CN", 8000);
        audio(14, "MPA", 90000);
        audio(15, "G728", 8000);
        audio(16, "DVI4", 11025);
        audio(17, "DVI4", 22050);
        audio(18, "G729", 8000);
        video(25, "CelB");
        video(26, "JPEG");
        video(28, "nv");
        video(31, "H261");
        video(32, "MPV");
        video(33, "MP2T");
        video(34, "H263");
    }

    private StaticPayloadTypes() {
    }

    /** The RFC 3551 mapping, or null for a dynamic, reserved or unassigned number. */
    static RtpMap lookup(int payloadType) {
        return payloadType >= 0 && payloadType < TABLE.length ? TABLE[payloadType] : null;
    }

    private static void audio(int payloadType, String name, int clockRate) {
        TABLE[payloadType] = new RtpMap(payloadType, name, clockRate, "");
    }

    private static void video(int payloadType, String name) {
        TABLE[payloadType] = new RtpMap(payloadType, name, 90000, "");
    }
}
