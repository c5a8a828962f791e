package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import io.netty.util.ResourceLeakDetector;

import org.junit.jupiter.api.Test;

import io.sotto.fork.ForkDescriptor;

/**
 * Measures what an event loop thread allocates while relaying and forking latched RTP, using the
 * JVM's per-thread allocation counter. Leak detection is switched off for the measurement because
 * its tracking records are allocations of their own.
 */
class RelayAllocationTest {
    private static final int WARM_UP_PACKETS = 20_000;
    private static final int MEASURED_PACKETS = 10_000;
    /**
     * Netty 4.1's epoll transport wraps every read, connected or not, in a DatagramPacket envelope
     * (24 bytes with compressed oops). Any other object per packet would add at least 16 bytes, the
     * smallest object, so the bound leaves room only for rare allocations (pool growth).
     */
    private static final double MAX_BYTES_PER_PACKET = 24 + 8;

    @Test
    void shouldAllocateNothingPerPacketButNettysReadEnvelopeOnceLatched() throws Exception {
        assertThat(MediaTransport.preferred()).isEqualTo(MediaTransport.EPOLL);
        ResourceLeakDetector.Level leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try (RelayFixture fixture = new RelayFixture(23100, 23199)) {
            MediaSession session = fixture.open();
            UdpPeer caller = fixture.peer("127.0.0.2");
            UdpPeer callee = fixture.peer("127.0.0.3");
            session.setCallerRemote(caller.address());
            session.setCalleeRemote(callee.address());
            session.startFork(1);
            session.hideControlCodes(ForkDescriptor.CHANNEL_CALLER, ControlCodes.of(3_000_000_000L, "#11#"));
            callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(0));
            caller.receive();
            long loopThread = session.loop().submit(() -> Thread.currentThread().getId()).get();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

            relay(fixture, session, caller, callee, WARM_UP_PACKETS);
            long before = threads.getThreadAllocatedBytes(loopThread);
            relay(fixture, session, caller, callee, MEASURED_PACKETS);
            long allocated = threads.getThreadAllocatedBytes(loopThread) - before;

            assertThat((double) allocated / MEASURED_PACKETS).isLessThan(MAX_BYTES_PER_PACKET);
            assertThat(fixture.relay.counters().forkDropped()).isZero();
        } finally {
            ResourceLeakDetector.setLevel(leakDetection);
        }
    }

    private static void relay(RelayFixture fixture, MediaSession session, UdpPeer caller, UdpPeer callee,
                              int packets) {
        byte[] packet = RtpPackets.pcmu(1);
        for (int i = 0; i < packets; i++) {
            if (i % 100 == 0) {
                // a feedback tone overwriting what the callee hears allocates nothing either
                session.playTone(ForkDescriptor.CHANNEL_CALLEE, FeedbackTone.PAUSED);
            }
            caller.sendTo(session.callerFacingPort(), packet);
            callee.receive();
            fixture.ring.read((msgTypeId, buffer, index, length) -> { });
        }
    }
}
