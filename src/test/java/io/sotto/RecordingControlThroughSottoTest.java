package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.ToneAnalyzer.Segment;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.SipReply;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * Pause and resume through Sotto, triggered by the PBX-side agent with INFO Recording-Control
 * and RFC 4733 DTMF, under the recording policy; the recording checked by which tones it holds.
 * The caller plays 400 Hz, then 600 Hz, then 800 Hz, one second each; the agent pauses for the
 * second one, so a PCI-clean file holds 400 and 800 Hz and no 600 Hz.
 */
class RecordingControlThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final double EDGE_SECONDS = 0.15;

    @Test
    void cutsThePausedSecondOutOfTheFileWhenTheAgentPausesByInfo() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();

        playThreeSecondsPausingTheMiddleOne(call, () -> info(call.callee(), "pause;reason=\"card number\""),
                () -> info(call.callee(), "resume"));

        Path wav = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(audio.wav().durationSeconds()).isCloseTo(2.0, within(0.25));
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {400})).isGreaterThan(0.8);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {600})).isLessThan(EDGE_SECONDS);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {800})).isGreaterThan(0.8);
        JsonNode metadata = SottoUnderTest.metadataOf(wav);
        assertThat(metadata.path("events")).extracting(event -> event.path("to").asText())
                .containsExactly("recording", "paused", "recording", "ended");
        JsonNode pause = metadata.path("events").get(1);
        assertThat(pause.path("how").asText()).isEqualTo("info");
        assertThat(pause.path("reason").asText()).isEqualTo("card number");
        assertThat(metadata.path("segments")).hasSize(2);
    }

    @Test
    void keepsThePausedSecondAsSilenceOnBothChannelsInSilenceMode() {
        sotto = SottoUnderTest.start(dir, "recording.pause_behavior=silence");
        Connected call = connect();
        call.callee().rtp().sendTone(1500, Duration.ofMillis(3000));

        playThreeSecondsPausingTheMiddleOne(call, () -> info(call.callee(), "pause"), () -> info(call.callee(), "resume"));

        RecordedAudio audio = RecordedAudio.read(sotto.onlyWav());
        assertThat(audio.wav().durationSeconds()).isCloseTo(3.0, within(0.25));
        Segment left = RecordedAudio.longestSilence(audio.callerRuns()).orElseThrow();
        Segment right = RecordedAudio.longestSilence(audio.calleeRuns()).orElseThrow();
        assertThat(left.endSeconds() - left.startSeconds()).isCloseTo(1.0, within(EDGE_SECONDS));
        assertThat(left.startSeconds()).isCloseTo(right.startSeconds(), within(0.03));
        assertThat(left.endSeconds()).isCloseTo(right.endSeconds(), within(0.03));
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {600})).isLessThan(EDGE_SECONDS);
    }

    @Test
    void pausesOnPoundElevenPoundAndResumesOnPoundTwelvePoundFromTheAgentsPhone() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();

        playThreeSecondsPausingTheMiddleOne(call,
                () -> call.callee().rtp().sendDtmfDigits("#11#", Duration.ofMillis(60), Duration.ofMillis(20)),
                () -> call.callee().rtp().sendDtmfDigits("#12#", Duration.ofMillis(60), Duration.ofMillis(20)),
                Duration.ofMillis(4 * 80));

        Path wav = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {400})).isGreaterThan(0.8);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {600})).isLessThan(EDGE_SECONDS);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {800})).isGreaterThan(0.8);
        assertThat(SottoUnderTest.metadataOf(wav).path("events")).extracting(event -> event.path("how").asText())
                .containsExactly("policy", "dtmf", "dtmf", "hangup");
    }

    @Test
    void refusesAPauseWith403WhenTheNumbersModeIsAlways() {
        sotto = SottoUnderTest.start(dir, "numbers=[{number: '+15550100', control: always}]");
        Connected call = connect();

        SipReply reply = call.callee().info(Map.of("Recording-Control", "pause"), null, null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.reason()).contains("always");
        assertThat(call.caller().received()).noneMatch(received -> "INFO".equals(received.method()));
        hangUp(call);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("events")).hasSize(2);
    }

    @Test
    void answers409ToAPauseWhileAlreadyPaused() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();

        assertThat(info(call.callee(), "pause").status()).isEqualTo(200);
        SipReply again = info(call.callee(), "pause");

        assertThat(again.status()).isEqualTo(409);
        sotto.awaitStatus(status -> status.forkBacklogBytes() == 0, SETTLE);
        assertThat(SottoUnderTest.awaitMetadata(sotto.onlyWav(), json -> json.path("events").size() >= 2, SETTLE)
                .path("events"))
                .as("the JSON written while the call goes on").extracting(event -> event.path("to").asText())
                .containsExactly("recording", "paused");
        hangUp(call);
    }

    @Test
    void neverLetsTheCustomerControlTheRecording() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();

        SipReply reply = call.caller().info(Map.of("Recording-Control", "pause"), null, null);

        assertThat(reply.status()).isEqualTo(403);
        hangUp(call);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("events")).hasSize(2);
    }

    @Test
    void startsAnOnDemandCallOnlyWhenTheAgentKeysPoundTwelvePound() {
        sotto = SottoUnderTest.start(dir, "company.control=on_demand", "company.record.inbound=false");
        Connected call = connect();
        call.caller().rtp().sendTone(400, Duration.ofMillis(600));
        call.caller().rtp().awaitIdle(WAIT);
        assertThat(sotto.wavFiles()).isEmpty();

        call.callee().rtp().sendDtmfDigits("#12#", Duration.ofMillis(60), Duration.ofMillis(20));
        call.callee().rtp().awaitIdle(WAIT);
        call.caller().rtp().sendTone(800, Duration.ofMillis(800));
        call.caller().rtp().awaitIdle(WAIT);
        hangUp(call);

        Path wav = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {400})).isZero();
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {800})).isGreaterThan(0.6);
        assertThat(SottoUnderTest.metadataOf(wav).path("events").get(0).path("how").asText()).isEqualTo("dtmf");
    }

    @Test
    void refusesAnInternalPauseNamingTheAgentWhoLacksThePermission() {
        sotto = SottoUnderTest.start(dir, "company.record.internal=true",
                "users=[{id: alice, extension: '1001', control: pause_resume}, {id: bob, extension: '1002', control: always}]");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        TestCall outgoing = pbx.invite("sip:1002@" + LOOPBACK + ":" + sotto.sipPort(), InviteOptions.defaults().from("1001"));
        TestCall incoming = pbx.awaitIncoming(WAIT);
        incoming.answer(AnswerOptions.defaults().contactUser("1002"));
        outgoing.awaitState(CallState.CONFIRMED, WAIT);

        SipReply reply = outgoing.info(Map.of("Recording-Control", "pause"), null, null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.reason()).contains("bob");
        assertThat(outgoing.bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void neverWritesTheDigitsACustomerKeysToAnyLogOrFile() throws Exception {
        String card = "4111111111111111";
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(ch.qos.logback.classic.Level.ALL);
        try {
            sotto = SottoUnderTest.start(dir);
            Connected call = connect();
            call.caller().rtp().sendDtmfDigits(card, Duration.ofMillis(60), Duration.ofMillis(20));
            call.caller().rtp().awaitIdle(WAIT);
            for (char digit : card.toCharArray()) {
                call.caller().info("application/dtmf-relay", "Signal=" + digit + "\r\nDuration=160\r\n");
            }
            hangUp(call);
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }

        List<String> lines = logs.list.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())).toList();
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(card) || line.contains("4111 1111") || line.contains("Signal="));
        Path wav = sotto.onlyWav();
        String json = java.nio.file.Files.readString(wav.resolveSibling(wav.getFileName().toString().replace(".wav", ".json")));
        assertThat(json).doesNotContain(card).doesNotContain("\"digits\"");
    }

    private Connected connect() {
        return TestPhones.connect(sotto, phones.carrier(sotto, "carrier"), phones.pbx(sotto, "1001"), "+15550100",
                InviteOptions.defaults().from("+15550199"), AnswerOptions.defaults());
    }

    private static SipReply info(TestCall call, String control) {
        SipReply reply = call.info(Map.of("Recording-Control", control), null, null);
        assertThat(reply.status()).as("INFO Recording-Control: %s", control).isIn(200, 403, 409);
        return reply;
    }

    /** The caller plays 400, 600 and 800 Hz for a second each; {@code pause} takes effect at 1 s, {@code resume} at 2 s. */
    private void playThreeSecondsPausingTheMiddleOne(Connected call, Runnable pause, Runnable resume) {
        playThreeSecondsPausingTheMiddleOne(call, pause, resume, Duration.ZERO);
    }

    /** As above, for triggers that take {@code keying} to complete, started that much earlier. */
    private void playThreeSecondsPausingTheMiddleOne(Connected call, Runnable pause, Runnable resume, Duration keying) {
        Instant start = Instant.now();
        call.caller().rtp().sendTone(400, Duration.ofSeconds(1)).sendTone(600, Duration.ofSeconds(1))
                .sendTone(800, Duration.ofSeconds(1));
        sleepUntil(start.plusMillis(1000).minus(keying));
        pause.run();
        sleepUntil(start.plusMillis(2000).minus(keying));
        resume.run();
        call.caller().rtp().awaitIdle(WAIT);
        hangUp(call);
    }

    private void hangUp(Connected call) {
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);
    }

    private static void sleepUntil(Instant when) {
        long nanos = Duration.between(Instant.now(), when).toNanos();
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
