package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

class MediaSessionRelayTest {
    private RelayFixture fixture;
    private MediaSession session;
    private UdpPeer caller;
    private UdpPeer callee;

    @BeforeEach
    void openSession() throws Exception {
        fixture = new RelayFixture(21000, 21199);
        session = fixture.open();
        caller = fixture.peer("127.0.0.2");
        callee = fixture.peer("127.0.0.3");
        session.setCallerRemote(caller.address());
        RelayFixture.applied(session);
        session.setCalleeRemote(callee.address());
        RelayFixture.applied(session);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void shouldAnchorEachSideOnItsOwnEvenPortPair() {
        assertThat(session.callerFacingPort()).isBetween(21000, 21198).isEven();
        assertThat(session.calleeFacingPort()).isBetween(21000, 21198).isEven()
                .isNotEqualTo(session.callerFacingPort());
        assertThat(fixture.relay.portsInUse()).isEqualTo(4);
        assertThat(fixture.relay.sessionsOpen()).isEqualTo(1);
    }

    @Test
    void shouldRelayRtpBothWaysWithBytesUnchanged() {
        byte[] fromCaller = RtpPackets.pcmu(1);
        byte[] fromCallee = RtpPackets.rtp(RtpPackets.PCMA, 7, 1120, 0x0BAD_F00D, true,
                RtpPackets.payload(160, 99));

        caller.sendTo(session.callerFacingPort(), fromCaller);
        UdpPeer.Received atCallee = callee.receive();
        callee.sendTo(session.calleeFacingPort(), fromCallee);
        UdpPeer.Received atCaller = caller.receive();

        assertThat(atCallee.data()).isEqualTo(fromCaller);
        assertThat(atCallee.source().getPort()).isEqualTo(session.calleeFacingPort());
        assertThat(atCaller.data()).isEqualTo(fromCallee);
        assertThat(atCaller.source().getPort()).isEqualTo(session.callerFacingPort());
        Poll.until("both packets are counted as relayed", () -> fixture.relay.counters().relayed() == 2);
    }

    @Test
    void shouldRelayManyPacketsInOrderOnceLatched() {
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(0));
        callee.receive();
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(0));
        caller.receive();

        for (int sequence = 1; sequence <= 50; sequence++) {
            caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(sequence));
            callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(1000 + sequence));
            assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(sequence));
            assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(1000 + sequence));
        }
    }

    @Test
    void shouldRelayRtcpBothWaysBetweenThePortsAbove() throws Exception {
        try (UdpPeer callerRtcp = new UdpPeer("127.0.0.2", caller.port() + 1);
             UdpPeer calleeRtcp = new UdpPeer("127.0.0.3", callee.port() + 1)) {
            byte[] report = RtpPackets.rtcpReceiverReport(0x1111);
            byte[] answer = RtpPackets.rtcpReceiverReport(0x2222);

            callerRtcp.sendTo(session.callerFacingPort() + 1, report);
            UdpPeer.Received atCallee = calleeRtcp.receive();
            calleeRtcp.sendTo(session.calleeFacingPort() + 1, answer);
            UdpPeer.Received atCaller = callerRtcp.receive();

            assertThat(atCallee.data()).isEqualTo(report);
            assertThat(atCallee.source().getPort()).isEqualTo(session.calleeFacingPort() + 1);
            assertThat(atCaller.data()).isEqualTo(answer);
            assertThat(atCaller.source().getPort()).isEqualTo(session.callerFacingPort() + 1);
        }
    }

    @Test
    void shouldRelayRtcpMultiplexedOnTheRtpPort() {
        byte[] report = RtpPackets.rtcpReceiverReport(0x3333);

        caller.sendTo(session.callerFacingPort(), report);

        assertThat(callee.receive().data()).isEqualTo(report);
    }

    @Test
    void shouldDropAndCountWhenTheOtherSideHasNoAddressYet() {
        session.setCalleeRemote(null);
        RelayFixture.applied(session);

        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));

        Poll.until("the packet is dropped for want of a destination",
                () -> fixture.relay.counters().droppedNoDestination() == 1);
        assertThat(fixture.relay.counters().relayed()).isZero();
    }

    @Test
    void shouldNotSendToSideOnHoldButKeepRelayingWhatItSends() {
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(1));
        caller.receive();

        session.setCalleeRemote(new java.net.InetSocketAddress("0.0.0.0", callee.port()));
        RelayFixture.applied(session);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));
        Poll.until("the packet to the held side is dropped",
                () -> fixture.relay.counters().droppedNoDestination() == 1);
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(3));

        assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(3));
    }

    @Test
    void shouldKeepCountsOfClosedSessions() throws Exception {
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();
        Poll.until("the packet is counted", () -> fixture.relay.counters().relayed() == 1);

        session.close();

        assertThat(fixture.relay.counters().relayed()).isEqualTo(1);
        assertThat(fixture.relay.sessionsOpen()).isZero();
    }
}
