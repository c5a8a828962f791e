package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The overwrite, byte by byte: which payload bytes become which tone samples, and what stays as sent. */
class TonePlayerTest {
    private static final int SSRC = 0x0BAD_CAFE;
    private static final long MS = 1_000_000L;

    private final TonePlayer player = new TonePlayer();
    private final List<ByteBuf> buffers = new ArrayList<>();
    private long command = TonePlayer.NO_TONE;

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
    }

    @Test
    void writesTheToneOverConsecutivePacketsInTheirOwnLawKeepingTheHeader() {
        play(FeedbackTone.PAUSED);
        byte[] ulaw = FeedbackTone.PAUSED.encodedFor(FeedbackTone.PT_PCMU);

        ByteBuf first = packet(RtpPackets.PCMU, 7, 16_000);
        ByteBuf second = packet(RtpPackets.PCMU, 8, 16_160);
        assertThat(player.overwrite(command, first, 0, 160, 0)).isTrue();
        assertThat(player.overwrite(command, second, 0, 160, 20 * MS)).isTrue();

        assertThat(header(first)).isEqualTo(header(RtpPackets.rtp(RtpPackets.PCMU, 7, 16_000, SSRC, false, new byte[0])));
        assertThat(payload(first)).isEqualTo(Arrays.copyOfRange(ulaw, 0, 160));
        assertThat(payload(second)).isEqualTo(Arrays.copyOfRange(ulaw, 160, 320));
    }

    @Test
    void writesALawToAPcmaStream() {
        play(FeedbackTone.RESUMED);
        ByteBuf packet = packet(RtpPackets.PCMA, 1, 0);

        player.overwrite(command, packet, 0, 160, 0);

        assertThat(payload(packet)).isEqualTo(Arrays.copyOfRange(FeedbackTone.RESUMED.encodedFor(FeedbackTone.PT_PCMA), 0, 160));
    }

    @Test
    void placesSamplesByTimestampSoALostPacketLeavesItsPartOfTheToneOut() {
        play(FeedbackTone.REFUSED);
        byte[] ulaw = FeedbackTone.REFUSED.encodedFor(FeedbackTone.PT_PCMU);
        player.overwrite(command, packet(RtpPackets.PCMU, 1, 1000), 0, 160, 0);

        ByteBuf third = packet(RtpPackets.PCMU, 3, 1320);
        player.overwrite(command, third, 0, 160, 40 * MS);

        assertThat(payload(third)).isEqualTo(Arrays.copyOfRange(ulaw, 320, 480));
    }

    @Test
    void keepsTheFarEndsAudioAfterTheToneEndsMidPacket() {
        play(FeedbackTone.RESUMED);
        int samples = FeedbackTone.RESUMED.samples();
        player.overwrite(command, packet(RtpPackets.PCMU, 1, 0), 0, 160, 0);

        ByteBuf last = packet(RtpPackets.PCMU, 18, samples - 40);
        ByteBuf after = packet(RtpPackets.PCMU, 19, samples + 120);
        assertThat(player.overwrite(command, last, 0, 160, 340 * MS)).isTrue();
        assertThat(player.overwrite(command, after, 0, 160, 360 * MS)).isFalse();

        byte[] ulaw = FeedbackTone.RESUMED.encodedFor(FeedbackTone.PT_PCMU);
        assertThat(Arrays.copyOfRange(payload(last), 0, 40)).isEqualTo(Arrays.copyOfRange(ulaw, samples - 40, samples));
        assertThat(Arrays.copyOfRange(payload(last), 40, 160)).isEqualTo(Arrays.copyOfRange(RtpPackets.payload(160, 18), 40, 160));
        assertThat(payload(after)).isEqualTo(RtpPackets.payload(160, 19));
    }

    @Test
    void leavesTelephoneEventsAndComfortNoiseAsSent() {
        play(FeedbackTone.PAUSED);
        ByteBuf event = packet(101, 1, 0);
        ByteBuf comfortNoise = packet(13, 2, 160);

        assertThat(player.overwrite(command, event, 0, 160, 0)).isFalse();
        assertThat(player.overwrite(command, comfortNoise, 0, 160, 0)).isFalse();

        assertThat(payload(event)).isEqualTo(RtpPackets.payload(160, 1));
        assertThat(payload(comfortNoise)).isEqualTo(RtpPackets.payload(160, 2));
    }

    @Test
    void leavesEveryPacketAsSentWhenNoToneWasAsked() {
        ByteBuf packet = packet(RtpPackets.PCMU, 1, 0);

        assertThat(player.overwrite(command, packet, 0, 160, 0)).isFalse();

        assertThat(payload(packet)).isEqualTo(RtpPackets.payload(160, 1));
    }

    @Test
    void startsANewToneFromItsFirstSampleCuttingTheOneBefore() {
        play(FeedbackTone.PAUSED);
        player.overwrite(command, packet(RtpPackets.PCMU, 1, 0), 0, 160, 0);
        play(FeedbackTone.PAUSED);

        ByteBuf packet = packet(RtpPackets.PCMU, 2, 160);
        player.overwrite(command, packet, 0, 160, 20 * MS);

        assertThat(payload(packet)).isEqualTo(Arrays.copyOfRange(FeedbackTone.PAUSED.encodedFor(FeedbackTone.PT_PCMU), 0, 160));
    }

    @Test
    void dropsAToneItsPacketsCouldNotCarryInTime() {
        play(FeedbackTone.PAUSED);
        player.overwrite(command, packet(RtpPackets.PCMU, 1, 0), 0, 160, 0);

        ByteBuf late = packet(RtpPackets.PCMU, 2, 160);
        assertThat(player.overwrite(command, late, 0, 160, 2_000 * MS)).isFalse();

        assertThat(payload(late)).isEqualTo(RtpPackets.payload(160, 2));
    }

    @Test
    void writesOnlyThePayloadOfAPacketWithCsrcsExtensionAndPadding() {
        play(FeedbackTone.PAUSED);
        byte[] sent = RtpPackets.rtpWithCsrcExtensionAndPadding(RtpPackets.PCMU, 9, 720, SSRC, RtpPackets.payload(80, 5));
        ByteBuf packet = wrap(sent);

        player.overwrite(command, packet, 0, 80, 0);

        byte[] after = bytes(packet);
        assertThat(Arrays.copyOfRange(after, 0, 28)).isEqualTo(Arrays.copyOfRange(sent, 0, 28));
        assertThat(Arrays.copyOfRange(after, 28, 108))
                .isEqualTo(Arrays.copyOfRange(FeedbackTone.PAUSED.encodedFor(FeedbackTone.PT_PCMU), 0, 80));
        assertThat(Arrays.copyOfRange(after, 108, 112)).isEqualTo(Arrays.copyOfRange(sent, 108, 112));
    }

    private void play(FeedbackTone tone) {
        command = TonePlayer.command(command, tone);
    }

    private ByteBuf packet(int payloadType, int sequence, int timestamp) {
        return wrap(RtpPackets.rtp(payloadType, sequence, timestamp, SSRC, false, RtpPackets.payload(160, sequence)));
    }

    private ByteBuf wrap(byte[] datagram) {
        ByteBuf buffer = Unpooled.directBuffer(datagram.length).writeBytes(datagram);
        buffers.add(buffer);
        return buffer;
    }

    private static byte[] bytes(ByteBuf packet) {
        byte[] bytes = new byte[packet.readableBytes()];
        packet.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] header(ByteBuf packet) {
        return Arrays.copyOfRange(bytes(packet), 0, 12);
    }

    private static byte[] header(byte[] packet) {
        return Arrays.copyOfRange(packet, 0, 12);
    }

    private static byte[] payload(ByteBuf packet) {
        byte[] all = bytes(packet);
        return Arrays.copyOfRange(all, 12, all.length);
    }
}
