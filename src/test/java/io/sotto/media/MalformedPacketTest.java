package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

class MalformedPacketTest {
    private RelayFixture fixture;
    private MediaSession session;
    private UdpPeer caller;
    private UdpPeer callee;

    @BeforeEach
    void openSession() throws Exception {
        fixture = new RelayFixture(21600, 21799);
        session = fixture.open();
        caller = fixture.peer("127.0.0.2");
        callee = fixture.peer("127.0.0.3");
        session.setCallerRemote(caller.address());
        session.setCalleeRemote(callee.address());
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void shouldDropAndCountMalformedRtpAndKeepRelaying() {
        byte[] versionOne = RtpPackets.pcmu(1);
        versionOne[0] = 0x40;
        byte[] padCountBeyondPayload = RtpPackets.pcmu(2);
        padCountBeyondPayload[0] |= 0x20;
        padCountBeyondPayload[padCountBeyondPayload.length - 1] = (byte) 200;
        byte[] csrcsBeyondPacket = RtpPackets.rtp(RtpPackets.PCMU, 3, 480, 1, false, new byte[4]);
        csrcsBeyondPacket[0] |= 0x0F;

        caller.sendTo(session.callerFacingPort(), new byte[] {(byte) 0x80, 0, 0, 1, 0});
        caller.sendTo(session.callerFacingPort(), versionOne);
        caller.sendTo(session.callerFacingPort(), padCountBeyondPayload);
        caller.sendTo(session.callerFacingPort(), csrcsBeyondPacket);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(4));

        assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(4));
        Poll.until("four malformed packets are counted", () -> fixture.relay.counters().droppedMalformed() == 4);
        assertThat(fixture.relay.counters().relayed()).isEqualTo(1);
    }

    @Test
    void shouldNotLatchOnAMalformedPacketFromTheExpectedIp() {
        UdpPeer sameIpOtherPort = fixture.peer("127.0.0.2");
        byte[] versionOne = RtpPackets.pcmu(1);
        versionOne[0] = 0x40;

        sameIpOtherPort.sendTo(session.callerFacingPort(), versionOne);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));
        callee.receive();
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(3));

        assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(3));
    }

    @Test
    void shouldDropAndCountMalformedRtcpAndKeepRelaying() throws Exception {
        try (UdpPeer callerRtcp = new UdpPeer("127.0.0.2", caller.port() + 1);
             UdpPeer calleeRtcp = new UdpPeer("127.0.0.3", callee.port() + 1)) {
            byte[] lengthBeyondPacket = RtpPackets.rtcpReceiverReport(1);
            lengthBeyondPacket[3] = 9;

            callerRtcp.sendTo(session.callerFacingPort() + 1, new byte[] {(byte) 0x80, (byte) 201, 0, 1});
            callerRtcp.sendTo(session.callerFacingPort() + 1, lengthBeyondPacket);
            callerRtcp.sendTo(session.callerFacingPort() + 1, RtpPackets.pcmu(1));
            callerRtcp.sendTo(session.callerFacingPort() + 1, RtpPackets.rtcpReceiverReport(2));

            assertThat(calleeRtcp.receive().data()).isEqualTo(RtpPackets.rtcpReceiverReport(2));
            Poll.until("three malformed RTCP packets are counted",
                    () -> fixture.relay.counters().droppedMalformed() == 3);
        }
    }
}
