package io.sotto.fork;

import static io.sotto.fork.ForkDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.junit.jupiter.api.Test;

class ForkWriterTest {
    private static final long SESSION = 0x0102_0304_0506_0708L;

    private record Read(int type, UnsafeBuffer copy) {
    }

    @Test
    void laysOutAnAudioRecordAtTheDescribedOffsets() {
        ManyToOneRingBuffer ring = ForkWriter.newRing(64 * 1024);
        ForkWriter fork = new ForkWriter(ring);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[] {9, 8, 7, 6, 5});

        boolean forked = fork.offerAudio(SESSION, CHANNEL_CALLEE, 123_456_789L, 0xCAFEBABE, 0x11223344,
                0xFFFE, 8, true, payload, 1, 3);

        assertThat(forked).isTrue();
        Read record = readOne(ring);
        assertThat(record.type()).isEqualTo(AUDIO_MSG_TYPE_ID);
        UnsafeBuffer b = record.copy();
        assertThat(b.capacity()).isEqualTo(AUDIO_HEADER_LENGTH + 3);
        assertThat(b.getLong(SESSION_KEY_OFFSET)).isEqualTo(SESSION);
        assertThat(b.getLong(NANOS_OFFSET)).isEqualTo(123_456_789L);
        assertThat(b.getInt(CHANNEL_OFFSET)).isEqualTo(CHANNEL_CALLEE);
        assertThat(b.getInt(PAYLOAD_LENGTH_OFFSET)).isEqualTo(3);
        assertThat(b.getInt(RTP_TIMESTAMP_OFFSET)).isEqualTo(0xCAFEBABE);
        assertThat(b.getInt(SSRC_OFFSET)).isEqualTo(0x11223344);
        assertThat(b.getShort(SEQUENCE_OFFSET) & 0xFFFF).isEqualTo(0xFFFE);
        assertThat(b.getByte(PAYLOAD_TYPE_OFFSET)).isEqualTo((byte) 8);
        assertThat(b.getByte(FLAGS_OFFSET) & FLAG_MARKER).isEqualTo(FLAG_MARKER);
        assertThat(new byte[] {b.getByte(40), b.getByte(41), b.getByte(42)}).containsExactly(8, 7, 6);
        assertThat(fork.audioForked()).isEqualTo(1);
    }

    @Test
    void carriesAControlRecordsStateAndHandsItsBodyOverByNumber() {
        ManyToOneRingBuffer ring = ForkWriter.newRing(64 * 1024);
        ForkWriter fork = new ForkWriter(ring);
        StateChange change = new StateChange(Map.of("from", "recording", "to", "paused", "how", "dtmf"));

        assertThat(fork.writeControl(STATE_MSG_TYPE_ID, SESSION, 42L, STATE_PAUSED, change)).isTrue();

        Read record = readOne(ring);
        assertThat(record.type()).isEqualTo(STATE_MSG_TYPE_ID);
        UnsafeBuffer b = record.copy();
        assertThat(b.capacity()).isEqualTo(CONTROL_HEADER_LENGTH);
        assertThat(b.getLong(SESSION_KEY_OFFSET)).isEqualTo(SESSION);
        assertThat(b.getLong(NANOS_OFFSET)).isEqualTo(42L);
        assertThat(b.getInt(STATE_OFFSET)).isEqualTo(STATE_PAUSED);
        assertThat(fork.controlBodies().take(b.getLong(BODY_NUMBER_OFFSET))).isSameAs(change);
    }

    @Test
    void refusesAControlRecordWithoutLeavingARecordWhenItsBodyFindsNoRoom() {
        ManyToOneRingBuffer ring = ForkWriter.newRing(64 * 1024);
        ForkWriter fork = new ForkWriter(ring, new ControlBodies(1));
        StateChange first = new StateChange(Map.of("to", "paused"));
        StateChange second = new StateChange(Map.of("to", "recording"));

        assertThat(fork.writeControl(STATE_MSG_TYPE_ID, SESSION, 1L, STATE_PAUSED, first)).isTrue();
        assertThat(fork.writeControl(STATE_MSG_TYPE_ID, SESSION, 2L, STATE_RECORDING, second)).isFalse();

        Read record = readOne(ring);
        assertThat(record.copy().getLong(NANOS_OFFSET)).isEqualTo(1L);
        assertThat(fork.controlBodies().take(record.copy().getLong(BODY_NUMBER_OFFSET))).isSameAs(first);
        assertThat(ring.read((type, buffer, index, length) -> { }, 10)).isZero();
        assertThat(fork.writeControl(STATE_MSG_TYPE_ID, SESSION, 3L, STATE_RECORDING, second)).isTrue();
        assertThat(fork.controlBodies().take(readOne(ring).copy().getLong(BODY_NUMBER_OFFSET))).isSameAs(second);
    }

    @Test
    void dropsAndCountsAudioWhenTheRingIsFullWithoutBlocking() {
        ManyToOneRingBuffer ring = ForkWriter.newRing(4096);
        ForkWriter fork = new ForkWriter(ring);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[160]);

        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (fork.offerAudio(SESSION, CHANNEL_CALLER, i, i * 160, 1, i, 0, false, payload, 0, 160)) {
                accepted++;
            }
        }

        assertThat(accepted).isBetween(1, 99);
        assertThat(fork.audioForked()).isEqualTo(accepted);
        assertThat(fork.audioDropped()).isEqualTo(100 - accepted);
    }

    @Test
    void dropsAPayloadTooLongForARingRecordInsteadOfFailing() {
        ManyToOneRingBuffer ring = ForkWriter.newRing(1024);
        ForkWriter fork = new ForkWriter(ring);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[160]);

        boolean forked = fork.offerAudio(SESSION, CHANNEL_CALLER, 0, 0, 1, 0, 0, false, payload, 0, 160);

        assertThat(forked).isFalse();
        assertThat(fork.audioDropped()).isEqualTo(1);
        assertThat(ring.size()).isZero();
    }

    private static Read readOne(ManyToOneRingBuffer ring) {
        List<Read> records = new ArrayList<>();
        ring.read((type, buffer, index, length) -> {
            byte[] bytes = new byte[length];
            buffer.getBytes(index, bytes);
            records.add(new Read(type, new UnsafeBuffer(bytes)));
        });
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
