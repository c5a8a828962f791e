package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.sotto.config.FsyncPolicy;
import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingConfig;
import io.sotto.config.RecordingFormat;
import io.sotto.fork.ForkDescriptor;
import io.sotto.fork.ForkWriter;
import io.sotto.fork.RecordingEnd;
import io.sotto.fork.RecordingLink;
import io.sotto.fork.RecordingStart;
import io.sotto.fork.StateChange;

/**
 * A recorder agent on a real ring and a real directory, driven by hand: records go in through the
 * real {@link ForkWriter}, time moves only when the test says so, and {@code doWork()} runs on the
 * test thread.
 */
final class RecorderFixture implements AutoCloseable {
    static final long MS = 1_000_000L;
    /** The call was answered at 10 s on the monotonic clock; its recording starts half a second later. */
    static final long CALL_START_NANOS = 10_000 * MS;
    static final long START_NANOS = CALL_START_NANOS + 500 * MS;
    /** Just before midnight UTC, so the day directory must come from the start, not the end. */
    static final long STARTED_AT_EPOCH_MS = Instant.parse("2024-03-05T23:59:59.100Z").toEpochMilli();
    static final Path DAY = Path.of("2024", "03", "05");

    final Path dir;
    final ForkWriter fork = new ForkWriter(ForkWriter.newRing(1 << 22));
    final CachedNanoClock nanoClock = new CachedNanoClock();
    final CachedEpochClock epochClock = new CachedEpochClock();
    final List<Finished> finished = new ArrayList<>();
    final RecorderAgent agent;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[2048]);

    record Finished(RecordingMetadata metadata, Path wav, Path json) {
    }

    RecorderFixture(Path dir, RecordingFormat format, PauseBehavior pauseBehavior) {
        this(dir, format, pauseBehavior, FsyncPolicy.ON_FINISH);
    }

    RecorderFixture(Path dir, RecordingFormat format, PauseBehavior pauseBehavior, FsyncPolicy fsync) {
        this.dir = dir;
        clock(START_NANOS);
        agent = new RecorderAgent(new RecordingConfig(dir, format, pauseBehavior, fsync), fork.ring(),
                fork.controlBodies(), nanoClock, epochClock,
                (metadata, wav, json) -> finished.add(new Finished(metadata, wav, json)));
    }

    /** One duty cycle of the recorder, then the finishing stage until it has nothing left to do. */
    int work() {
        int work = agent.doWork();
        return work + finishAll();
    }

    /** Runs the finishers (on the test thread) until their queues are empty, bounded. */
    int finishAll() {
        int done = 0;
        for (RecordingFinisher finisher : agent.finishers()) {
            for (int i = 0; i < 10_000; i++) {
                int n = finisher.doWork();
                if (n == 0) {
                    break;
                }
                done += n;
            }
        }
        return done;
    }

    /** Closes the recorder as its runner would, then the finishers. */
    void closeAgent() {
        agent.onClose();
        for (RecordingFinisher finisher : agent.finishers()) {
            finisher.onClose();
        }
    }

    /** Moves both clocks to {@code nanos}; wall-clock time follows the monotonic clock. */
    void clock(long nanos) {
        nanoClock.update(nanos);
        epochClock.update(STARTED_AT_EPOCH_MS + (nanos - START_NANOS) / MS);
    }

    static long at(long msSinceStart) {
        return START_NANOS + msSinceStart * MS;
    }

    static RecordingStart recordingStart(String recordingId, String callerCodec, String calleeCodec) {
        return new RecordingStart(recordingId, "call-" + recordingId, List.of("a-leg@127.0.0.1", "b-leg@127.0.0.1"),
                "inbound", "+15550100", "1001", List.of("alice"), "+15550100", STARTED_AT_EPOCH_MS,
                CALL_START_NANOS, callerCodec, calleeCodec, List.of("01PREVIOUSRECORDING0000000"));
    }

    void start(long key, String recordingId, String callerCodec, String calleeCodec) {
        control(ForkDescriptor.START_MSG_TYPE_ID, key, START_NANOS, 0,
                recordingStart(recordingId, callerCodec, calleeCodec));
        work();
    }

    void audio(long key, int channel, long arrivalNanos, int timestamp, int ssrc, int sequence, int payloadType,
               byte[] bytes) {
        audio(key, channel, arrivalNanos, timestamp, ssrc, sequence, payloadType, false, bytes);
    }

    void audio(long key, int channel, long arrivalNanos, int timestamp, int ssrc, int sequence, int payloadType,
               boolean marker, byte[] bytes) {
        payload.putBytes(0, bytes);
        assertThat(fork.offerAudio(key, channel, arrivalNanos, timestamp, ssrc, sequence, payloadType, marker,
                payload, 0, bytes.length)).isTrue();
    }

    void state(long key, long atNanos, int state, String from, String to) {
        Map<String, Object> event = new HashMap<>();
        event.put("at", Instant.ofEpochMilli(STARTED_AT_EPOCH_MS + (atNanos - START_NANOS) / MS).toString());
        event.put("from", from);
        event.put("to", to);
        event.put("how", "dtmf");
        event.put("who", "alice");
        event.put("reason", null);
        control(ForkDescriptor.STATE_MSG_TYPE_ID, key, atNanos, state, new StateChange(event));
    }

    void end(long key, long atNanos, String reason) {
        control(ForkDescriptor.END_MSG_TYPE_ID, key, atNanos, 0, new RecordingEnd(reason,
                STARTED_AT_EPOCH_MS + (atNanos - START_NANOS) / MS, (atNanos - CALL_START_NANOS) / MS, List.of(),
                List.of("01NEXTRECORDING00000000000"), null));
    }

    /** A LINK record: the finished recording {@code link.recordingId()} names another. */
    void link(long atNanos, RecordingLink link) {
        control(ForkDescriptor.LINK_MSG_TYPE_ID, 0, atNanos, 0, link);
    }

    /** A control record written into the ring now, as the call side's queue writes it when there is room. */
    void control(int msgTypeId, long key, long atNanos, int state, Object record) {
        assertThat(fork.writeControl(msgTypeId, key, atNanos, state, record)).isTrue();
    }

    /** Runs the agent until the ring is empty and nothing is due, bounded. */
    void drain() {
        for (int i = 0; i < 10_000 && work() > 0; i++) {
            // Keeps going while the agent reports work.
        }
        finishAll();
    }

    Finished onlyFinished() {
        assertThat(finished).hasSize(1);
        return finished.get(0);
    }

    Path wavOf(String recordingId) {
        return dir.resolve(DAY).resolve(recordingId + ".wav");
    }

    Path jsonOf(String recordingId) {
        return dir.resolve(DAY).resolve(recordingId + ".json");
    }

    @Override
    public void close() {
        if (agent.activeRecordings() > 0) {
            closeAgent();
        }
    }
}
