package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

class SymmetricRtpLatchTest {
    private RelayFixture fixture;
    private MediaSession session;
    private UdpPeer caller;
    private UdpPeer callee;

    @BeforeEach
    void openSession() throws Exception {
        fixture = new RelayFixture(21200, 21399);
        session = fixture.open();
        caller = fixture.peer("127.0.0.2");
        callee = fixture.peer("127.0.0.3");
        session.setCalleeRemote(callee.address());
        RelayFixture.applied(session);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void shouldLatchOnFirstPacketFromExpectedPeerEvenFromAnotherPortThanSdp() {
        int portBehindNat = caller.port() == 40000 ? 40002 : 40000;
        session.setCallerRemote(new InetSocketAddress("127.0.0.2", portBehindNat));
        RelayFixture.applied(session);

        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(1));
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(2));

        assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(2));
    }

    @Test
    void shouldDropAndCountPacketsFromForeignIpBeforeLatch() {
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);
        UdpPeer intruder = fixture.peer("127.0.0.4");

        intruder.sendTo(session.callerFacingPort(), RtpPackets.pcmu(666));
        Poll.until("the foreign packet is counted", () -> fixture.relay.counters().droppedForeignSource() == 1);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));

        assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(1));
        assertThat(fixture.relay.counters().relayed()).isEqualTo(1);
    }

    @Test
    void shouldNeverRelayForeignPacketsAfterLatch() {
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();
        UdpPeer sameIpOtherPort = fixture.peer("127.0.0.2");
        UdpPeer otherIp = fixture.peer("127.0.0.4");

        sameIpOtherPort.sendTo(session.callerFacingPort(), RtpPackets.pcmu(666));
        otherIp.sendTo(session.callerFacingPort(), RtpPackets.pcmu(667));
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));

        assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(2));
        assertThat(fixture.relay.counters().relayed()).isEqualTo(2);
    }

    @Test
    void shouldSendToSdpAddressUntilThePeerHasSentAnything() {
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);

        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(1));

        assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(1));
    }

    @Test
    void shouldRelatchWhenReInviteMovesTheRemoteToAnotherAddress() {
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();
        UdpPeer movedCaller = fixture.peer("127.0.0.5");

        session.setCallerRemote(movedCaller.address());
        RelayFixture.applied(session);
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(2));
        assertThat(movedCaller.receive().data()).isEqualTo(RtpPackets.pcmu(2));
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(666));
        movedCaller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(3));

        assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(3));
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(4));
        assertThat(movedCaller.receive().data()).isEqualTo(RtpPackets.pcmu(4));
    }

    @Test
    void shouldRelatchWhenReInviteMovesTheRemoteToAnotherPortOfTheSameIp() {
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();
        UdpPeer newPort = fixture.peer("127.0.0.2");

        session.setCallerRemote(newPort.address());
        RelayFixture.applied(session);
        newPort.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));
        assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(2));
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(3));

        assertThat(newPort.receive().data()).isEqualTo(RtpPackets.pcmu(3));
    }

    @Test
    void shouldKeepTheLatchWhenTheSameAddressIsSetAgain() {
        int portBehindNat = caller.port() == 40000 ? 40002 : 40000;
        InetSocketAddress sdp = new InetSocketAddress("127.0.0.2", portBehindNat);
        session.setCallerRemote(sdp);
        RelayFixture.applied(session);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();

        session.setCallerRemote(new InetSocketAddress("127.0.0.2", portBehindNat));
        RelayFixture.applied(session);
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(2));

        assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(2));
    }

    @Test
    void shouldKeepRelayingAfterThePeerPortWasUnreachable() {
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(1));
        caller.receive();
        InetSocketAddress calleeAddress = callee.address();
        callee.close();

        Poll.until("the ICMP port unreachable from the closed callee is counted", () -> {
            caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));
            return fixture.relay.counters().errors() > 0;
        });
        try (UdpPeer calleeBack = new UdpPeer("127.0.0.3", calleeAddress.getPort())) {
            caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(3));
            assertThat(receiveSkippingProbes(calleeBack)).isEqualTo(RtpPackets.pcmu(3));
        }
    }

    /** Probes sent while polling for the error may still be on their way; they come first. */
    private static byte[] receiveSkippingProbes(UdpPeer peer) {
        byte[] probe = RtpPackets.pcmu(2);
        for (int received = 0; received < 1_000; received++) {
            byte[] data = peer.receive().data();
            if (!Arrays.equals(data, probe)) {
                return data;
            }
        }
        throw new AssertionError("only probes received");
    }
}
