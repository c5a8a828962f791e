package io.sotto.fork;

import static io.sotto.fork.ForkDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.junit.jupiter.api.Test;

/** The conductor's control records with a ring too small to take them: they wait, in order, and nothing blocks. */
class ForkControlQueueTest {
    private static final long SESSION = 7;
    private static final long OTHER = 8;

    private final ManyToOneRingBuffer ring = ForkWriter.newRing(4096);
    private final ForkWriter writer = new ForkWriter(ring);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[160]);

    @Test
    void writesAtOnceWhileTheRingHasRoom() {
        ForkControlQueue queue = new ForkControlQueue(writer);

        assertThat(queue.state(SESSION, 1, STATE_PAUSED, change("paused"))).isTrue();

        assertThat(queue.pending(SESSION)).isFalse();
        assertThat(queue.size()).isZero();
        assertThat(drain()).containsExactly("STATE 7 paused");
    }

    @Test
    void keepsARecordTheFullRingRefusesUntilThereIsRoomWithoutWaiting() {
        ForkControlQueue queue = new ForkControlQueue(writer);
        fillWithAudio();

        assertThat(queue.state(SESSION, 1, STATE_PAUSED, change("paused"))).isTrue();

        assertThat(queue.pending(SESSION)).isTrue();
        assertThat(queue.pending(OTHER)).isFalse();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.retry()).as("the ring is still full").isZero();

        List<String> audioFirst = drain();
        assertThat(queue.retry()).isEqualTo(1);
        assertThat(queue.pending(SESSION)).isFalse();
        assertThat(audioFirst).allMatch(record -> record.startsWith("AUDIO"));
        assertThat(drain()).containsExactly("STATE 7 paused");
        assertThat(queue.deferred()).isEqualTo(1);
    }

    @Test
    void writesWaitingRecordsInTheOrderTheyWereMadeEvenOnceTheRingHasRoomForTheNewest() {
        ForkControlQueue queue = new ForkControlQueue(writer);
        fillWithAudio();
        queue.state(SESSION, 1, STATE_PAUSED, change("paused"));
        drain();

        // the ring has room now, but the pause still waits: the resume must not overtake it
        queue.state(SESSION, 2, STATE_RECORDING, change("recording"));
        queue.state(OTHER, 3, STATE_STOPPED, change("stopped"));
        assertThat(drain()).isEmpty();

        assertThat(queue.retry()).isEqualTo(3);
        assertThat(drain()).containsExactly("STATE 7 paused", "STATE 7 recording", "STATE 8 stopped");
    }

    @Test
    void losesAndCountsARecordOnlyWhenItsBoundedQueueIsFull() {
        ForkControlQueue queue = new ForkControlQueue(writer, 2);
        fillWithAudio();

        assertThat(queue.state(SESSION, 1, STATE_PAUSED, change("paused"))).isTrue();
        assertThat(queue.state(SESSION, 2, STATE_RECORDING, change("recording"))).isTrue();
        assertThat(queue.state(SESSION, 3, STATE_PAUSED, change("paused"))).isFalse();

        assertThat(queue.lost()).isEqualTo(1);
        assertThat(queue.size()).isEqualTo(2);
    }

    /** Fills the ring with audio to the last few bytes, smaller than any control record. */
    private void fillWithAudio() {
        int sequence = 0;
        for (int length : new int[] {payload.capacity(), 1}) {
            while (writer.offerAudio(SESSION, CHANNEL_CALLER, sequence, sequence * 160, 1, sequence, 0, false,
                    payload, 0, length)) {
                sequence++;
            }
        }
        assertThat(sequence).isPositive();
    }

    /** Reads every record in the ring, as the recorder would, in ring order. */
    private List<String> drain() {
        List<String> records = new ArrayList<>();
        // one read stops at the end of the buffer (maybe at a padding record); the rest wrapped round
        while (ring.size() > 0) {
            ring.read((type, buffer, index, length) -> {
                if (type == AUDIO_MSG_TYPE_ID) {
                    records.add("AUDIO " + buffer.getLong(index + SESSION_KEY_OFFSET));
                } else {
                    StateChange change = (StateChange) writer.controlBodies()
                            .take(buffer.getLong(index + BODY_NUMBER_OFFSET));
                    long key = buffer.getLong(index + SESSION_KEY_OFFSET);
                    records.add("STATE " + key + " " + change.event().get("to"));
                }
            }, Integer.MAX_VALUE);
        }
        return records;
    }

    private static StateChange change(String to) {
        return new StateChange(Map.of("to", to));
    }
}
