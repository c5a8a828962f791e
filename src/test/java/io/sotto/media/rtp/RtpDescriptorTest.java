package io.sotto.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class RtpDescriptorTest {
    /** Where the packet starts inside the buffer, so accessors are checked to honour the index. */
    private static final int AT = 5;

    private static final byte[] PLAIN = bytes(
            0x80, 0x80 | 8, 0xFF, 0xFE, 0xDE, 0xAD, 0xBE, 0xEF, 0xCA, 0xFE, 0xBA, 0xBE,
            1, 2, 3, 4);

    /** CC=2, X, P: 12 header + 8 CSRC + 4 extension header + 4 extension + 3 payload + 2 padding. */
    private static final byte[] FULL = bytes(
            0x80 | 0x20 | 0x10 | 2, 0, 0, 1, 0, 0, 0, 160, 0, 0, 0, 7,
            0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
            0xBE, 0xDE, 0, 1, 9, 9, 9, 9,
            0xA1, 0xA2, 0xA3,
            0, 2);

    @Test
    void shouldReadTheFixedHeaderFields() {
        ByteBuf packet = at(PLAIN);

        assertThat(RtpDescriptor.version(packet, AT)).isEqualTo(2);
        assertThat(RtpDescriptor.padding(packet, AT)).isFalse();
        assertThat(RtpDescriptor.extension(packet, AT)).isFalse();
        assertThat(RtpDescriptor.csrcCount(packet, AT)).isZero();
        assertThat(RtpDescriptor.marker(packet, AT)).isTrue();
        assertThat(RtpDescriptor.payloadType(packet, AT)).isEqualTo(8);
        assertThat(RtpDescriptor.sequenceNumber(packet, AT)).isEqualTo(0xFFFE);
        assertThat(RtpDescriptor.timestamp(packet, AT)).isEqualTo(0xDEAD_BEEF);
        assertThat(RtpDescriptor.ssrc(packet, AT)).isEqualTo(0xCAFE_BABE);
        assertThat(RtpDescriptor.payloadOffset(packet, AT)).isEqualTo(12);
        assertThat(RtpDescriptor.payloadLength(packet, AT, PLAIN.length)).isEqualTo(4);
    }

    @Test
    void shouldSkipCsrcsAndExtensionAndLeaveOutPadding() {
        ByteBuf packet = at(FULL);

        assertThat(RtpDescriptor.csrcCount(packet, AT)).isEqualTo(2);
        assertThat(RtpDescriptor.extension(packet, AT)).isTrue();
        assertThat(RtpDescriptor.padding(packet, AT)).isTrue();
        assertThat(RtpDescriptor.payloadOffset(packet, AT)).isEqualTo(28);
        assertThat(RtpDescriptor.payloadLength(packet, AT, FULL.length)).isEqualTo(3);
    }

    @Test
    void shouldReadTheSameFieldsFromAnAgronaBuffer() {
        UnsafeBuffer packet = new UnsafeBuffer(new byte[AT + FULL.length]);
        packet.putBytes(AT, FULL);
        UnsafeBuffer plain = new UnsafeBuffer(new byte[AT + PLAIN.length]);
        plain.putBytes(AT, PLAIN);

        assertThat(RtpDescriptor.payloadOffset(packet, AT)).isEqualTo(28);
        assertThat(RtpDescriptor.payloadLength(packet, AT, FULL.length)).isEqualTo(3);
        assertThat(RtpDescriptor.csrcCount(packet, AT)).isEqualTo(2);
        assertThat(RtpDescriptor.extension(packet, AT)).isTrue();
        assertThat(RtpDescriptor.padding(packet, AT)).isTrue();
        assertThat(RtpDescriptor.version(plain, AT)).isEqualTo(2);
        assertThat(RtpDescriptor.marker(plain, AT)).isTrue();
        assertThat(RtpDescriptor.payloadType(plain, AT)).isEqualTo(8);
        assertThat(RtpDescriptor.sequenceNumber(plain, AT)).isEqualTo(0xFFFE);
        assertThat(RtpDescriptor.timestamp(plain, AT)).isEqualTo(0xDEAD_BEEF);
        assertThat(RtpDescriptor.ssrc(plain, AT)).isEqualTo(0xCAFE_BABE);
        assertThat(RtpDescriptor.isRtcp(plain, AT, PLAIN.length)).isFalse();
        assertThat(RtpDescriptor.payloadLength(plain, AT, 11)).isEqualTo(RtpDescriptor.INVALID);
    }

    @Test
    void shouldRejectWhatRfc3550AppendixA1Rejects() {
        assertInvalid(bytes(0x80, 0, 0, 1, 0));
        assertInvalid(with(PLAIN, 0, 0x40));
        assertInvalid(with(PLAIN, 0, 0xC0));
        assertInvalid(with(PLAIN, 0, 0x80 | 2));
        assertInvalid(with(with(PLAIN, 0, 0x80 | 0x20), PLAIN.length - 1, 0));
        assertInvalid(with(with(PLAIN, 0, 0x80 | 0x20), PLAIN.length - 1, 5));
        assertInvalid(with(PLAIN, 0, 0x80 | 0x10));
        assertInvalid(with(FULL, 23, 9));
    }

    @Test
    void shouldAcceptAPacketThatIsAllPadding() {
        byte[] paddingOnly = with(with(PLAIN, 0, 0x80 | 0x20), PLAIN.length - 1, 4);

        assertThat(RtpDescriptor.payloadLength(at(paddingOnly), AT, paddingOnly.length)).isZero();
    }

    @Test
    void shouldTellRtcpOnTheRtpPortByItsPacketType() {
        assertThat(RtpDescriptor.isRtcp(at(bytes(0x80, 200, 0, 6)), AT, 4)).isTrue();
        assertThat(RtpDescriptor.isRtcp(at(bytes(0x81, 201, 0, 7)), AT, 4)).isTrue();
        assertThat(RtpDescriptor.isRtcp(at(bytes(0x81, 206, 0, 7)), AT, 4)).isTrue();
        assertThat(RtpDescriptor.isRtcp(at(bytes(0x80, 0x80 | 63, 0, 1)), AT, 4)).isFalse();
        assertThat(RtpDescriptor.isRtcp(at(bytes(0x80, 0x80 | 96, 0, 1)), AT, 4)).isFalse();
        assertThat(RtpDescriptor.isRtcp(at(bytes(0x80)), AT, 1)).isFalse();
    }

    private static void assertInvalid(byte[] packet) {
        assertThat(RtpDescriptor.payloadLength(at(packet), AT, packet.length)).isEqualTo(RtpDescriptor.INVALID);
        UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(AT + packet.length));
        direct.putBytes(AT, packet);
        assertThat(RtpDescriptor.payloadLength(direct, AT, packet.length)).isEqualTo(RtpDescriptor.INVALID);
    }

    static ByteBuf at(byte[] packet) {
        byte[] padded = new byte[AT + packet.length];
        System.arraycopy(packet, 0, padded, AT, packet.length);
        return Unpooled.wrappedBuffer(padded);
    }

    static byte[] with(byte[] packet, int index, int value) {
        byte[] copy = packet.clone();
        copy[index] = (byte) value;
        return copy;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
