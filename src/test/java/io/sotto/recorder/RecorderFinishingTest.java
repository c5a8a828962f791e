package io.sotto.recorder;

import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLEE;
import static io.sotto.fork.ForkDescriptor.CHANNEL_CALLER;
import static io.sotto.recorder.RecorderFixture.at;
import static io.sotto.recorder.RtpLeg.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.sotto.config.FsyncPolicy;
import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;
import io.sotto.fork.ForkDescriptor;

/**
 * The finishing stage: the recorder thread hands a finished recording over and goes on; the
 * finisher forces, checksums and writes the final JSON, whose {@code sha256} is the file's.
 */
class RecorderFinishingTest {
    private static final long KEY = 5;
    private static final String ID = "01HFINISHING00000000000000";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void checksumInTheJsonIsTheSha256OfTheFinalFileAfterLatePacketsAndHeaderRewrites(FsyncPolicy fsync)
            throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP, fsync)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            Random random = new Random(6);
            RtpLeg caller = new RtpLeg(CHANNEL_CALLER, G711.PT_PCMU, random);
            RtpLeg callee = new RtpLeg(CHANNEL_CALLEE, G711.PT_PCMU, random);
            CallScript script = new CallScript(fixture, KEY);
            for (int k = 0; k < 150; k++) {
                // The callee stalls for the last 1.5 s and bursts just before the hang-up.
                long arrival = k >= 75 ? at(2995) : at(20L * (k + 1));
                script.packet(caller, k, at(20L * (k + 1)), filled(0x81 + k % 100));
                script.packet(callee, k, arrival, filled(0x81 + k % 100));
            }
            script.at(at(3000), () -> fixture.end(KEY, at(3000), "hangup"));
            script.runUntil(at(3010));

            RecorderFixture.Finished finished = fixture.onlyFinished();
            WavFile wav = WavFile.read(finished.wav()).assertConsistent();
            assertThat(fixture.agent.counters().latePacketsWritten()).isGreaterThan(50);
            assertThat(wav.right(160 * 149)).isEqualTo(G711.ULAW_TO_LINEAR[0x81 + 49]);
            assertThat(finished.metadata().sha256()).isEqualTo(sha256(finished.wav()));
            assertThat(MetadataFiles.read(finished.json()).sha256()).isEqualTo(sha256(finished.wav()));
            assertThat(finished.metadata().error()).isNull();
            assertThat(fixture.agent.openFiles()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void forcesEachFinishedFileAndTheDayDirectoryOnceForTheRecordingsFinishedInOneCycle(FsyncPolicy fsync) {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP, fsync)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(RecordingIds.next());
                fixture.start(KEY + i, ids.get(i), "PCMU", "PCMU");
            }
            fixture.clock(at(500));
            for (int i = 0; i < ids.size(); i++) {
                fixture.end(KEY + i, at(500), "hangup");
            }
            fixture.work();

            long finishersUsed = ids.stream().map(RecorderAgent::finisherIndex).distinct().count();
            long expected = switch (fsync) {
                case NEVER -> 0;
                // the WAV and the final JSON of each, one day directory per finisher's cycle
                case ON_FINISH -> 2L * ids.size() + finishersUsed;
                // and each interim JSON, written at the start
                case INTERVAL -> 3L * ids.size() + finishersUsed;
            };
            assertThat(fixture.finished).hasSize(ids.size());
            assertThat(fixture.finished).allSatisfy(finished -> {
                assertThat(finished.metadata().error()).isNull();
                assertThat(MetadataFiles.read(finished.json()).sha256()).isEqualTo(sha256(finished.wav()));
            });
            assertThat(fixture.agent.counters().fsyncs()).isEqualTo(expected);
        }
    }

    @Test
    void holdsTheRecordingAndItsFileAsOpenUntilTheFinisherHasDoneItsWork() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            fixture.clock(at(500));
            fixture.end(KEY, at(500), "hangup");
            fixture.agent.doWork();

            assertThat(fixture.finished).isEmpty();
            assertThat(fixture.agent.activeRecordings()).isEqualTo(1);
            assertThat(fixture.agent.openFiles()).isEqualTo(1);
            assertThat(fixture.agent.counters().finishingBacklog()).isEqualTo(1);

            fixture.finishAll();

            assertThat(fixture.finished).hasSize(1);
            assertThat(fixture.agent.activeRecordings()).isZero();
            assertThat(fixture.agent.openFiles()).isZero();
            assertThat(fixture.agent.counters().recordingsFinished()).isEqualTo(1);
            assertThat(fixture.agent.counters().finishingBacklog()).isZero();
        }
    }

    @Test
    void keepsWhatAFullFinishingQueueRefusesAndHandsItOverLaterInOrder() throws Exception {
        int recordings = 2 * RecordingFinisher.QUEUE_CAPACITY + 100;
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP,
                FsyncPolicy.NEVER)) {
            // Every start and end hands the finishers a task while they do not run at all.
            for (int i = 0; i < recordings; i++) {
                fixture.control(ForkDescriptor.START_MSG_TYPE_ID, i, at(0), 0,
                        RecorderFixture.recordingStart(id(i), "PCMU", "PCMU"));
                fixture.end(i, at(100), "hangup");
                if (i % 100 == 99) {
                    fixture.agent.doWork();
                }
            }
            fixture.clock(at(100));
            for (int i = 0; i < 100; i++) {
                fixture.agent.doWork();
            }
            assertThat(fixture.agent.counters().finishingBacklog()).isEqualTo(2L * recordings);
            assertThat(fixture.agent.activeRecordings()).isEqualTo(recordings);

            fixture.drain();

            assertThat(fixture.finished).hasSize(recordings);
            assertThat(fixture.agent.activeRecordings()).isZero();
            assertThat(fixture.agent.counters().finishingBacklog()).isZero();
            for (int i = 0; i < recordings; i += 97) {
                Path wav = fixture.wavOf(id(i));
                RecordingMetadata metadata = MetadataFiles.read(fixture.jsonOf(id(i)));
                assertThat(metadata.endReason()).isEqualTo("hangup");
                assertThat(metadata.sha256()).isEqualTo(sha256(wav));
            }
        }
    }

    private static String id(int i) {
        return String.format("01HQUEUE%018d", i);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
