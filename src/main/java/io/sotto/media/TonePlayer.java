package io.sotto.media;

import io.netty.buffer.ByteBuf;

import io.sotto.media.rtp.RtpDescriptor;

/**
 * Plays a {@link FeedbackTone} to one side by overwriting the payload of the G.711 packets relayed
 * to it with the tone's samples, in the packet's own law (from its payload type); header, SSRC,
 * sequence number and timestamp stay as sent, so the receiving phone sees its usual stream. The
 * relay calls it after the packet was forked, so the recording keeps the real audio.
 *
 * <p>The tone's samples follow the RTP timestamps, not arrival times: the first packet overwritten
 * carries the tone's first sample and each later packet the samples its timestamp says, so jitter
 * neither stretches nor clicks the tone. A new SSRC is placed by the time elapsed since the tone
 * began. A packet that is not G.711 (telephone-event, comfort noise) passes unchanged. Packets the
 * far side does not send cannot carry a tone: see docs/feedback.md.
 *
 * <p>Commands come from {@link MediaSession#playTone} as one volatile long (generation and tone),
 * compared per packet; the state here is primitive and owned by one event loop: nothing is
 * allocated.
 */
final class TonePlayer {
    /** No tone was ever asked for. */
    static final long NO_TONE = 0;
    private static final FeedbackTone[] TONES = FeedbackTone.values();
    private static final long NANOS_PER_SAMPLE = 1_000_000_000L / FeedbackTone.SAMPLE_RATE;
    /** A tone its packets could not carry in time (the far side went quiet) is dropped, not played late. */
    private static final long LATE_NANOS = 1_000_000_000L;

    private long seenCommand = NO_TONE;
    private FeedbackTone tone;
    private long startNanos;
    private boolean anchored;
    private int ssrc;
    private int firstTimestamp;

    /** The command for {@code tone} after {@code previous}: a new generation, so the same tone can play again. */
    static long command(long previous, FeedbackTone tone) {
        return ((previous >>> 8) + 1) << 8 | (tone.ordinal() + 1);
    }

    /**
     * Overwrites the payload of the valid RTP packet at {@code index} with the part of the tone
     * its timestamp covers, if a tone is playing.
     *
     * @param command the session's latest tone command for the side this packet goes to
     * @return whether the payload was overwritten
     */
    boolean overwrite(long command, ByteBuf packet, int index, int payloadLength, long nowNanos) {
        if (command != seenCommand) {
            seenCommand = command;
            tone = TONES[(int) (command & 0xFF) - 1];
            startNanos = nowNanos;
            anchored = false;
        }
        if (tone == null) {
            return false;
        }
        if (nowNanos - startNanos > tone.samples() * NANOS_PER_SAMPLE + LATE_NANOS) {
            tone = null;
            return false;
        }
        byte[] samples = tone.encodedFor(RtpDescriptor.payloadType(packet, index));
        if (samples == null) {
            return false;
        }
        int packetSsrc = RtpDescriptor.ssrc(packet, index);
        int timestamp = RtpDescriptor.timestamp(packet, index);
        if (!anchored || packetSsrc != ssrc) {
            int elapsed = anchored ? (int) ((nowNanos - startNanos) / NANOS_PER_SAMPLE) : 0;
            anchored = true;
            ssrc = packetSsrc;
            firstTimestamp = timestamp - elapsed;
        }
        // RFC 3550 §5.1: timestamps wrap modulo 2^32; the int difference is the sample distance.
        int offset = timestamp - firstTimestamp;
        if (offset < 0) {
            return false;
        }
        if (offset >= samples.length) {
            tone = null;
            return false;
        }
        int count = Math.min(payloadLength, samples.length - offset);
        packet.setBytes(index + RtpDescriptor.payloadOffset(packet, index), samples, offset, count);
        return true;
    }
}
