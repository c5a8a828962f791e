package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

/**
 * Drives every way a buffer leaves the relay (relayed, forked, dropped as malformed, foreign or
 * undeliverable, in flight when a session closes) and asserts Netty reports no leak.
 */
class BufferLeakTest {

    @Test
    void shouldReleaseEveryBufferOnEveryPath() throws Exception {
        try (NettyLeaks leaks = new NettyLeaks()) {
            try (RelayFixture fixture = new RelayFixture(23300, 23399)) {
                MediaSession session = fixture.open();
                UdpPeer caller = fixture.peer("127.0.0.2");
                UdpPeer callee = fixture.peer("127.0.0.3");
                UdpPeer intruder = fixture.peer("127.0.0.4");
                session.setCallerRemote(caller.address());
                RelayFixture.applied(session);
                session.startFork(3);

                intruder.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
                caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));
                caller.sendTo(session.callerFacingPort(), new byte[] {1, 2, 3, 4, 5});
                Poll.until("no destination, foreign and malformed drops", () -> {
                    MediaCounters counters = fixture.relay.counters();
                    return counters.droppedNoDestination() == 1 && counters.droppedForeignSource() == 1
                            && counters.droppedMalformed() == 1;
                });
                session.setCalleeRemote(callee.address());
                RelayFixture.applied(session);
                for (int sequence = 0; sequence < 2_000; sequence++) {
                    caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(sequence));
                    callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(sequence));
                }
                Poll.until("the ring filled up and forks were dropped",
                        () -> fixture.relay.counters().forkDropped() > 0);
                session.setCalleeRemote(new InetSocketAddress("127.0.0.3", 9));
                RelayFixture.applied(session);
                for (int sequence = 0; sequence < 100; sequence++) {
                    caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(sequence));
                }
                session.close();
                fixture.open();
            }

            assertThat(leaks.reportedAfterCanary()).isEmpty();
        }
    }
}
