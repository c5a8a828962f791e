package io.sotto.testkit.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sender and a receiver on two loopback sockets, no SIP: what goes on the wire, and when. */
class RtpSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int TELEPHONE_EVENT = 101;

    private DatagramSocket sending;
    private DatagramSocket receiving;
    private RtpSender sender;
    private RtpReceiver receiver;

    @BeforeEach
    void openSockets() throws Exception {
        sending = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiving = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        sender = new RtpSender(sending, "test-rtp-send");
        receiver = new RtpReceiver(receiving, "test-rtp-recv", () -> TELEPHONE_EVENT);
        receiver.start();
        sender.retarget(new MediaTarget(new InetSocketAddress("127.0.0.1", receiving.getLocalPort()), G711.PCMU, TELEPHONE_EVENT));
    }

    @AfterEach
    void closeSockets() {
        sender.stop();
        sending.close();
        receiving.close();
        receiver.join(Duration.ofSeconds(1));
        assertThat(sender.errors()).isEmpty();
        assertThat(receiver.errors()).isEmpty();
    }

    @Test
    void shouldPaceOnePacketPerTwentyMillisecondsWithRunningSequenceAndTimestamp() {
        sender.sendTone(1000, Duration.ofMillis(200));

        sender.awaitIdle(WAIT);
        List<RtpPacket> packets = receiver.awaitPackets(10, WAIT);

        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequence()).isEqualTo((packets.get(0).sequence() + i) & 0xFFFF);
            assertThat(packets.get(i).timestamp()).isEqualTo((packets.get(0).timestamp() + 160L * i) & 0xFFFF_FFFFL);
            assertThat(packets.get(i).marker()).isFalse();
            assertThat(packets.get(i).payload()).hasSize(160);
        }
        assertThat(packets.get(0).marker()).isTrue();
        List<SentPacket> sent = sender.sent();
        assertThat(sent).hasSize(10);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).sentNanos()).isGreaterThan(sent.get(i - 1).sentNanos());
        }
        assertThat(ToneDetector.hasTone(receiver.audio(), 1000)).isTrue();
    }

    @Test
    void shouldLoseSkippedPacketsWithoutStoppingTheClock() {
        sender.sendTone(1000, Duration.ofMillis(80)).skipPackets(3).sendTone(1000, Duration.ofMillis(120));
        sender.awaitIdle(WAIT);

        List<RtpPacket> packets = receiver.awaitPackets(7, WAIT);

        assertThat(sender.sent()).filteredOn(SentPacket::dropped).hasSize(3);
        RtpPacket beforeLoss = packets.get(3);
        RtpPacket afterLoss = packets.get(4);
        assertThat(afterLoss.sequence()).isEqualTo((beforeLoss.sequence() + 4) & 0xFFFF);
        assertThat(afterLoss.timestamp()).isEqualTo((beforeLoss.timestamp() + 4 * 160L) & 0xFFFF_FFFFL);
        assertThat(afterLoss.marker()).isFalse();
    }

    @Test
    void shouldHoldStalledPacketsAndSendThemAtOnceWithTheirTimestampsIntact() {
        sender.sendTone(1000, Duration.ofMillis(100)).stall(Duration.ofMillis(300)).sendTone(1000, Duration.ofMillis(500));
        sender.awaitIdle(WAIT);

        List<RtpPacket> packets = receiver.awaitPackets(30, WAIT);

        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequence()).isEqualTo((packets.get(0).sequence() + i) & 0xFFFF);
            assertThat(packets.get(i).timestamp()).isEqualTo((packets.get(0).timestamp() + 160L * i) & 0xFFFF_FFFFL);
            assertThat(packets.get(i).marker()).isFalse();
        }
        assertThat(packets.get(5).arrivedNanos() - packets.get(4).arrivedNanos()).as("the stall")
                .isGreaterThan(250_000_000L);
        assertThat(packets.get(19).arrivedNanos() - packets.get(5).arrivedNanos()).as("the burst")
                .isLessThan(15_000_000L);
    }

    @Test
    void shouldMarkTheFirstPacketAfterASilenceGap() {
        sender.sendTone(1000, Duration.ofMillis(60)).silenceGap(Duration.ofMillis(100)).sendTone(1000, Duration.ofMillis(60));

        List<RtpPacket> packets = receiver.awaitPackets(6, WAIT);

        assertThat(packets).extracting(RtpPacket::marker).containsExactly(true, false, false, true, false, false);
        assertThat(packets.get(3).sequence()).isEqualTo((packets.get(2).sequence() + 1) & 0xFFFF);
        assertThat(packets.get(3).timestamp()).isEqualTo((packets.get(2).timestamp() + 6 * 160L) & 0xFFFF_FFFFL);
    }

    @Test
    void shouldStartANewMarkedStreamAfterSsrcChange() {
        long first = sender.ssrc();
        sender.sendTone(1000, Duration.ofMillis(60)).changeSsrc().sendTone(1000, Duration.ofMillis(60));

        List<RtpPacket> packets = receiver.awaitPackets(6, WAIT);

        assertThat(receiver.ssrcs()).hasSize(2).startsWith(first);
        assertThat(packets.get(3).ssrc()).isNotEqualTo(first).isEqualTo(sender.ssrc());
        assertThat(packets.get(3).marker()).isTrue();
    }

    @Test
    void shouldSendTheClickInTheFirstSlotStartingAtTheRequestedInstant() throws Exception {
        sender.silenceWhenIdle(true);
        Instant at = Instant.now().plusMillis(300);

        SentPacket click = sender.sendClickAt(at).get(5, TimeUnit.SECONDS);

        assertThat(click.sentAt()).isBetween(at.minusMillis(5), at.plusMillis(80));
        RtpPacket heard = new Waiter().await(() -> receiver.packets().stream()
                .filter(packet -> packet.sequence() == click.sequence()).findFirst().orElse(null), WAIT, () -> "click packet not received");
        short[] samples = G711.decode(heard.payload(), G711.PCMU);
        assertThat(ToneDetector.firstPeak(samples, 16000)).isZero();
        assertThat(receiver.packets()).filteredOn(packet -> packet.sequence() != click.sequence())
                .allSatisfy(packet -> assertThat(ToneDetector.firstPeak(G711.decode(packet.payload(), G711.PCMU), 100)).isEqualTo(-1));
    }

    @Test
    void shouldSendDtmfEventWithGrowingDurationAndThreeEndPackets() {
        sender.sendDtmf('#', Duration.ofMillis(100));

        List<RtpPacket> packets = receiver.awaitPackets(7, WAIT);

        assertThat(packets).allSatisfy(packet -> {
            assertThat(packet.payloadType()).isEqualTo(TELEPHONE_EVENT);
            assertThat(packet.timestamp()).isEqualTo(packets.get(0).timestamp());
            assertThat(DtmfEventDescriptor.event(packet.payload())).isEqualTo(11);
        });
        assertThat(packets).extracting(packet -> DtmfEventDescriptor.duration(packet.payload()))
                .containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(packets).extracting(packet -> DtmfEventDescriptor.end(packet.payload()))
                .containsExactly(false, false, false, false, true, true, true);
        assertThat(packets).extracting(RtpPacket::marker).containsExactly(true, false, false, false, false, false, false);
        assertThat(receiver.dtmfEvents()).singleElement().satisfies(event -> {
            assertThat(event.digit()).isEqualTo('#');
            assertThat(event.endPackets()).isEqualTo(3);
        });
    }

    @Test
    void shouldRefuseDtmfWhenTelephoneEventWasNotNegotiated() {
        sender.retarget(new MediaTarget(new InetSocketAddress("127.0.0.1", receiving.getLocalPort()), G711.PCMU, -1));

        assertThatThrownBy(() -> sender.sendDtmf('1', Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("telephone-event");
    }

    @Test
    void shouldEncodeAudioWithTheLawNegotiatedLast() {
        sender.retarget(new MediaTarget(new InetSocketAddress("127.0.0.1", receiving.getLocalPort()), G711.PCMA, TELEPHONE_EVENT));

        sender.sendTone(440, Duration.ofMillis(200));

        assertThat(receiver.awaitPackets(10, WAIT)).allMatch(packet -> packet.payloadType() == G711.PCMA);
        assertThat(ToneDetector.energyShare(receiver.audio(), 440)).isGreaterThan(0.9);
        assertThat(ToneDetector.hasTone(receiver.audio(), 1000)).isFalse();
    }

    @Test
    void shouldCountDatagramsThatAreNotRtp() throws Exception {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", receiving.getLocalPort());
        byte[] tooShort = {(byte) 0x80, 0, 0, 1, 0};
        byte[] versionOne = new RtpPacketBuilder().payloadType(0).payload(new byte[160]).build();
        versionOne[0] = 0x40;
        byte[] valid = new RtpPacketBuilder().payloadType(0).sequence(7).payload(new byte[160]).build();

        sending.send(new DatagramPacket(tooShort, tooShort.length, target));
        sending.send(new DatagramPacket(versionOne, versionOne.length, target));
        sending.send(new DatagramPacket(valid, valid.length, target));

        assertThat(receiver.awaitPackets(1, WAIT)).singleElement().extracting(RtpPacket::sequence).isEqualTo(7);
        assertThat(receiver.malformed()).isEqualTo(2);
    }
}
