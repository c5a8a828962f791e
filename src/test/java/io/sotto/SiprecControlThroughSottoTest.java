package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SIPREC session under the same control as a B2BUA call: the agent found by a participant's AoR
 * sees it and pauses it by REST; the recording client's own pause (a=inactive) and resume never
 * undo the agent's pause; a partial metadata update reaches the JSON and the metadata file.
 */
class SiprecControlThroughSottoTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MULTIPART = "multipart/mixed;boundary=foobar";

    @TempDir
    Path dir;

    private SottoUnderTest sotto;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @BeforeEach
    void startSotto() {
        sotto = SottoUnderTest.startWithRecordingClient(dir,
                "users=[{id: alice, extension: '1001', token_sha256: '" + sha256("alice-token") + "'}]");
    }

    @AfterEach
    void stopSotto() {
        if (sotto != null) {
            sotto.close();
        }
    }

    @Test
    void letsTheAgentPauseByRestAndKeepsThatPauseThroughTheClientsPauseAndResume() throws Exception {
        String offer = corpusBody("cube-crlf.sip");
        try (SiprecClient client = new SiprecClient(sotto.srcPort(), sotto.sipPort())) {
            assertThat(client.invite(MULTIPART, "siprec", bytes(offer)).status()).isEqualTo(200);
            JsonNode calls = json(get("/api/v1/calls"));
            assertThat(calls.path("total").asInt()).isEqualTo(1);
            JsonNode call = calls.path("items").get(0);
            assertThat(call.path("direction").asText()).isEqualTo("inbound");
            assertThat(call.path("agents")).extracting(JsonNode::asText).containsExactly("alice");
            String id = call.path("id").asText();

            assertThat(post(id, "pause").statusCode()).isEqualTo(200);
            assertThat(client.reinvite(MULTIPART, bytes(offer.replace("a=sendonly", "a=inactive"))).status())
                    .isEqualTo(200);
            String update = offer.replace("<datamode>complete</datamode>", "<datamode>partial</datamode>")
                    .replace("<participant participant_id=\"p-customer\">",
                            "<participant participant_id=\"p-supervisor\"><nameID aor=\"sip:2000@pbx.example\"/>"
                                    + "</participant><participant participant_id=\"p-customer\">");
            assertThat(client.reinvite(MULTIPART, bytes(update)).status()).isEqualTo(200);
            assertThat(json(get("/api/v1/calls/" + id)).path("recording").path("state").asText()).isEqualTo("paused");
            assertThat(post(id, "resume").statusCode()).isEqualTo(200);
            assertThat(client.bye().status()).isEqualTo(200);
        }

        sotto.awaitNothingHeld(WAIT);
        Path wav = sotto.onlyWav();
        JsonNode metadata = SottoUnderTest.metadataOf(wav);
        assertThat(metadata.path("events")).extracting(e -> e.path("to").asText() + "/" + e.path("how").asText()
                        + "/" + e.path("who").asText())
                .containsExactly("recording/policy/null", "paused/api/alice", "recording/api/alice", "ended/hangup/null");
        assertThat(metadata.path("siprec").path("participants")).extracting(p -> p.path("id").asText())
                .containsExactly("p-customer", "p-agent", "p-supervisor");
        Path xml = wav.resolveSibling(metadata.path("siprec").path("metadataFile").asText());
        assertThat(Files.readString(xml)).contains("p-supervisor").contains("<datamode>partial</datamode>");
    }

    @Test
    void pausesForAnUpdateWithEveryStreamInactiveAndKeepsTheSessionThroughARefusedReoffer() throws Exception {
        String offer = corpusBody("cube-crlf.sip");
        try (SiprecClient client = new SiprecClient(sotto.srcPort(), sotto.sipPort())) {
            assertThat(client.invite(MULTIPART, "siprec", bytes(offer)).status()).isEqualTo(200);
            SiprecClient.Answer paused = client.update(MULTIPART, bytes(offer.replace("a=sendonly", "a=inactive")));
            SiprecClient.Answer refused = client.reinvite(MULTIPART, bytes(offer.replace("</recording>", "")));
            SiprecClient.Answer resumed = client.update(MULTIPART, bytes(offer));

            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.body()).contains("a=inactive").doesNotContain("a=recvonly");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.reason()).startsWith("Bad metadata XML");
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.body()).contains("a=recvonly");
            assertThat(client.bye().status()).isEqualTo(200);
        }

        sotto.awaitNothingHeld(WAIT);
        JsonNode metadata = SottoUnderTest.metadataOf(sotto.onlyWav());
        assertThat(metadata.path("events")).extracting(e -> e.path("to").asText() + "/" + e.path("how").asText())
                .containsExactly("recording/policy", "paused/siprec", "recording/siprec", "ended/hangup");
    }

    /** The body of a corpus file, after its header lines. */
    private static String corpusBody(String name) throws Exception {
        String text = Files.readString(Path.of(SiprecControlThroughSottoTest.class
                .getResource("/siprec/corpus/" + name).toURI()));
        return text.substring(text.indexOf("\n\n") + 2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer alice-token")
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String id, String action) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/calls/" + id + "/recording/" + action))
                        .header("Authorization", "Bearer alice-token").timeout(WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + LOOPBACK + ":" + sotto.httpPort() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
