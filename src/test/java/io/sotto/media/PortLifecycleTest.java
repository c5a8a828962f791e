package io.sotto.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sotto.testkit.Poll;

class PortLifecycleTest {

    @Test
    void shouldFreeAllPortsOnClose() throws Exception {
        try (RelayFixture fixture = new RelayFixture(21800, 21899)) {
            MediaSession first = fixture.open();
            MediaSession second = fixture.open();
            List<Integer> ports = portsOf(first, second);
            assertThat(fixture.relay.portsInUse()).isEqualTo(8);
            assertThat(ports).noneMatch(FreePorts::canBind);

            first.close();
            second.close();
            second.close();

            assertThat(fixture.relay.sessionsOpen()).isZero();
            Poll.until("every port is unbound", () -> fixture.relay.portsInUse() == 0);
            assertThat(fixture.relay.pairsAllocated()).isZero();
            assertThat(ports).allMatch(FreePorts::canBind);
        }
    }

    @Test
    void shouldFreeThePortsOfASessionClosedWhilePacketsFlow() throws Exception {
        try (RelayFixture fixture = new RelayFixture(21900, 21999)) {
            MediaSession session = fixture.open();
            UdpPeer caller = fixture.peer("127.0.0.2");
            UdpPeer callee = fixture.peer("127.0.0.3");
            session.setCallerRemote(caller.address());
            session.setCalleeRemote(callee.address());
            session.startFork(7);
            AtomicBoolean flowing = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread sender = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (flowing.get() && System.nanoTime() < deadline) {
                    int sequence = sent.incrementAndGet();
                    caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(sequence));
                    callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(sequence));
                }
            }, "test-rtp-sender");
            sender.start();
            try {
                Poll.until("packets flow both ways", () -> fixture.relay.counters().relayed() > 200);
                List<Integer> ports = portsOf(session);

                session.close();

                Poll.until("every port is unbound", () -> fixture.relay.portsInUse() == 0);
                assertThat(ports).allMatch(FreePorts::canBind);
            } finally {
                flowing.set(false);
                sender.join(TimeUnit.SECONDS.toMillis(15));
            }
            assertThat(sender.isAlive()).isFalse();
            assertThat(fixture.relay.counters().forked()).isPositive();
        }
    }

    @Test
    void shouldFailWithAClearMessageWhenTheRangeIsExhausted() throws Exception {
        int first = FreePorts.block(8, 22000, 22999);
        try (RelayFixture fixture = new RelayFixture(first, first + 7)) {
            fixture.open();
            fixture.open();

            assertThatThrownBy(fixture::open)
                    .isInstanceOf(MediaException.class)
                    .hasMessage("no free RTP ports in " + first + "-" + (first + 7));
            assertThat(fixture.relay.portsInUse()).isEqualTo(8);
            assertThat(fixture.relay.sessionsOpen()).isEqualTo(2);
        }
    }

    @Test
    void shouldGiveBackTheCallerPairWhenNoPairIsLeftForTheCallee() throws Exception {
        int first = FreePorts.block(6, 22000, 22999);
        try (RelayFixture fixture = new RelayFixture(first, first + 5)) {
            fixture.open();

            assertThatThrownBy(fixture::open).isInstanceOf(MediaException.class);
            Poll.until("the caller pair is unbound", () -> fixture.relay.portsInUse() == 4);
            Poll.until("the caller pair is given back", () -> fixture.relay.pairsAllocated() == 2);
        }
    }

    @Test
    void shouldSkipPortsAnotherProcessHolds() throws Exception {
        int first = FreePorts.block(6, 22000, 22999);
        try (RelayFixture fixture = new RelayFixture(first, first + 5);
             UdpPeer squatter = new UdpPeer(UdpPeer.SOTTO_IP, first + 1)) {
            MediaSession session = fixture.open();

            assertThat(portsOf(session)).doesNotContain(first, first + 1);
            assertThat(fixture.relay.portsInUse()).isEqualTo(4);
            session.close();
            Poll.until("the pair is given back", () -> fixture.relay.pairsAllocated() == 0);
        }
    }

    @Test
    void shouldCloseEverySessionWhenTheRelayCloses() throws Exception {
        RelayFixture fixture = new RelayFixture(23000, 23099);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.addAll(portsOf(fixture.open()));
        }

        fixture.close();

        assertThat(fixture.relay.portsInUse()).isZero();
        assertThat(fixture.relay.sessionsOpen()).isZero();
        assertThat(ports).allMatch(FreePorts::canBind);
        assertThatThrownBy(fixture::open).isInstanceOf(MediaException.class).hasMessage("media relay is closed");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldLeaveNoPortInUseAfterAThousandConcurrentSessions() throws Exception {
        try (RelayFixture fixture = new RelayFixture(24000, 28999)) {
            List<MediaSession> sessions = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sessions.add(fixture.open());
            }
            assertThat(fixture.relay.sessionsOpen()).isEqualTo(1000);
            assertThat(fixture.relay.portsInUse()).isEqualTo(4000);

            for (MediaSession session : sessions) {
                session.close();
            }

            assertThat(fixture.relay.sessionsOpen()).isZero();
            Poll.until("every port is unbound", () -> fixture.relay.portsInUse() == 0);
            assertThat(fixture.relay.pairsAllocated()).isZero();
        }
    }

    private static List<Integer> portsOf(MediaSession... sessions) {
        List<Integer> ports = new ArrayList<>();
        for (MediaSession session : sessions) {
            for (int port : new int[] {session.callerFacingPort(), session.calleeFacingPort()}) {
                ports.add(port);
                ports.add(port + 1);
            }
        }
        return ports;
    }
}
