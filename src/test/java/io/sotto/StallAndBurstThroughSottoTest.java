package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.ToneAnalyzer.Segment;
import io.sotto.testkit.ToneAudio;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.RtpSender;
import io.sotto.testkit.phone.SentPacket;

/**
 * Both phones stall for 1.5 s and then send the held packets at once, timestamps intact (a
 * congested SBC, Wi-Fi, an overloaded SIPp), the caller from 2.5 s, the callee from 3.5 s: every second
 * of both parties is in the recording at its place, and clicks sent at the same instant inside each
 * stall are as far apart in the file as they were on the senders' clocks.
 */
class StallAndBurstThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration STALL = Duration.ofMillis(1500);
    private static final Duration LEAD_IN = Duration.ofMillis(500);
    private static final double ALIGNED_SECONDS = 0.02;

    @Test
    void keepsEverySecondOfBothPartiesInPlaceWhenEachSenderStallsAndBursts() throws Exception {
        sotto = SottoUnderTest.start(dir);
        Connected call = TestPhones.connect(sotto, phones.carrier(sotto, "carrier"), phones.pbx(sotto, "pbx"),
                "+15550100", InviteOptions.defaults(), AnswerOptions.defaults());
        RtpSender caller = call.caller().rtp();
        RtpSender callee = call.callee().rtp();

        Instant start = Instant.now();
        playWithStallAfter(caller, ToneAudio.CALLER_TONES, 2);
        playWithStallAfter(callee, ToneAudio.CALLEE_TONES, 3);
        // Inside the caller's stall (2.5-4 s), then inside the callee's (3.5-5 s).
        CompletableFuture<SentPacket> callerFirst = caller.sendClickAt(start.plusMillis(3200));
        CompletableFuture<SentPacket> calleeFirst = callee.sendClickAt(start.plusMillis(3200));
        CompletableFuture<SentPacket> callerSecond = caller.sendClickAt(start.plusMillis(4700));
        CompletableFuture<SentPacket> calleeSecond = callee.sendClickAt(start.plusMillis(4700));
        caller.awaitIdle(WAIT);
        callee.awaitIdle(WAIT);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(WAIT);

        Path wavPath = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wavPath);
        assertEverySecondInOrder(audio.callerRuns(), ToneAudio.CALLER_TONES);
        assertEverySecondInOrder(audio.calleeRuns(), ToneAudio.CALLEE_TONES);
        short[] left = audio.wav().channel(0);
        short[] right = audio.wav().channel(1);
        int half = (int) (3.95 * 8000);
        assertAligned(loudest(left, 0, half), loudest(right, 0, half), callerFirst.join(), calleeFirst.join());
        assertAligned(loudest(left, half, left.length), loudest(right, half, right.length), callerSecond.join(),
                calleeSecond.join());
        assertThat(SottoUnderTest.metadataOf(wavPath).path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(wavPath))));
    }

    /**
     * Half a second of silence (the call's first packets may reach Sotto before its recording
     * starts), one second of each tone; the packets of the 1.5 s after tone {@code stallAfter} are
     * held, then burst.
     */
    private static void playWithStallAfter(RtpSender sender, double[] tones, int stallAfter) {
        sender.sendSilence(LEAD_IN);
        for (int i = 0; i < tones.length; i++) {
            if (i == stallAfter) {
                sender.stall(STALL);
            }
            sender.sendTone(tones[i], SECOND);
        }
    }

    private static void assertEverySecondInOrder(List<Segment> runs, double[] tones) {
        List<Segment> toneRuns = runs.stream().filter(Segment::isTone).toList();
        assertThat(toneRuns).extracting(Segment::frequencyHz).as("tone runs %s", runs)
                .containsExactly(java.util.Arrays.stream(tones).boxed().toArray(Double[]::new));
        for (Segment run : toneRuns) {
            assertThat(run.lengthSamples()).as("length of %s in %s", run, runs).isBetween(7600, 8400);
        }
        for (int i = 1; i < toneRuns.size(); i++) {
            assertThat(toneRuns.get(i).startSample() - toneRuns.get(i - 1).startSample())
                    .as("one second from %s to %s", toneRuns.get(i - 1), toneRuns.get(i)).isBetween(7840, 8160);
        }
    }

    private static void assertAligned(int callerSample, int calleeSample, SentPacket callerClick,
                                      SentPacket calleeClick) {
        double sentApart = (callerClick.sentNanos() - calleeClick.sentNanos()) / 1e9;
        assertThat((callerSample - calleeSample) / 8000.0)
                .as("clicks sent %.3f s apart, at samples %d (caller) and %d (callee)", sentApart, callerSample,
                        calleeSample)
                .isCloseTo(sentApart, within(ALIGNED_SECONDS));
    }

    private static int loudest(short[] samples, int from, int to) {
        int at = from;
        for (int i = from + 1; i < Math.min(to, samples.length); i++) {
            if (Math.abs(samples[i]) > Math.abs(samples[at])) {
                at = i;
            }
        }
        return at;
    }
}
