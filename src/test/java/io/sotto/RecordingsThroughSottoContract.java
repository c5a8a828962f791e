package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.testkit.WavFile;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.CallState;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;
import io.sotto.testkit.phone.ToneDetector;

/**
 * The recordings catalog of a running Sotto over real HTTP, on recordings made by four calls
 * through it: who lists, plays and downloads which (docs/configuration.md, "users"), filters and
 * paging, ranged audio, the access log, and a catalog rebuilt from disk after its database is lost.
 * Run once per database by its subclasses; the calls are made once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RecordingsThroughSottoContract {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN_NUMBER = "+15550100";
    /** Routed to the sales group: a call no agent takes is a missed call of sales. */
    private static final String SALES_NUMBER = "+15550200";
    private static final String EXTERNAL = "+15559999";
    private static final int CALLER_TONE = 600;

    private static final String USERS = "users=["
            + user("alice", "extension: '1001', groups: [sales]")
            + user("bob", "extension: '1002', groups: [sales], visibility: groups, play: all, download: true")
            + user("carol", "extension: '1003', groups: [support], play: none")
            + user("dan", "groups: [support], visibility: all, play: own, download: true")
            + user("sam", "role: supervisor")
            + user("sue", "role: supervisor, groups: [support], visibility: groups, download: true")
            + user("ann", "role: analyst, play: none")
            + user("root", "role: admin") + "]";

    private Path dir;

    private TestCatalog database;
    private SottoUnderTest sotto;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    private final RestClient rest = new RestClient(() -> sotto.httpPort());
    /** The recordings of the four calls: alice's, carol's, the missed sales call, bob's outbound. */
    private String toAlice;
    private String toCarol;
    private String missedSales;
    private String fromBob;

    /** The database this run of the contract indexes in. */
    abstract TestCatalog database(Path dir);

    @BeforeAll
    void recordFourCalls(@TempDir Path dir) {
        this.dir = dir;
        database = database(dir);
        start();
        try (TestPhones phones = new TestPhones()) {
            TestPhone carrier = phones.carrier(sotto, "carrier");
            TestPhone pbx = phones.pbx(sotto, "pbx");
            toAlice = inbound(carrier, pbx, MAIN_NUMBER, "1001");
            toCarol = inbound(carrier, pbx, MAIN_NUMBER, "1003");
            missedSales = inbound(carrier, pbx, SALES_NUMBER, "2000");
            fromBob = outbound(pbx, carrier, "1002");
        }
        awaitListed("root-token", 4);
    }

    @AfterAll
    void stopAll() {
        try {
            if (sotto != null) {
                sotto.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private record Access(String user, Map<String, Integer> play, Map<String, Integer> download) {
    }

    @Test
    @Order(1)
    void listsPlaysAndDownloadsEachRecordingByRoleAndSetting() throws Exception {
        List<Access> matrix = List.of(
                // company defaults: own calls and missed calls of their groups' numbers, plays own, no download
                access("alice", rule(toAlice, 200, 403), rule(missedSales, 403, 403)),
                // groups: a group mate's calls and every call to the group's numbers
                access("bob", rule(toAlice, 200, 200), rule(missedSales, 200, 200), rule(fromBob, 200, 200)),
                access("carol", rule(toCarol, 403, 403)),
                // sees everything, but plays only calls they took, and they took none
                access("dan", rule(toAlice, 403, 403), rule(toCarol, 403, 403), rule(missedSales, 403, 403),
                        rule(fromBob, 403, 403)),
                // a supervisor without settings: not held to the company's agent defaults
                access("sam", rule(toAlice, 200, 403), rule(toCarol, 200, 403), rule(missedSales, 200, 403),
                        rule(fromBob, 200, 403)),
                access("sue", rule(toCarol, 200, 200)),
                access("ann", rule(toAlice, 403, 403), rule(toCarol, 403, 403), rule(missedSales, 403, 403),
                        rule(fromBob, 403, 403)),
                access("root", rule(toAlice, 200, 200), rule(toCarol, 200, 200), rule(missedSales, 200, 200),
                        rule(fromBob, 200, 200)));
        List<String> all = List.of(toAlice, toCarol, missedSales, fromBob);
        byte[] aliceWav = Files.readAllBytes(wavOf(toAlice));

        for (Access row : matrix) {
            String token = row.user() + "-token";
            JsonNode list = json(get(token, "/api/v1/recordings"));
            List<String> expected = all.stream().filter(row.play()::containsKey).sorted((a, b) -> b.compareTo(a)).toList();
            assertThat(ids(list)).as("what %s lists", row.user()).containsExactlyElementsOf(expected);
            assertThat(list.path("total").asLong()).as("%s's total", row.user()).isEqualTo(expected.size());
            for (String id : all) {
                int play = row.play().getOrDefault(id, 404);
                int download = row.download().getOrDefault(id, 404);
                assertThat(get(token, "/api/v1/recordings/" + id).statusCode())
                        .as("%s reads the metadata of %s", row.user(), id).isEqualTo(play == 404 ? 404 : 200);
                HttpResponse<byte[]> played = getBytes(token, "/api/v1/recordings/" + id + "/audio", null);
                assertThat(played.statusCode()).as("%s plays %s", row.user(), id).isEqualTo(play);
                HttpResponse<byte[]> downloaded = getBytes(token, "/api/v1/recordings/" + id + "/audio?download=true", null);
                assertThat(downloaded.statusCode()).as("%s downloads %s", row.user(), id).isEqualTo(download);
                if (play == 200 && id.equals(toAlice)) {
                    assertThat(played.body()).as("the WAV %s plays", row.user()).isEqualTo(aliceWav);
                }
                if (download == 200) {
                    assertThat(sha256(downloaded.body())).as("what %s downloads", row.user())
                            .isEqualTo(metadataOnDisk(id).path("sha256").asText());
                }
                if (play != 200) {
                    assertThat(json(played.body()).path("error").asText()).isEqualTo(play == 403 ? "forbidden" : "not_found");
                }
            }
        }

        JsonNode log = json(get("root-token", "/api/v1/recordings/" + toAlice + "/access"));
        List<String> expectedLog = new ArrayList<>();
        for (String who : List.of("alice", "bob", "sam", "root")) {
            expectedLog.add(who + " play");
        }
        expectedLog.addAll(List.of("bob download", "root download"));
        List<String> logged = new ArrayList<>();
        for (JsonNode entry : log.path("items")) {
            logged.add(entry.path("who").asText() + " " + entry.path("action").asText());
            assertThat(entry.path("recordingId").asText()).isEqualTo(toAlice);
            assertThat(entry.path("range").isNull()).isTrue();
            assertThat(Instant.parse(entry.path("at").asText())).isBefore(Instant.now().plusSeconds(1));
        }
        assertThat(logged).containsExactlyInAnyOrderElementsOf(expectedLog);
        assertThat(log.path("total").asInt()).isEqualTo(6);
        assertThat(get("alice-token", "/api/v1/recordings/" + toAlice + "/access").statusCode()).isEqualTo(403);
        assertThat(get("carol-token", "/api/v1/recordings/" + toAlice + "/access").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void servesTheMetadataAsWrittenOnDiskAndTheAudioWithTheCallersTone() throws Exception {
        HttpResponse<byte[]> metadata = getBytes("alice-token", "/api/v1/recordings/" + toAlice, null);
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(metadata.body()).isEqualTo(Files.readAllBytes(jsonOf(toAlice)));

        HttpResponse<byte[]> audio = getBytes("alice-token", "/api/v1/recordings/" + toAlice + "/audio", null);
        assertThat(audio.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(audio.headers().firstValue("Accept-Ranges")).contains("bytes");
        WavFile wav = WavFile.parse(audio.body());
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(ToneDetector.hasTone(wav.channel(0), CALLER_TONE)).isTrue();
        assertThat(ToneDetector.hasTone(wav.channel(1), CALLER_TONE)).isFalse();
    }

    @Test
    @Order(2)
    void listsEachRecordingWithTheFieldsOfItsMetadata() throws Exception {
        JsonNode items = json(get("root-token", "/api/v1/recordings")).path("items");

        assertThat(items).hasSize(4);
        for (JsonNode item : items) {
            JsonNode metadata = metadataOnDisk(item.path("id").asText());
            for (String field : List.of("recordingId", "callId", "direction", "caller", "callee", "agents", "number",
                    "startedAt", "endedAt", "durationMs", "endReason")) {
                assertThat(item.path(field)).as("%s of %s", field, item.path("id").asText()).isEqualTo(metadata.path(field));
            }
        }
        assertThat(items.get(0).path("agents").toString()).isEqualTo("[\"bob\"]");
    }

    @Test
    @Order(3)
    void returnsExactlyTheBytesOfEachRangeAskedFor() throws Exception {
        byte[] file = Files.readAllBytes(wavOf(missedSales));
        int n = file.length;
        Map<String, int[]> ranges = new LinkedHashMap<>();
        ranges.put("bytes=0-43", new int[] {0, 43});
        ranges.put("bytes=100-1099", new int[] {100, 1099});
        ranges.put("bytes=" + (n - 10) + "-", new int[] {n - 10, n - 1});
        ranges.put("bytes=-500", new int[] {n - 500, n - 1});
        ranges.put("bytes=1000-" + (n + 5000), new int[] {1000, n - 1});
        ranges.put("bytes=" + (n - 1) + "-" + (n - 1), new int[] {n - 1, n - 1});

        for (Map.Entry<String, int[]> range : ranges.entrySet()) {
            HttpResponse<byte[]> part = getBytes("root-token", "/api/v1/recordings/" + missedSales + "/audio",
                    range.getKey());
            int first = range.getValue()[0];
            int last = range.getValue()[1];
            assertThat(part.statusCode()).as(range.getKey()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).as(range.getKey())
                    .contains("bytes " + first + "-" + last + "/" + n);
            assertThat(part.headers().firstValue("Content-Length")).contains(String.valueOf(last - first + 1));
            assertThat(part.body()).as(range.getKey()).isEqualTo(Arrays.copyOfRange(file, first, last + 1));
        }

        HttpResponse<byte[]> beyond = getBytes("root-token", "/api/v1/recordings/" + missedSales + "/audio",
                "bytes=" + n + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + n);
        assertThat(json(beyond.body()).path("error").asText()).isEqualTo("range_not_satisfiable");
        HttpResponse<byte[]> several = getBytes("root-token", "/api/v1/recordings/" + missedSales + "/audio",
                "bytes=0-1,5-6");
        assertThat(several.statusCode()).as("several ranges are answered with the whole file").isEqualTo(200);
        assertThat(several.body()).isEqualTo(file);

        JsonNode log = json(get("root-token", "/api/v1/recordings/" + missedSales + "/access"));
        assertThat(log.path("items").findValuesAsText("range")).contains("bytes=0-43", "bytes=" + (n - 500) + "-" + (n - 1));
    }

    @Test
    @Order(4)
    void namesADownloadAfterTheCall() throws Exception {
        HttpResponse<byte[]> download = getBytes("bob-token", "/api/v1/recordings/" + fromBob + "/audio?download=true", null);
        JsonNode metadata = metadataOnDisk(fromBob);
        String stamp = metadata.path("startedAt").asText().substring(0, 19).replace("T", "_").replace(":", "");

        assertThat(download.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + stamp + "_1002_to_" + EXTERNAL + ".wav\"");
        assertThat(getBytes("bob-token", "/api/v1/recordings/" + fromBob + "/audio?download=maybe", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(5)
    void filtersByTimeAgentNumberAndDirectionAndPagesNewestFirst() throws Exception {
        Instant aliceStart = Instant.parse(metadataOnDisk(toAlice).path("startedAt").asText());
        Instant missedStart = Instant.parse(metadataOnDisk(missedSales).path("startedAt").asText());

        assertThat(ids(json(get("root-token", "/api/v1/recordings?agent=carol")))).containsExactly(toCarol);
        assertThat(ids(json(get("root-token", "/api/v1/recordings?direction=outbound")))).containsExactly(fromBob);
        assertThat(ids(json(get("root-token", "/api/v1/recordings?number=%2B15550200")))).containsExactly(missedSales);
        assertThat(ids(json(get("root-token", "/api/v1/recordings?number=+15550200"))))
                .as("an unencoded + in the number").containsExactly(missedSales);
        assertThat(ids(json(get("root-token", "/api/v1/recordings?number=1002")))).as("by caller").containsExactly(fromBob);
        assertThat(ids(json(get("root-token", "/api/v1/recordings?from=" + aliceStart + "&to=" + missedStart))))
                .containsExactly(toCarol, toAlice);
        assertThat(ids(json(get("root-token", "/api/v1/recordings?direction=inbound&agent=alice")))).containsExactly(toAlice);
        assertThat(ids(json(get("alice-token", "/api/v1/recordings?agent=carol")))).as("filters never widen what one sees").isEmpty();

        List<String> paged = new ArrayList<>();
        String path = "/api/v1/recordings?limit=3";
        JsonNode page = json(get("root-token", path));
        assertThat(page.path("items")).hasSize(3);
        assertThat(page.path("total").asInt()).isEqualTo(4);
        paged.addAll(ids(page));
        page = json(get("root-token", path + "&cursor=" + page.path("next").asText()));
        paged.addAll(ids(page));
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(page.path("total").asInt()).isEqualTo(4);
        assertThat(paged).containsExactly(fromBob, missedSales, toCarol, toAlice);
    }

    @Test
    @Order(6)
    void answersBadFiltersWithBadRequestAndUnknownOrMalformedIdsWithNotFound() throws Exception {
        for (String query : List.of("from=yesterday", "to=2026-13-01T00:00:00Z", "direction=sideways", "limit=0",
                "limit=501", "limit=ten", "cursor=bm90LW91cnM", "colour=red", "agent=", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "agent=a&agent=b")) {
            HttpResponse<String> response = get("root-token", "/api/v1/recordings?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).path("error").asText()).as(query).isEqualTo("bad_request");
            assertThat(json(response).path("detail").asText()).as(query).isNotEmpty();
        }
        for (String id : List.of("01ARZ3NDEKTSV4RRFFQ69G5FAV", "not-a-ulid", "..%2F..%2Fetc%2Fpasswd", "81ARZ3NDEKTSV4RRFFQ69G5FAV")) {
            assertThat(get("root-token", "/api/v1/recordings/" + id).statusCode()).as(id).isEqualTo(404);
            assertThat(get("root-token", "/api/v1/recordings/" + id + "/audio").statusCode()).as(id).isEqualTo(404);
        }
        assertThat(get("wrong-token", "/api/v1/recordings").statusCode()).isEqualTo(401);
        assertThat(get("wrong-token", "/api/v1/recordings/" + toAlice + "/audio").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(100)
    void rebuildsTheCatalogFromTheFilesOnDiskAfterItsDatabaseIsLost() throws Exception {
        sotto.close();
        sotto = null;
        assertThat(database.exists()).isTrue();
        database.lose();

        start();

        JsonNode list = awaitListed("root-token", 4);
        assertThat(ids(list)).containsExactly(fromBob, missedSales, toCarol, toAlice);
        assertThat(ids(json(get("alice-token", "/api/v1/recordings")))).containsExactly(missedSales, toAlice);
        assertThat(getBytes("alice-token", "/api/v1/recordings/" + toAlice + "/audio", null).body())
                .isEqualTo(Files.readAllBytes(wavOf(toAlice)));
    }

    private void start() {
        List<String> sets = new ArrayList<>(database.sets());
        sets.add(USERS);
        sets.add("numbers=[{number: '" + SALES_NUMBER + "', groups: [sales]}]");
        sotto = SottoUnderTest.start(dir, sets.toArray(String[]::new));
    }

    /** A carrier call to {@code number} that the PBX answers as {@code extension}; the caller plays a tone. */
    private String inbound(TestPhone carrier, TestPhone pbx, String number, String extension) {
        List<Path> before = sotto.wavFiles();
        TestCall caller = carrier.invite(TestPhones.uri(sotto, number), InviteOptions.defaults());
        TestCall callee = pbx.awaitIncoming(WAIT);
        callee.ringing();
        callee.answer(AnswerOptions.defaults().contactUser(extension));
        caller.awaitState(CallState.CONFIRMED, WAIT);
        callee.awaitState(CallState.CONFIRMED, WAIT);
        return hangUp(caller, before);
    }

    private String outbound(TestPhone pbx, TestPhone carrier, String extension) {
        List<Path> before = sotto.wavFiles();
        TestCall caller = pbx.invite(TestPhones.uri(sotto, EXTERNAL), InviteOptions.defaults().from(extension));
        TestCall callee = carrier.awaitIncoming(WAIT);
        callee.answer();
        caller.awaitState(CallState.CONFIRMED, WAIT);
        return hangUp(caller, before);
    }

    /** Plays the caller's tone, hangs up and returns the id of the recording just written. */
    private String hangUp(TestCall caller, List<Path> before) {
        caller.rtp().sendTone(CALLER_TONE, Duration.ofMillis(400));
        caller.rtp().awaitIdle(WAIT);
        assertThat(caller.bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(WAIT);
        List<Path> after = new ArrayList<>(sotto.wavFiles());
        after.removeAll(before);
        assertThat(after).hasSize(1);
        String name = after.get(0).getFileName().toString();
        return name.substring(0, name.length() - ".wav".length());
    }

    private JsonNode awaitListed(String token, int count) {
        return rest.awaitRecordings(token, count);
    }

    private Path wavOf(String id) {
        return sotto.wavFiles().stream().filter(file -> file.getFileName().toString().equals(id + ".wav"))
                .findFirst().orElseThrow();
    }

    private Path jsonOf(String id) {
        return wavOf(id).resolveSibling(id + ".json");
    }

    private JsonNode metadataOnDisk(String id) {
        return SottoUnderTest.metadataOf(wavOf(id));
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static Access access(String user, Map.Entry<String, int[]>... rules) {
        Map<String, Integer> play = new LinkedHashMap<>();
        Map<String, Integer> download = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> rule : rules) {
            play.put(rule.getKey(), rule.getValue()[0]);
            download.put(rule.getKey(), rule.getValue()[1]);
        }
        return new Access(user, play, download);
    }

    private static Map.Entry<String, int[]> rule(String recording, int play, int download) {
        return Map.entry(recording, new int[] {play, download});
    }

    private static String user(String id, String settings) {
        return "{id: " + id + ", " + settings + ", token_sha256: '" + sha256((id + "-token").getBytes(StandardCharsets.UTF_8)) + "'},";
    }

    private HttpResponse<String> get(String token, String path) {
        return rest.get(token, path);
    }

    private HttpResponse<byte[]> getBytes(String token, String path, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return rest.uri(path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return RestClient.json(response);
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
