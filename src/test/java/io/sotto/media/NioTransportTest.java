package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

/** The fallback for hosts where native epoll cannot load relays and latches the same way. */
class NioTransportTest {

    @Test
    void shouldRelayAndLatchOverNio() throws Exception {
        try (RelayFixture fixture = new RelayFixture(23200, 23299, MediaTransport.NIO)) {
            MediaSession session = fixture.open();
            UdpPeer caller = fixture.peer("127.0.0.2");
            UdpPeer callee = fixture.peer("127.0.0.3");
            UdpPeer intruder = fixture.peer("127.0.0.4");
            int portBehindNat = caller.port() == 40000 ? 40002 : 40000;
            session.setCallerRemote(new InetSocketAddress("127.0.0.2", portBehindNat));
            RelayFixture.applied(session);
            session.setCalleeRemote(callee.address());
            RelayFixture.applied(session);

            caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
            assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(1));
            callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(2));
            assertThat(caller.receive().data()).isEqualTo(RtpPackets.pcmu(2));
            intruder.sendTo(session.callerFacingPort(), RtpPackets.pcmu(666));
            caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(3));

            assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(3));
            UdpPeer movedCaller = fixture.peer("127.0.0.5");
            session.setCallerRemote(movedCaller.address());
            RelayFixture.applied(session);
            movedCaller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(4));
            assertThat(callee.receive().data()).isEqualTo(RtpPackets.pcmu(4));
            callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(5));
            assertThat(movedCaller.receive().data()).isEqualTo(RtpPackets.pcmu(5));

            session.close();
            Poll.until("every port is unbound", () -> fixture.relay.portsInUse() == 0);
        }
    }
}
