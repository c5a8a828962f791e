package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.recorder.RecorderFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/** The audio path (ring read, alignment, mixing, encoding, writing the WAV) allocates nothing per packet. */
class RecorderAllocationTest {
    private static final long KEY = 13;
    private static final int PACKETS_MEASURED = 6_000;

    @TempDir
    Path dir;

    @Test
    void shouldNotAllocateWhileRecordingAudio() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "JVM measures allocation per thread");
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.G711, PauseBehavior.SKIP)) {
            fixture.start(KEY, "ALLOCATION", "PCMU", "PCMA");
            UnsafeBuffer payload = new UnsafeBuffer(new byte[RtpLeg.SAMPLES]);
            // Warm up (class loading, JIT), then measure the same work for another minute of audio.
            int k = run(fixture, payload, 0, 3000);
            long before = threads.getCurrentThreadAllocatedBytes();
            run(fixture, payload, k, 3000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(fixture.agent.counters().packetsWritten()).isEqualTo(12_000);
            // Anything allocated per packet or per write would be tens of kilobytes here; the JVM itself
            // may charge a few hundred bytes once to this thread (e.g. objects rematerialised when the
            // JIT deoptimises a method), which says nothing about our code.
            assertThat(allocated).as("bytes allocated for 6 000 packets and a minute of file writes")
                    .isLessThan(PACKETS_MEASURED);
        }
    }

    /** Packets {@code first..first+count-1} on both legs, the agent working after each pair. */
    private static int run(RecorderFixture fixture, UnsafeBuffer payload, int first, int count) {
        for (int k = first; k < first + count; k++) {
            long arrival = at(20L * (k + 1));
            fixture.nanoClock.update(arrival);
            payload.setMemory(0, RtpLeg.SAMPLES, (byte) (0x81 + k % 100));
            fixture.fork.offerAudio(KEY, CHANNEL_CALLER, arrival, 1000 + 160 * k, 1, k & 0xFFFF, G711.PT_PCMU,
                    false, payload, 0, RtpLeg.SAMPLES);
            fixture.fork.offerAudio(KEY, CHANNEL_CALLEE, arrival, 9000 + 160 * k, 2, k & 0xFFFF, G711.PT_PCMA,
                    false, payload, 0, RtpLeg.SAMPLES);
            fixture.agent.doWork();
        }
        return first + count;
    }
}
