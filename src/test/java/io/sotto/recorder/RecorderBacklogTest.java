package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.recorder.RecorderFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;

/**
 * The recorder thread may be descheduled on a busy machine while media keeps forking: when it
 * wakes, the ring holds more than one read batch of audio that arrived long ago. None of it may
 * be dropped as late just because the clock moved on while it waited in the ring.
 */
class RecorderBacklogTest {
    private static final long KEY = 7;
    private static final String ID = "01HBACKLOG0000000000000000";
    private static final int PACKETS_PER_LEG = 1500;

    @TempDir
    Path dir;

    private RecorderFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP);
        fixture.start(KEY, ID, "PCMU", "PCMU");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void writesEveryPacketOfABacklogLongerThanOneReadBatch() {
        queueBothLegs();
        assertThat(2 * PACKETS_PER_LEG).isGreaterThan(RecorderAgent.READ_LIMIT);

        fixture.clock(at(20L * PACKETS_PER_LEG + 100));
        fixture.drain();

        assertThat(fixture.agent.counters().latePacketsDropped()).isZero();
        assertThat(fixture.agent.counters().packetsWritten()).isEqualTo(2L * PACKETS_PER_LEG);
    }

    /**
     * Ten seconds of audio in one read batch, far more than the mix holds ahead: it is written in
     * batches of at least 100 ms, as in time, not one packet's 20 ms at a time (which made a
     * recorder that had fallen behind five times slower, so it never caught up).
     */
    @Test
    void writesABacklogLargerThanTheMixInBatchesOfAtLeastAHundredMilliseconds() {
        queueBothLegs();

        fixture.clock(at(20L * PACKETS_PER_LEG + 100));
        fixture.drain();

        long audioMs = 20L * PACKETS_PER_LEG;
        assertThat(fixture.agent.counters().wavAppends()).isBetween(audioMs / 200, audioMs / 100 + 2);
    }

    /**
     * While the ring stays behind (every cycle reads a full batch), what was read is still
     * written once it leaves the jitter window, not held back until the mix is full.
     */
    @Test
    void keepsWritingWhatWasReadWhileTheRingStaysBehind() {
        queueBothLegs();
        long newestReadMs = 20L * (RecorderAgent.READ_LIMIT / 2);

        fixture.clock(at(20L * PACKETS_PER_LEG + 100));
        assertThat(fixture.agent.doWork()).as("a full batch read, and a flush").isEqualTo(RecorderAgent.READ_LIMIT + 1);

        long writtenMs = WavFile.read(fixture.wavOf(ID)).durationMs();
        // The 200 ms jitter window; the mix's room ahead alone would have left over a second unwritten.
        assertThat(writtenMs).isBetween(newestReadMs - 300, newestReadMs - 200);
    }

    /** Both legs, 20 ms a packet, all waiting in the ring (the recorder thread was descheduled). */
    private void queueBothLegs() {
        for (int k = 0; k < PACKETS_PER_LEG; k++) {
            long arrival = at(20L * (k + 1));
            fixture.audio(KEY, CHANNEL_CALLER, arrival, 160 * k, 1111, k, G711.PT_PCMU, RtpLeg.filled(0x81));
            fixture.audio(KEY, CHANNEL_CALLEE, arrival, 160 * k, 2222, k, G711.PT_PCMU, RtpLeg.filled(0x82));
        }
    }
}
