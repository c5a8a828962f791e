package io.sotto.media.rtp;

import static io.sotto.media.rtp.RtpDescriptorTest.at;
import static io.sotto.media.rtp.RtpDescriptorTest.bytes;
import static io.sotto.media.rtp.RtpDescriptorTest.with;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtcpDescriptorTest {
    private static final int AT = 5;
    /** A receiver report with no blocks, then a BYE: a compound packet of 16 bytes. */
    private static final byte[] RR_BYE = bytes(
            0x80, 201, 0, 1, 0x12, 0x34, 0x56, 0x78,
            0x81, 203, 0, 1, 0x12, 0x34, 0x56, 0x78);

    @Test
    void shouldReadTheFirstPacketsHeader() {
        assertThat(RtcpDescriptor.version(at(RR_BYE), AT)).isEqualTo(2);
        assertThat(RtcpDescriptor.packetType(at(RR_BYE), AT)).isEqualTo(201);
        assertThat(RtcpDescriptor.firstPacketLength(at(RR_BYE), AT)).isEqualTo(8);
        assertThat(RtcpDescriptor.ssrc(at(RR_BYE), AT)).isEqualTo(0x1234_5678);
    }

    @Test
    void shouldAcceptCompoundAndReducedSizeRtcp() {
        byte[] pictureLossIndication = bytes(0x81, 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2);

        assertThat(RtcpDescriptor.isValid(at(RR_BYE), AT, RR_BYE.length)).isTrue();
        assertThat(RtcpDescriptor.isValid(at(pictureLossIndication), AT, pictureLossIndication.length)).isTrue();
    }

    @Test
    void shouldRejectWhatRfc3550AppendixA2Rejects() {
        assertThat(RtcpDescriptor.isValid(at(RR_BYE), AT, 7)).isFalse();
        assertThat(RtcpDescriptor.isValid(at(with(RR_BYE, 0, 0x40)), AT, RR_BYE.length)).isFalse();
        assertThat(RtcpDescriptor.isValid(at(with(RR_BYE, 1, 96)), AT, RR_BYE.length)).isFalse();
        assertThat(RtcpDescriptor.isValid(at(with(RR_BYE, 3, 4)), AT, RR_BYE.length)).isFalse();
    }
}
