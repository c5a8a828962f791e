package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class TelephoneEventDetectorTest {
    private static final int PT = 101;
    private static final int AUDIO_SSRC = 0x1111;
    private static final int EVENT_SSRC = 0x2222;

    private final List<String> reported = new ArrayList<>();
    private final DtmfListener listener = (side, digit, nanos) -> reported.add(side + ":" + digit);
    private final TelephoneEventDetector detector = new TelephoneEventDetector(1);
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
    }

    @Test
    void reportsAKeyPressOnceAtItsFirstEndPacket() {
        press(AUDIO_SSRC, 1000, 11, 3);

        assertThat(reported).containsExactly("1:#");
    }

    @Test
    void reportsTwoPressesOfTheSameKeyTwice() {
        press(AUDIO_SSRC, 1000, 1, 3);
        press(AUDIO_SSRC, 3000, 1, 3);

        assertThat(reported).containsExactly("1:1", "1:1");
    }

    @Test
    void reportsAPressReplayedWithTheSameSsrcAndTimestampAgain() {
        // SIPp's dtmf_2833_1.pcap played twice for the 11 of #11#: the same packets both times
        press(EVENT_SSRC, 13280, 1, 3);
        press(EVENT_SSRC, 13280, 1, 3);

        assertThat(reported).containsExactly("1:1", "1:1");
    }

    @Test
    void takesALateMidEventPacketAfterTheEndForNoNewPress() {
        press(AUDIO_SSRC, 1000, 1, 3);
        inspect(event(AUDIO_SSRC, 1000, 1, false, 480, false));
        inspect(event(AUDIO_SSRC, 1000, 1, true, 800, false));

        assertThat(reported).containsExactly("1:1");
    }

    @Test
    void readsEventsSentFromAnotherSsrcThanTheAudio() {
        inspect(audio(AUDIO_SSRC, 500));
        press(EVENT_SSRC, 1000, 11, 3);
        inspect(audio(AUDIO_SSRC, 660));
        press(EVENT_SSRC, 2000, 12, 3);

        assertThat(reported).containsExactly("1:#", "1:A");
    }

    @Test
    void reportsAPressWhoseEndPacketsWereLostWhenTheNextOneStarts() {
        press(AUDIO_SSRC, 1000, 5, 0);
        press(AUDIO_SSRC, 2000, 6, 3);

        assertThat(reported).containsExactly("1:5", "1:6");
    }

    @Test
    void ignoresOtherPayloadTypesShortPayloadsAndNonDigitEvents() {
        ByteBuf otherType = rtp(AUDIO_SSRC, 1000, 96, false, new byte[] {11, (byte) 0x8A, 0, (byte) 160});
        ByteBuf tooShort = rtp(AUDIO_SSRC, 1000, PT, false, new byte[] {11, (byte) 0x8A});
        ByteBuf flash = rtp(AUDIO_SSRC, 3000, PT, false, new byte[] {16, (byte) 0x8A, 0, (byte) 160});

        inspect(otherType);
        inspect(tooShort);
        inspect(flash);

        assertThat(reported).isEmpty();
    }

    @Test
    void readsNothingWithoutANegotiatedPayloadTypeOrAListener() {
        ByteBuf end = event(AUDIO_SSRC, 1000, 11, true, 800, false);

        detector.inspect(end, 0, end.readableBytes() - 12, -1, listener, 0);
        detector.inspect(end, 0, end.readableBytes() - 12, PT, null, 0);

        assertThat(reported).isEmpty();
    }

    @Test
    void tellsWhichPacketsStartAPressEvenWithoutAListener() {
        List<Boolean> starts = new ArrayList<>();
        for (ByteBuf packet : List.of(event(AUDIO_SSRC, 1000, 11, false, 0, true), event(AUDIO_SSRC, 1000, 11, false, 160, false),
                event(AUDIO_SSRC, 1000, 11, true, 320, false), event(AUDIO_SSRC, 1000, 11, true, 320, false),
                event(AUDIO_SSRC, 1000, 11, false, 0, true), audio(AUDIO_SSRC, 1160), event(AUDIO_SSRC, 2000, 1, false, 0, false))) {
            starts.add(detector.inspect(packet, 0, packet.readableBytes() - 12, PT, null, 0));
        }

        assertThat(starts).as("start, update, end, end copy, same key pressed again, audio, next key (marker lost)")
                .containsExactly(true, false, false, false, true, false, true);
    }

    /** One key press as RFC 4733 sends it: a marked first packet, updates, then the end packet and its copies. */
    private void press(int ssrc, int timestamp, int event, int endPackets) {
        for (int i = 0; i < 5; i++) {
            inspect(event(ssrc, timestamp, event, false, i * 160, i == 0));
        }
        for (int i = 0; i < endPackets; i++) {
            inspect(event(ssrc, timestamp, event, true, 800, false));
        }
    }

    private void inspect(ByteBuf packet) {
        detector.inspect(packet, 0, packet.readableBytes() - 12, PT, listener, System.nanoTime());
    }

    private ByteBuf event(int ssrc, int timestamp, int event, boolean end, int duration, boolean marker) {
        return rtp(ssrc, timestamp, PT, marker, new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10),
                (byte) (duration >> 8), (byte) duration});
    }

    private ByteBuf audio(int ssrc, int timestamp) {
        return rtp(ssrc, timestamp, 0, false, new byte[160]);
    }

    private ByteBuf rtp(int ssrc, int timestamp, int payloadType, boolean marker, byte[] payload) {
        ByteBuf packet = Unpooled.buffer(12 + payload.length);
        packet.writeByte(0x80).writeByte((marker ? 0x80 : 0) | payloadType).writeShort(1).writeInt(timestamp)
                .writeInt(ssrc).writeBytes(payload);
        buffers.add(packet);
        return packet;
    }
}
