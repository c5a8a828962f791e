package io.sotto.recorder;

import java.util.Arrays;
import java.util.Random;

/**
 * One leg's RTP stream as the recorder sees it: random SSRC, timestamp and sequence bases
 * (RFC 3550 section 5.1), 20 ms packets of 160 G.711 samples.
 */
final class RtpLeg {
    static final int SAMPLES = 160;
    static final long PACKET_NANOS = 20 * RecorderFixture.MS;

    final int channel;
    final int payloadType;
    private final Random random;
    private int ssrc;
    private int timestampBase;
    private int sequenceBase;
    private int firstPacketOfSource;

    RtpLeg(int channel, int payloadType, Random random) {
        this.channel = channel;
        this.payloadType = payloadType;
        this.random = random;
        newSource(0);
    }

    /** From packet {@code k} on, a new source: new SSRC, new timestamp and sequence bases. */
    void newSource(int k) {
        ssrc = random.nextInt();
        timestampBase = random.nextInt();
        sequenceBase = random.nextInt(65536);
        firstPacketOfSource = k;
    }

    int ssrc() {
        return ssrc;
    }

    /** Timestamp of packet {@code k}, consistent with the sampling clock. */
    int timestamp(int k) {
        return timestampBase + SAMPLES * (k - firstPacketOfSource);
    }

    int sequence(int k) {
        return (sequenceBase + k - firstPacketOfSource) & 0xFFFF;
    }

    /** Packet {@code k}: its {@code bytes} at its timestamp, arriving at {@code arrivalNanos}. */
    void send(RecorderFixture fixture, long key, int k, long arrivalNanos, byte[] bytes) {
        fixture.audio(key, channel, arrivalNanos, timestamp(k), ssrc, sequence(k), payloadType, bytes);
    }

    /** Packet {@code k} with the RTP marker bit set, as the first after silence suppression (RFC 3551 4.1). */
    void sendMarked(RecorderFixture fixture, long key, int k, long arrivalNanos, byte[] bytes) {
        fixture.audio(key, channel, arrivalNanos, timestamp(k), ssrc, sequence(k), payloadType, true, bytes);
    }

    /** A packet of this source with the given timestamp and sequence number, whatever they are. */
    void sendRaw(RecorderFixture fixture, long key, int timestamp, int sequence, long arrivalNanos, byte[] bytes) {
        fixture.audio(key, channel, arrivalNanos, timestamp, ssrc, sequence, payloadType, bytes);
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[SAMPLES];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
