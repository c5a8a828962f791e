package io.sotto.media;

import static io.sotto.fork.ForkDescriptor.AUDIO_HEADER_LENGTH;
import static io.sotto.fork.ForkDescriptor.AUDIO_MSG_TYPE_ID;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.fork.ForkDescriptor.CHANNEL_OFFSET;
import static io.sotto.fork.ForkDescriptor.FLAGS_OFFSET;
import static io.sotto.fork.ForkDescriptor.FLAG_MARKER;
import static io.sotto.fork.ForkDescriptor.NANOS_OFFSET;
import static io.sotto.fork.ForkDescriptor.PAYLOAD_LENGTH_OFFSET;
import static io.sotto.fork.ForkDescriptor.PAYLOAD_TYPE_OFFSET;
import static io.sotto.fork.ForkDescriptor.RTP_TIMESTAMP_OFFSET;
import static io.sotto.fork.ForkDescriptor.SEQUENCE_OFFSET;
import static io.sotto.fork.ForkDescriptor.SESSION_KEY_OFFSET;
import static io.sotto.fork.ForkDescriptor.SSRC_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sotto.testkit.Poll;

class AudioForkTest {
    private static final long KEY = 0x5077_0000_0000_0042L;

    private RelayFixture fixture;
    private MediaSession session;
    private UdpPeer caller;
    private UdpPeer callee;

    @BeforeEach
    void openSession() throws Exception {
        fixture = new RelayFixture(21400, 21599);
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
    void shouldForkEachSidesRtpWithItsChannelHeaderFieldsAndPayload() {
        byte[] callerPayload = RtpPackets.payload(160, 11);
        byte[] calleePayload = RtpPackets.payload(160, 77);
        long before = System.nanoTime();
        session.startFork(KEY);

        caller.sendTo(session.callerFacingPort(),
                RtpPackets.rtp(RtpPackets.PCMU, 65535, 0xFFFF_FF60, 0xCAFE_BABE, true, callerPayload));
        callee.receive();
        callee.sendTo(session.calleeFacingPort(),
                RtpPackets.rtp(RtpPackets.PCMA, 12, 1920, 0x0102_0304, false, calleePayload));
        caller.receive();

        List<ForkedAudio> forked = readAudio(2);
        assertThat(forked.get(0)).usingRecursiveComparison().ignoringFields("nanos").isEqualTo(new ForkedAudio(
                KEY, CHANNEL_CALLER, 0xFFFF_FF60, 0xCAFE_BABE, 65535, RtpPackets.PCMU, true, callerPayload, 0));
        assertThat(forked.get(1)).usingRecursiveComparison().ignoringFields("nanos").isEqualTo(new ForkedAudio(
                KEY, CHANNEL_CALLEE, 1920, 0x0102_0304, 12, RtpPackets.PCMA, false, calleePayload, 0));
        assertThat(forked.get(0).nanos()).isBetween(before, forked.get(1).nanos());
        Poll.until("both forks are counted", () -> fixture.relay.counters().forked() == 2);
    }

    @Test
    void shouldForkOnlyThePayloadAfterCsrcsAndExtensionAndBeforePadding() {
        byte[] payload = RtpPackets.payload(80, 5);
        session.startFork(KEY);

        caller.sendTo(session.callerFacingPort(),
                RtpPackets.rtpWithCsrcExtensionAndPadding(RtpPackets.PCMU, 9, 720, 0x0A0B_0C0D, payload));
        callee.receive();

        assertThat(readAudio(1).get(0).payload()).isEqualTo(payload);
    }

    @Test
    void shouldNotForkBeforeStartNorAfterStop() {
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();
        session.startFork(KEY);
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(2));
        callee.receive();

        session.stopFork();
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(3));
        callee.receive();

        assertThat(readAvailable()).extracting(ForkedAudio::sequence).containsExactly(2);
    }

    @Test
    void shouldNotForkRtcp() {
        session.startFork(KEY);

        caller.sendTo(session.callerFacingPort(), RtpPackets.rtcpReceiverReport(0x4444));
        callee.receive();
        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.receive();

        assertThat(readAvailable()).extracting(ForkedAudio::sequence).containsExactly(1);
    }

    @Test
    void shouldForkButNeverRelayARecordingServersStreams() {
        session.receiveOnly();
        session.startFork(KEY);

        caller.sendTo(session.callerFacingPort(), RtpPackets.pcmu(1));
        callee.sendTo(session.calleeFacingPort(), RtpPackets.pcmu(2));
        caller.sendTo(session.callerFacingPort(), RtpPackets.rtcpReceiverReport(0x4444));

        assertThat(readAudio(2)).extracting(ForkedAudio::channel).containsExactlyInAnyOrder(CHANNEL_CALLER, CHANNEL_CALLEE);
        Poll.until("both forks are counted", () -> fixture.relay.counters().forked() == 2);
        assertThat(fixture.relay.counters().relayed()).isZero();
        assertThat(fixture.relay.counters().dropped()).isZero();
        assertThatThrownBy(callee::receive).hasMessageContaining("nothing received");
        assertThatThrownBy(caller::receive).hasMessageContaining("nothing received");
    }

    @Test
    void shouldRefuseTheReservedKey() {
        assertThatThrownBy(() -> session.startFork(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<ForkedAudio> readAudio(int count) {
        List<ForkedAudio> forked = new ArrayList<>();
        Poll.until(count + " audio records in the ring", () -> {
            forked.addAll(readAvailable());
            return forked.size() >= count;
        });
        assertThat(forked).hasSize(count);
        return forked;
    }

    private List<ForkedAudio> readAvailable() {
        List<ForkedAudio> forked = new ArrayList<>();
        fixture.ring.read((msgTypeId, buffer, index, length) -> {
            assertThat(msgTypeId).isEqualTo(AUDIO_MSG_TYPE_ID);
            int payloadLength = buffer.getInt(index + PAYLOAD_LENGTH_OFFSET);
            assertThat(length).isEqualTo(AUDIO_HEADER_LENGTH + payloadLength);
            byte[] payload = new byte[payloadLength];
            buffer.getBytes(index + AUDIO_HEADER_LENGTH, payload);
            forked.add(new ForkedAudio(buffer.getLong(index + SESSION_KEY_OFFSET),
                    buffer.getInt(index + CHANNEL_OFFSET),
                    buffer.getInt(index + RTP_TIMESTAMP_OFFSET),
                    buffer.getInt(index + SSRC_OFFSET),
                    buffer.getShort(index + SEQUENCE_OFFSET) & 0xFFFF,
                    buffer.getByte(index + PAYLOAD_TYPE_OFFSET) & 0xFF,
                    (buffer.getByte(index + FLAGS_OFFSET) & FLAG_MARKER) != 0,
                    payload,
                    buffer.getLong(index + NANOS_OFFSET)));
        });
        return forked;
    }

    /** One AUDIO record as the recorder reads it back. */
    record ForkedAudio(long key, int channel, int timestamp, int ssrc, int sequence, int payloadType,
                       boolean marker, byte[] payload, long nanos) {
    }
}
