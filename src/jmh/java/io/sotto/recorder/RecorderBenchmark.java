package io.sotto.recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;
import io.sotto.fork.ForkDescriptor;

/**
 * The recorder agent's work for 20 ms of one recorded call: the caller's and the callee's packet
 * read from the ring, aligned, decoded, mixed into stereo frames, encoded and written to the WAV
 * (header kept current), as {@code doWork()} does it on the recorder thread. The files go to
 * {@code /dev/shm} where it exists, so the figure is the recorder's CPU cost, not the disk's.
 * One recorder thread keeps up with 1e9 / (score × 50) calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecorderBenchmark {
    private static final long KEY = 42;
    private static final long PACKET_NANOS = 20 * RecorderFixture.MS;

    @Param({"PCM16", "G711"})
    public RecordingFormat format;

    private Path dir;
    private RecorderFixture fixture;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[RtpLeg.SAMPLES]);
    private int k;

    /** A fresh recording per iteration keeps each WAV to one iteration's audio. */
    @Setup(Level.Iteration)
    public void startRecording() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "sotto-bench") : Files.createTempDirectory("sotto-bench");
        fixture = new RecorderFixture(dir, format, PauseBehavior.SKIP);
        fixture.start(KEY, "BENCH" + System.nanoTime(), "PCMU", "PCMU");
        k = 0;
    }

    @TearDown(Level.Iteration)
    public void endRecording() throws IOException {
        fixture.end(KEY, RecorderFixture.at(20L * (k + 1)), "hangup");
        fixture.drain();
        fixture.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(RecorderBenchmark::delete);
        }
    }

    @Benchmark
    public int recordTwentyMilliseconds() {
        long arrival = RecorderFixture.at(20L * (k + 1));
        fixture.nanoClock.update(arrival);
        payload.putByte(0, (byte) k);
        fixture.fork.offerAudio(KEY, ForkDescriptor.CHANNEL_CALLER, arrival, 1000 + 160 * k, 1, k & 0xFFFF,
                G711.PT_PCMU, false, payload, 0, RtpLeg.SAMPLES);
        fixture.fork.offerAudio(KEY, ForkDescriptor.CHANNEL_CALLEE, arrival + PACKET_NANOS / 4, 9000 + 160 * k, 2,
                k & 0xFFFF, G711.PT_PCMU, false, payload, 0, RtpLeg.SAMPLES);
        k++;
        return fixture.agent.doWork();
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
