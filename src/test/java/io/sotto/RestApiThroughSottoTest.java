package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.TestCall;

/**
 * The REST API of a running Sotto over real HTTP, with a real call through it: bearer tokens,
 * who sees which call, recording actions and their outcomes, and the event stream.
 */
class RestApiThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    private void start(String aliceControl) {
        sotto = SottoUnderTest.start(dir, "users=["
                + "{id: alice, extension: '1001', role: agent, groups: [sales], control: " + aliceControl
                + ", token_sha256: '" + sha256("alice-token") + "'},"
                + "{id: carol, extension: '1003', role: agent, groups: [support], token_sha256: '" + sha256("carol-token") + "'},"
                + "{id: dave, extension: '1004', role: agent, groups: [sales], visibility: groups,"
                + " token_sha256: '" + sha256("dave-token") + "'},"
                + "{id: sam, role: supervisor, token_sha256: '" + sha256("sam-token") + "'},"
                + "{id: ann, role: analyst, token_sha256: '" + sha256("ann-token") + "'}]");
    }

    @Test
    void showsACallToAgentsOfTheSameGroupWithGroupsVisibilityAndLetsAnalystsSeeButNotAct() throws Exception {
        start("pause_resume");
        callToAlice();
        String id = onlyCallId("alice-token");

        assertThat(json(get("dave-token", "/api/v1/calls")).path("total").asInt()).isEqualTo(1);
        assertThat(post("dave-token", id, "pause", "").statusCode()).isEqualTo(403);
        assertThat(get("ann-token", "/api/v1/calls/" + id).statusCode()).isEqualTo(200);
        HttpResponse<String> byAnalyst = post("ann-token", id, "pause", "");
        assertThat(byAnalyst.statusCode()).isEqualTo(403);
        assertThat(json(byAnalyst).path("detail").asText()).contains("analyst");
        HttpResponse<String> bySupervisor = post("sam-token", id, "toggle", "");
        assertThat(json(bySupervisor).path("recording").path("state").asText()).isEqualTo("paused");
    }

    @Test
    void letsTheCallsAgentPauseAndResumeAndAnswersConflictForAPauseWhilePaused() throws Exception {
        start("pause_resume");
        TestCall call = callToAlice();
        String id = onlyCallId("alice-token");

        HttpResponse<String> paused = post("alice-token", id, "pause", "{\"reason\": \"card number\"}");
        HttpResponse<String> again = post("alice-token", id, "pause", "");
        HttpResponse<String> resumed = post("alice-token", id, "resume", "");

        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).path("recording").path("state").asText()).isEqualTo("paused");
        assertThat(json(paused).path("id").asText()).isEqualTo(id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText()).isEqualTo("conflict");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed).path("recording").path("state").asText()).isEqualTo("recording");
        assertThat(call.bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(WAIT);
        JsonNode events = SottoUnderTest.metadataOf(sotto.onlyWav()).path("events");
        assertThat(events.get(1).path("how").asText()).isEqualTo("api");
        assertThat(events.get(1).path("who").asText()).isEqualTo("alice");
        assertThat(events.get(1).path("reason").asText()).isEqualTo("card number");
    }

    @Test
    void hidesACallFromAnotherAgentAsNotFound() throws Exception {
        start("pause_resume");
        callToAlice();
        String id = onlyCallId("alice-token");

        assertThat(json(get("carol-token", "/api/v1/calls")).path("items")).isEmpty();
        assertThat(json(get("carol-token", "/api/v1/calls")).path("total").asInt()).isZero();
        assertThat(get("carol-token", "/api/v1/calls/" + id).statusCode()).isEqualTo(404);
        HttpResponse<String> pause = post("carol-token", id, "pause", "");
        assertThat(pause.statusCode()).isEqualTo(404);
        assertThat(json(pause).path("error").asText()).isEqualTo("not_found");
        assertThat(get("sam-token", "/api/v1/calls/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void showsACallToANumberOfTheirGroupThatNoAgentTookToTheGroupsAgents() throws Exception {
        sotto = SottoUnderTest.start(dir, "users=["
                        + "{id: alice, extension: '1001', groups: [sales], token_sha256: '" + sha256("alice-token") + "'},"
                        + "{id: carol, extension: '1003', groups: [support], token_sha256: '" + sha256("carol-token") + "'}]",
                "numbers=[{number: '+15550200', groups: [sales]}]");
        // answered by the PBX's voicemail, an extension that is no user's
        TestCall voicemail = TestPhones.connect(sotto, phones.carrier(sotto, "carrier"), phones.pbx(sotto, "2000"),
                "+15550200", InviteOptions.defaults(), AnswerOptions.defaults()).callee();

        JsonNode seen = json(get("alice-token", "/api/v1/calls"));
        assertThat(seen.path("total").asInt()).isEqualTo(1);
        assertThat(seen.path("items").get(0).path("agents")).isEmpty();
        assertThat(json(get("carol-token", "/api/v1/calls")).path("total").asInt()).isZero();
        assertThat(voicemail.bye().status()).isEqualTo(200);
    }

    @Test
    void answersAgentsWhileACallWhoseRequestUriHasNoUserIsUpAndListsItToSupervisors() throws Exception {
        start("pause_resume");
        // INVITE sip:host (RFC 3261 allows a Request-URI without user): no number, and no agent took it
        TestCall caller = phones.carrier(sotto, "carrier").invite("sip:" + LOOPBACK + ":" + sotto.sipPort(),
                InviteOptions.defaults());
        TestCall callee = phones.pbx(sotto, "2000").awaitIncoming(WAIT);
        callee.answer();
        caller.awaitState(CallState.CONFIRMED, WAIT);

        HttpResponse<String> byAgent = get("alice-token", "/api/v1/calls");
        assertThat(byAgent.statusCode()).as(byAgent.body()).isEqualTo(200);
        assertThat(json(byAgent).path("total").asInt()).isZero();
        JsonNode seen = json(get("sam-token", "/api/v1/calls"));
        assertThat(seen.path("total").asInt()).isEqualTo(1);
        JsonNode call = seen.path("items").get(0);
        assertThat(call.path("number").isNull()).isTrue();
        assertThat(call.path("callee").isNull()).isTrue();
        assertThat(get("alice-token", "/api/v1/calls/" + call.path("id").asText()).statusCode()).isEqualTo(404);
        assertThat(caller.bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(WAIT);
        String recording = SottoUnderTest.metadataOf(sotto.onlyWav()).path("recordingId").asText();
        assertThat(new RestClient(sotto::httpPort).awaitRecordings("sam-token", 1).path("items").get(0).path("id").asText()).isEqualTo(recording);
        HttpResponse<String> recordingsByAgent = get("alice-token", "/api/v1/recordings");
        assertThat(recordingsByAgent.statusCode()).as(recordingsByAgent.body()).isEqualTo(200);
        assertThat(json(recordingsByAgent).path("total").asInt()).isZero();
        assertThat(get("alice-token", "/api/v1/recordings/" + recording).statusCode()).isEqualTo(404);
        assertThat(get("sam-token", "/api/v1/recordings/" + recording).statusCode()).isEqualTo(200);
    }

    @Test
    void findsTheAgentOfAnOutboundCallWhoseAssertedIdentityIsATelUri() throws Exception {
        start("pause_resume");
        // RFC 3966: P-Asserted-Identity as a tel URI, as PBXs and trunks often send it
        TestPhones.connect(sotto, phones.pbx(sotto, "pbx"), phones.carrier(sotto, "carrier"), "+15559999",
                InviteOptions.defaults().header("P-Asserted-Identity", "<tel:1001>"), AnswerOptions.defaults());

        JsonNode seen = json(get("alice-token", "/api/v1/calls"));
        assertThat(seen.path("total").asInt()).isEqualTo(1);
        assertThat(seen.path("items").get(0).path("direction").asText()).isEqualTo("outbound");
        assertThat(seen.path("items").get(0).path("agents").toString()).isEqualTo("[\"alice\"]");
    }

    @Test
    void refusesAPauseTheAgentsModeForbidsWith403() throws Exception {
        start("always");
        callToAlice();
        String id = onlyCallId("alice-token");

        HttpResponse<String> pause = post("alice-token", id, "pause", "");

        assertThat(pause.statusCode()).isEqualTo(403);
        assertThat(json(pause).path("error").asText()).isEqualTo("forbidden");
        assertThat(json(pause).path("detail").asText()).contains("always");
    }

    @Test
    void listsForEachUserTheActionsTheirRequestWouldBeGrantedAndWhyTheOthersWouldBeRefused() throws Exception {
        start("pause_resume");
        callToAlice();
        String id = onlyCallId("alice-token");

        JsonNode byAlice = json(get("alice-token", "/api/v1/calls")).path("items").get(0);
        JsonNode bySupervisor = json(get("sam-token", "/api/v1/calls/" + id));
        JsonNode byAnalyst = json(get("ann-token", "/api/v1/calls/" + id));

        assertThat(byAlice.path("actions").toString()).isEqualTo("[\"pause\",\"toggle\"]");
        assertThat(byAlice.path("denied").path("stop").path("error").asText()).isEqualTo("forbidden");
        assertThat(byAlice.path("denied").path("resume").path("error").asText()).isEqualTo("conflict");
        assertThat(bySupervisor.path("actions").toString()).isEqualTo("[\"pause\",\"toggle\",\"stop\"]");
        assertThat(byAnalyst.path("actions")).isEmpty();
        assertThat(byAnalyst.path("denied").path("pause").path("detail").asText()).contains("analyst");
        // what the list says of an action is what a request for it is answered
        HttpResponse<String> stop = post("alice-token", id, "stop", "");
        assertThat(stop.statusCode()).isEqualTo(403);
        assertThat(json(stop).path("detail").asText()).isEqualTo(byAlice.path("denied").path("stop").path("detail").asText());
        HttpResponse<String> resume = post("alice-token", id, "resume", "");
        assertThat(resume.statusCode()).isEqualTo(409);
        assertThat(json(resume).path("detail").asText())
                .isEqualTo(byAlice.path("denied").path("resume").path("detail").asText());
        JsonNode me = json(get("alice-token", "/api/v1/me"));
        assertThat(me.path("id").asText()).isEqualTo("alice");
        assertThat(me.path("role").asText()).isEqualTo("agent");
        assertThat(json(get("sam-token", "/api/v1/me")).path("role").asText()).isEqualTo("supervisor");
        HttpResponse<String> paused = post("alice-token", id, "pause", "");
        assertThat(json(paused).path("actions").toString()).isEqualTo("[\"resume\",\"toggle\"]");
        assertThat(json(get("alice-token", "/api/v1/calls/" + id)).path("actions").toString())
                .isEqualTo("[\"resume\",\"toggle\"]");
    }

    @Test
    void answersUnauthorizedWithoutAValidTokenAndBadRequestForBadJson() throws Exception {
        start("pause_resume");
        callToAlice();
        String id = onlyCallId("alice-token");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/calls")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(get("wrong-token", "/api/v1/calls").statusCode()).isEqualTo(401);
        assertThat(post("alice-token", id, "pause", "{not json").statusCode()).isEqualTo(400);
        assertThat(post("alice-token", id, "dance", "").statusCode()).isEqualTo(404);
    }

    @Test
    void streamsEachStateChangeToAListenerThatMaySeeTheCall() throws Exception {
        start("pause_resume");
        TestCall call = callToAlice();
        String id = onlyCallId("alice-token");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Authorization", "Bearer alice-token").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> readLines(stream.body(), lines), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        BlockingQueue<String> supervisorLines = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> supervisorStream = http.send(HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Authorization", "Bearer sam-token").build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread supervisorReader = new Thread(() -> readLines(supervisorStream.body(), supervisorLines), "sse-reader-sam");
        supervisorReader.setDaemon(true);
        supervisorReader.start();

        long triggered = System.nanoTime();
        assertThat(call.info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);
        String data = nextData(lines);
        long deliveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - triggered);
        JsonNode supervisorEvent = JSON.readTree(nextData(supervisorLines));

        JsonNode event = JSON.readTree(data);
        assertThat(event.path("callId").asText()).isEqualTo(id);
        assertThat(event.path("from").asText()).isEqualTo("recording");
        assertThat(event.path("to").asText()).isEqualTo("paused");
        assertThat(event.path("how").asText()).isEqualTo("info");
        assertThat(event.path("who").asText()).isEqualTo("alice");
        assertThat(event.has("at") && event.has("reason") && event.has("recordingId")).isTrue();
        // each subscriber is told what they themselves may do next
        assertThat(event.path("actions").toString()).isEqualTo("[\"resume\",\"toggle\"]");
        assertThat(event.path("denied").path("stop").path("detail").asText()).contains("pause_resume");
        assertThat(supervisorEvent.path("callId").asText()).isEqualTo(id);
        assertThat(supervisorEvent.path("actions").toString()).isEqualTo("[\"resume\",\"toggle\",\"stop\"]");
        assertThat(deliveredMillis).as("the event reached the listener %d ms after the trigger", deliveredMillis)
                .isLessThan(100);
        stream.body().close();
        supervisorStream.body().close();
    }

    private TestCall callToAlice() {
        return TestPhones.connect(sotto, phones.carrier(sotto, "carrier"), phones.pbx(sotto, "1001"), "+15550100",
                InviteOptions.defaults(), AnswerOptions.defaults()).callee();
    }

    private String onlyCallId(String token) throws Exception {
        JsonNode list = json(get(token, "/api/v1/calls"));
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.has("next")).isTrue();
        JsonNode call = list.path("items").get(0);
        assertThat(call.path("direction").asText()).isEqualTo("inbound");
        assertThat(call.path("agents").toString()).contains("alice");
        return call.path("id").asText();
    }

    private HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String token, String id, String action, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/calls/" + id + "/recording/" + action))
                        .header("Authorization", "Bearer " + token).timeout(WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + LOOPBACK + ":" + sotto.httpPort() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void readLines(InputStream in, BlockingQueue<String> lines) {
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        } catch (IOException e) {
            lines.add("closed: " + e.getMessage());
        }
    }

    private static String nextData(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data: ")) {
                return new String(line.substring("data: ".length()).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no event within " + WAIT);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
