package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.TestPhones.Connected;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.Received;
import io.sotto.testkit.phone.SipReply;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * Transfers through Sotto with JAIN-SIP phones (SPEC 6): a customer on the trunk calls agent 1001
 * on the PBX, who hands the customer on to 1002, blind (REFER) or attended (REFER with Replaces,
 * INVITE with Replaces). Before the transfer the customer plays 400 Hz and the agent 1400 Hz;
 * after it the customer plays 600 Hz and the new party 1600 Hz, so each recording's content
 * shows where it ends.
 */
class TransferThroughSottoTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration BEFORE = Duration.ofMillis(1500);
    private static final Duration AFTER = Duration.ofMillis(1500);
    private static final double[] BEFORE_CUSTOMER = {400};
    private static final double[] BEFORE_AGENT = {1400};
    private static final double[] AFTER_CUSTOMER = {600};
    private static final double[] AFTER_TARGET = {1600};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SottoUnderTest sotto;
    private final TestPhones phones = new TestPhones();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @AfterEach
    void stopAll() {
        try {
            phones.close();
        } finally {
            if (sotto != null) {
                sotto.close();
            }
        }
    }

    @Test
    void endsTheFirstRecordingAtTheBlindTransferAndRecordsTheTransferredCallAfresh() throws Exception {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);
        String firstRecordingId = liveCall("bob-token").path("recording").path("id").asText();

        SipReply accepted = call.callee().refer("sip:1002@" + LOOPBACK + ":" + sotto.sipPort());
        TestCall target = pbx.awaitIncoming(WAIT);
        assertThat(target.invite().getRequestURI().toString()).contains("1002");
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        target.awaitState(CallState.CONFIRMED, WAIT);
        call.callee().awaitBye(WAIT);
        call.caller().awaitRequest("INVITE", WAIT);

        assertThat(accepted.status()).isEqualTo(202);
        List<Received> notifies = call.callee().awaitRequests("NOTIFY", 2, WAIT);
        assertThat(notifies).extracting(Received::body).containsExactly("SIP/2.0 100 Trying\r\n", "SIP/2.0 200 OK\r\n");
        assertThat(notifies).allSatisfy(notify -> {
            assertThat(notify.header("Event")).isEqualTo("refer");
            assertThat(notify.header("Content-Type")).startsWith("message/sipfrag");
        });
        assertThat(notifies.get(0).header("Subscription-State")).startsWith("active");
        assertThat(notifies.get(1).header("Subscription-State")).startsWith("terminated");
        JsonNode live = awaitLiveCallAgent("carol-token", "carol");
        assertThat(live.path("recording").path("id").asText()).isNotEqualTo(firstRecordingId);

        call.caller().rtpReceiver().clear();
        talk(call.caller(), target, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().rtpReceiver().awaitTone(AFTER_TARGET[0], WAIT)).isNotEmpty();
        assertThat(target.rtpReceiver().awaitTone(AFTER_CUSTOMER[0], WAIT)).isNotEmpty();
        assertThat(call.caller().bye().status()).isEqualTo(200);
        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);

        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);
        assertBeforeTheTransferOnly(wavs.get(0));
        RecordedAudio second = RecordedAudio.read(wavs.get(1));
        assertThat(RecordedAudio.secondsOf(second.callerRuns(), AFTER_CUSTOMER)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(second.calleeRuns(), AFTER_TARGET)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(second.callerRuns(), BEFORE_CUSTOMER)).isZero();
        JsonNode first = SottoUnderTest.metadataOf(wavs.get(0));
        JsonNode next = SottoUnderTest.metadataOf(wavs.get(1));
        assertThat(first.path("recordingId").asText()).isEqualTo(firstRecordingId);
        assertThat(first.path("endReason").asText()).isEqualTo("transferred");
        JsonNode lastEvent = first.path("events").get(first.path("events").size() - 1);
        assertThat(lastEvent.path("to").asText()).isEqualTo("ended");
        assertThat(lastEvent.path("how").asText()).isEqualTo("transfer");
        assertThat(first.path("agents")).extracting(JsonNode::asText).containsExactly("bob");
        assertThat(next.path("agents")).extracting(JsonNode::asText).containsExactly("carol");
        assertThat(next.path("callee").asText()).isEqualTo("1002");
        assertThat(next.path("endReason").asText()).isEqualTo("hangup");
        assertThat(first.path("linkedRecordings")).extracting(JsonNode::asText)
                .containsExactly(next.path("recordingId").asText());
        assertThat(next.path("linkedRecordings")).extracting(JsonNode::asText).containsExactly(firstRecordingId);
        assertThat(first.path("sha256").asText()).hasSize(64);
    }

    private void assertBeforeTheTransferOnly(Path wav) {
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), BEFORE_CUSTOMER)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), BEFORE_AGENT)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), AFTER_CUSTOMER)).isZero();
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), AFTER_TARGET)).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void start(String... sets) {
        String[] all = new String[sets.length + 1];
        all[0] = "users=[{id: bob, extension: '1001', role: agent, token_sha256: '" + sha256("bob-token") + "'},"
                + " {id: carol, extension: '1002', role: agent, token_sha256: '" + sha256("carol-token") + "'},"
                + " {id: dan, extension: '1003', role: agent}]";
        System.arraycopy(sets, 0, all, 1, sets.length);
        sotto = SottoUnderTest.start(dir, all);
    }

    /** The customer calls +15550100; the PBX phone answers as 1001. */
    private Connected connect(TestPhone pbx) {
        return TestPhones.connect(sotto, phones.carrier(sotto, "customer"), pbx, "+15550100",
                InviteOptions.defaults().from("+15550199"), AnswerOptions.defaults().contactUser("1001"));
    }

    /** Both parties play their tone for {@code length} at once, and are done when this returns. */
    private static void talk(TestCall one, TestCall other, double oneHz, double otherHz, Duration length) {
        one.rtp().sendTone(oneHz, length);
        other.rtp().sendTone(otherHz, length);
        one.rtp().awaitIdle(WAIT);
        other.rtp().awaitIdle(WAIT);
    }

    private JsonNode liveCall(String token) throws Exception {
        JsonNode calls = JSON.readTree(get(token, "/api/v1/calls").body());
        assertThat(calls.path("items")).as("live calls %s sees", token).hasSize(1);
        return calls.path("items").get(0);
    }

    /** Polls /api/v1/calls until the one live call has {@code agent}; the view follows the transfer. */
    private JsonNode awaitLiveCallAgent(String token, String agent) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode call = null;
        while (System.nanoTime() - deadline < 0) {
            JsonNode items = JSON.readTree(get(token, "/api/v1/calls").body()).path("items");
            call = items.size() == 1 ? items.get(0) : null;
            if (call != null && call.path("agents").toString().contains("\"" + agent + "\"")
                    && "recording".equals(call.path("recording").path("state").asText())) {
                return call;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError("the live call never showed agent " + agent + ": " + call);
    }

    private HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + sotto.httpPort() + path))
                .header("Authorization", "Bearer " + token).timeout(WAIT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
