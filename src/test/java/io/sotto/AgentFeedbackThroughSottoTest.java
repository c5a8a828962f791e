package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.ToneAnalyzer;
import io.sotto.testkit.ToneAnalyzer.Segment;
import io.sotto.testkit.WavFile;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.InviteOptions;

/**
 * What the agent's phone hears from Sotto, and what nobody else does: the agent (extension 1001
 * on the PBX) keys the control codes by RFC 4733 while the customer (the carrier's phone) talks
 * in a 400 Hz tone and the agent in 1500 Hz. The feedback tones (docs/feedback.md: 1000/1250 Hz
 * beeps, 330 Hz refusal, 2200 Hz warning) are looked for by Goertzel in 50 ms windows of the
 * audio each phone received and of each channel of the WAV.
 */
class AgentFeedbackThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration KEY = Duration.ofMillis(60);
    private static final Duration BETWEEN_KEYS = Duration.ofMillis(20);
    private static final int WINDOW = 400;
    private static final double CUSTOMER_HZ = 400;
    private static final double AGENT_HZ = 1500;
    private static final double LOW_BEEP_HZ = 1000;
    private static final double HIGH_BEEP_HZ = 1250;
    private static final double REFUSED_HZ = 330;
    private static final double WARNING_HZ = 2200;
    private static final double[] CANDIDATES = {CUSTOMER_HZ, AGENT_HZ, LOW_BEEP_HZ, HIGH_BEEP_HZ, REFUSED_HZ, WARNING_HZ};
    private static final double[] FEEDBACK = {LOW_BEEP_HZ, HIGH_BEEP_HZ, REFUSED_HZ, WARNING_HZ};
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void playsFallingBeepsOnPauseAndRisingOnResumeToTheAgentOnlyAndNeverRecordsThem() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();

        call.caller().rtp().sendTone(CUSTOMER_HZ, Duration.ofMillis(6000));
        call.callee().rtp().sendTone(AGENT_HZ, Duration.ofMillis(1000))
                .sendDtmfDigits("#11#", KEY, BETWEEN_KEYS)
                .sendTone(AGENT_HZ, Duration.ofMillis(1500))
                .sendDtmfDigits("#12#", KEY, BETWEEN_KEYS)
                .sendTone(AGENT_HZ, Duration.ofMillis(1000));
        awaitBothIdle(call);
        hangUp(call);

        assertThat(feedbackHeard(call.callee().rtpReceiver().audio()))
                .as("the agent hears two falling beeps at the pause, two rising ones at the resume")
                .containsExactly(HIGH_BEEP_HZ, LOW_BEEP_HZ, LOW_BEEP_HZ, HIGH_BEEP_HZ);
        assertThat(secondsOf(call.callee().rtpReceiver().audio(), CUSTOMER_HZ)).as("the customer between the beeps")
                .isGreaterThan(3.0);
        assertThat(feedbackHeard(call.caller().rtpReceiver().audio())).as("what the customer heard").isEmpty();
        assertThat(secondsOf(call.caller().rtpReceiver().audio(), AGENT_HZ)).isGreaterThan(3.0);
        assertThat(call.caller().rtpReceiver().dtmfEvents()).as("telephone-events reaching the customer").isEmpty();
        Path wav = sotto.onlyWav();
        assertNoFeedbackRecorded(wav);
        assertThat(secondsOf(channel(wav, 0), CUSTOMER_HZ)).as("the customer, recorded outside the pause")
                .isGreaterThan(1.0);
        assertThat(SottoUnderTest.metadataOf(wav).path("events")).extracting(event -> event.path("to").asText())
                .containsExactly("recording", "paused", "recording", "ended");
    }

    @Test
    void playsALowToneToAnAgentWhoseModeForbidsPausingAndStillHidesTheCode() {
        sotto = SottoUnderTest.start(dir, "numbers=[{number: '+15550100', control: always}]");
        Connected call = connect();

        call.caller().rtp().sendTone(CUSTOMER_HZ, Duration.ofMillis(2500));
        call.callee().rtp().sendTone(AGENT_HZ, Duration.ofMillis(500))
                .sendDtmfDigits("#11#", KEY, BETWEEN_KEYS)
                .sendTone(AGENT_HZ, Duration.ofMillis(1500));
        awaitBothIdle(call);
        hangUp(call);

        assertThat(feedbackHeard(call.callee().rtpReceiver().audio())).containsExactly(REFUSED_HZ);
        assertThat(feedbackHeard(call.caller().rtpReceiver().audio())).isEmpty();
        assertThat(call.caller().rtpReceiver().dtmfEvents()).isEmpty();
        Path wav = sotto.onlyWav();
        assertNoFeedbackRecorded(wav);
        assertThat(SottoUnderTest.metadataOf(wav).path("events")).extracting(event -> event.path("to").asText())
                .containsExactly("recording", "ended");
    }

    @Test
    void playsNothingWithFeedbackOffButStillHidesTheCode() {
        sotto = SottoUnderTest.start(dir, "company.dtmf.feedback=false");
        Connected call = connect();

        call.caller().rtp().sendTone(CUSTOMER_HZ, Duration.ofMillis(2000));
        call.callee().rtp().sendTone(AGENT_HZ, Duration.ofMillis(500)).sendDtmfDigits("#11#", KEY, BETWEEN_KEYS)
                .sendTone(AGENT_HZ, Duration.ofMillis(1000));
        awaitBothIdle(call);
        hangUp(call);

        assertThat(feedbackHeard(call.callee().rtpReceiver().audio())).isEmpty();
        assertThat(call.caller().rtpReceiver().dtmfEvents()).isEmpty();
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("events")).extracting(event -> event.path("to").asText())
                .containsExactly("recording", "paused", "ended");
    }

    @Test
    void relaysTheCustomersKeysWithoutAToneAndTheAgentsKeysThatStartNoCode() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();

        call.callee().rtp().sendTone(AGENT_HZ, Duration.ofMillis(1500)).sendDtmfDigits("4711", KEY, BETWEEN_KEYS);
        call.caller().rtp().sendDtmfDigits("#11#", KEY, BETWEEN_KEYS);
        awaitBothIdle(call);

        call.callee().rtpReceiver().awaitDtmfDigits("#11#", WAIT);
        call.caller().rtpReceiver().awaitDtmfDigits("4711", WAIT);
        hangUp(call);
        assertThat(feedbackHeard(call.caller().rtpReceiver().audio())).as("the customer hears no refusal").isEmpty();
        assertThat(secondsOf(call.caller().rtpReceiver().audio(), AGENT_HZ)).isGreaterThan(1.0);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("events")).as("the customer's #11# controls nothing")
                .hasSize(2);
    }

    @Test
    void keepsACodeKeyedAsInfoFromTheCustomerAndRelaysOtherKeys() {
        sotto = SottoUnderTest.start(dir);
        Connected call = connect();
        call.caller().rtp().sendTone(CUSTOMER_HZ, Duration.ofMillis(4000));

        for (char key : "#11#".toCharArray()) {
            assertThat(call.callee().info("application/dtmf-relay", "Signal=" + key + "\r\nDuration=160\r\n").status())
                    .isEqualTo(200);
        }
        assertThat(call.callee().info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n").status()).isEqualTo(200);
        call.caller().awaitRequest("INFO", WAIT);
        call.caller().rtp().awaitIdle(WAIT);
        hangUp(call);

        assertThat(call.caller().received()).filteredOn(received -> "INFO".equals(received.method()))
                .extracting(received -> received.body()).as("INFOs the customer received")
                .singleElement().asString().contains("Signal=5");
        assertThat(feedbackHeard(call.callee().rtpReceiver().audio())).containsExactly(HIGH_BEEP_HZ, LOW_BEEP_HZ);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("events")).extracting(event -> event.path("how").asText())
                .containsExactly("policy", "info", "hangup");
    }

    @Test
    void resumesByPolicyAtMaxPauseAfterAWarningEventAndToneToTheAgent() throws Exception {
        sotto = SottoUnderTest.start(dir, "company.max_pause=4",
                "users=[{id: alice, extension: '1001', token_sha256: '" + sha256("alice-token") + "'}]");
        Connected call = connect();
        BlockingQueue<String[]> events = openEventStream("alice-token");

        call.caller().rtp().sendTone(CUSTOMER_HZ, Duration.ofMillis(6500));
        call.callee().rtp().sendTone(AGENT_HZ, Duration.ofMillis(500));
        call.callee().rtp().awaitIdle(WAIT);
        assertThat(call.callee().info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);
        Instant paused = Instant.now();

        JsonNode pause = nextEvent(events, "recording");
        JsonNode warning = nextEvent(events, "pause_expiring");
        Instant warned = Instant.now();
        JsonNode resumed = nextEvent(events, "recording");
        Instant resumedAt = Instant.now();
        call.caller().rtp().awaitIdle(WAIT);
        hangUp(call);

        assertThat(pause.path("to").asText()).isEqualTo("paused");
        assertThat(warning.path("type").asText()).isEqualTo("pause_expiring");
        assertThat(warning.path("callId").asText()).isEqualTo(pause.path("callId").asText());
        assertThat(warning.path("recordingId").asText()).isEqualTo(pause.path("recordingId").asText());
        Instant resumesAt = Instant.parse(warning.path("resumesAt").asText());
        assertThat(Duration.between(paused, resumesAt).toMillis()).as("resumesAt after the pause").isBetween(3000L, 4100L);
        assertThat(Duration.between(paused, warned).toMillis()).as("warned half the limit before it").isGreaterThanOrEqualTo(1500L);
        assertThat(Duration.between(paused, resumedAt).toMillis()).isGreaterThanOrEqualTo(3800L);
        assertThat(resumed.path("from").asText()).isEqualTo("paused");
        assertThat(resumed.path("to").asText()).isEqualTo("recording");
        assertThat(resumed.path("how").asText()).isEqualTo("policy");
        assertThat(resumed.path("reason").asText()).isEqualTo("max pause");
        assertThat(resumed.path("who").isNull()).isTrue();
        assertThat(feedbackHeard(call.callee().rtpReceiver().audio())).as("warning, then the resume's rising beeps")
                .containsExactly(WARNING_HZ, WARNING_HZ, WARNING_HZ, LOW_BEEP_HZ, HIGH_BEEP_HZ);
        assertThat(feedbackHeard(call.caller().rtpReceiver().audio())).isEmpty();
        Path wav = sotto.onlyWav();
        assertNoFeedbackRecorded(wav);
        assertThat(SottoUnderTest.metadataOf(wav).path("events")).extracting(event -> event.path("how").asText())
                .containsExactly("policy", "info", "policy", "hangup");
    }

    private Connected connect() {
        return TestPhones.connect(sotto, phones.carrier(sotto, "carrier"), phones.pbx(sotto, "1001"), "+15550100",
                InviteOptions.defaults().from("+15550199"), AnswerOptions.defaults());
    }

    private void hangUp(Connected call) {
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(WAIT);
    }

    private static void awaitBothIdle(Connected call) {
        call.caller().rtp().awaitIdle(WAIT);
        call.callee().rtp().awaitIdle(WAIT);
    }

    /** The feedback tones in {@code audio}, in order, each beep once (at least two windows long). */
    private static List<Double> feedbackHeard(short[] audio) {
        return ToneAnalyzer.toneRuns(audio, WINDOW, CANDIDATES).stream()
                .filter(run -> contains(FEEDBACK, run.frequencyHz()) && run.lengthSamples() >= 2 * WINDOW)
                .map(Segment::frequencyHz).toList();
    }

    private static double secondsOf(short[] audio, double frequency) {
        return ToneAnalyzer.toneRuns(audio, WINDOW, CANDIDATES).stream()
                .filter(run -> run.frequencyHz() == frequency).mapToInt(Segment::lengthSamples).sum() / 8000.0;
    }

    /** Neither channel of the WAV holds a single window of a feedback tone. */
    private static void assertNoFeedbackRecorded(Path wav) {
        for (int channel = 0; channel < 2; channel++) {
            assertThat(ToneAnalyzer.toneRuns(channel(wav, channel), WINDOW, CANDIDATES))
                    .as("channel %d of the recording", channel)
                    .noneMatch(run -> contains(FEEDBACK, run.frequencyHz()));
        }
    }

    private static short[] channel(Path wav, int channel) {
        try {
            return WavFile.read(wav).channel(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(double[] frequencies, double frequency) {
        for (double candidate : frequencies) {
            if (candidate == frequency) {
                return true;
            }
        }
        return false;
    }

    /** The event stream of the token's user, as {name, data} pairs read on a daemon thread. */
    private BlockingQueue<String[]> openEventStream(String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create("http://" + SottoUnderTest.LOOPBACK + ":" + sotto.httpPort() + "/api/v1/events"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readEvents(stream.body(), events), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static void readEvents(InputStream in, BlockingQueue<String[]> events) {
        StringBuilder line = new StringBuilder();
        String name = null;
        try (in) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String text = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                line.setLength(0);
                if (text.startsWith("event: ")) {
                    name = text.substring("event: ".length());
                } else if (text.startsWith("data: ")) {
                    events.add(new String[] {name, text.substring("data: ".length())});
                }
            }
        } catch (IOException e) {
            // the stream closes when Sotto stops
        }
    }

    private static JsonNode nextEvent(BlockingQueue<String[]> events, String name) throws Exception {
        String[] event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event %s within %s", name, WAIT).isNotNull();
        assertThat(event[0]).isEqualTo(name);
        return JSON.readTree(event[1]);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
