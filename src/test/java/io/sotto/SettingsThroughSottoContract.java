package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.config.ConfigException;
import io.sotto.config.ConfigLoader;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.TestPhone;

/**
 * The live settings of a running Sotto over real HTTP (docs/configuration.md, "Live settings"):
 * admins read and change them, a mistake gets the config file's message, everyone else finds no
 * such routes, every change is audited, a change applies to the calls that start after it and not
 * to a call already up, and the settings outlive a restart, the config file seeding only what the
 * database lacks. Run once per catalog database by its subclasses.
 */
abstract class SettingsThroughSottoContract {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String NUMBER = "+15550100";
    private static final String NUMBERS = "numbers=[{number: '" + NUMBER + "', groups: [sales]}]";
    private static final String USERS = "users=["
            + "{id: alice, extension: '1001', groups: [sales], token_sha256: '" + ApiClient.sha256("alice-token") + "'},"
            + "{id: sam, role: supervisor, token_sha256: '" + ApiClient.sha256("sam-token") + "'},"
            + "{id: root, role: admin, token_sha256: '" + ApiClient.sha256("root-token") + "'}]";

    @TempDir
    Path dir;

    private TestCatalog database;
    SottoUnderTest sotto;
    private final TestPhones phones = new TestPhones();

    abstract TestCatalog database(Path dir);

    @BeforeEach
    void openDatabase() {
        database = database(dir);
    }

    @AfterEach
    void stopAll() {
        try {
            phones.close();
        } finally {
            if (sotto != null) {
                sotto.close();
            }
            // null when the test was skipped for want of a database
            if (database != null) {
                database.close();
            }
        }
    }

    SottoUnderTest start(String... more) {
        return startNode(dir, more);
    }

    /** A Sotto with recordings under {@code dir} on this test's catalog database. */
    SottoUnderTest startNode(Path dir, String... more) {
        List<String> sets = new ArrayList<>(database.sets());
        sets.add(NUMBERS);
        sets.add(USERS);
        sets.addAll(List.of(more));
        return SottoUnderTest.start(dir, sets.toArray(String[]::new));
    }

    ApiClient root() {
        return ApiClient.as(sotto, "root-token");
    }

    private ApiClient alice() {
        return ApiClient.as(sotto, "alice-token");
    }

    @Test
    void appliesAChangeToTheCallsThatStartAfterItAndNotToACallAlreadyUp() {
        sotto = start();
        TestPhone carrier = phones.carrier(sotto, "carrier");
        TestPhone pbx = phones.pbx(sotto, "1001");
        TestPhones.connect(sotto, carrier, pbx, NUMBER, InviteOptions.defaults(), AnswerOptions.defaults());
        String before = onlyCallId();

        HttpResponse<String> changed = root().put("/api/v1/settings/company", "{\"control\": \"always\"}");
        TestPhones.connect(sotto, carrier, pbx, NUMBER, InviteOptions.defaults(), AnswerOptions.defaults());
        String after = otherCallId(before);

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(changed).path("control").asText()).isEqualTo("always");
        HttpResponse<String> refused = alice().post("/api/v1/calls/" + after + "/recording/pause", "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(refused).path("detail").asText()).contains("always");
        HttpResponse<String> paused = alice().post("/api/v1/calls/" + before + "/recording/pause", "");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(paused).path("recording").path("state").asText()).isEqualTo("paused");
    }

    @Test
    void refusesAMistakeWithTheConfigFilesMessageAndChangesNothing() {
        sotto = start();
        JsonNode company = ApiClient.json(root().get("/api/v1/settings/company"));

        HttpResponse<String> codes = root().put("/api/v1/settings/company", "{\"dtmf\": {\"pause\": \"#12#\"}}");
        HttpResponse<String> mode = root().put("/api/v1/settings/numbers/" + NUMBER, "{\"control\": \"sometimes\"}");
        HttpResponse<String> role = root().put("/api/v1/settings/users/alice", "{\"role\": \"admin\"}");
        HttpResponse<String> notJson = root().put("/api/v1/settings/company", "{not json");

        assertThat(codes.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(codes).path("error").asText()).isEqualTo("bad_request");
        assertThat(ApiClient.json(codes).path("detail").asText())
                .isEqualTo(fileMessage("company.dtmf.pause=#12#"))
                .isEqualTo("company.dtmf.resume: \"#12#\" is also the pause code");
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(mode).path("detail").asText())
                .isEqualTo(fileMessage(NUMBERS, "numbers[0].control=sometimes"))
                .startsWith("numbers[0].control: unknown value \"sometimes\"");
        assertThat(role.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(role).path("detail").asText())
                .isEqualTo("users[0].role: is set in the config file only, not while Sotto runs");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(root().get("/api/v1/settings/company"))).isEqualTo(company);
        assertThat(ApiClient.json(root().get("/api/v1/settings/audit")).path("total").asInt()).isZero();
    }

    @Test
    void showsNoSettingsToAnyoneButAnAdmin() {
        sotto = start();

        for (String path : List.of("/api/v1/settings", "/api/v1/settings/company", "/api/v1/settings/numbers/" + NUMBER,
                "/api/v1/settings/users/alice", "/api/v1/settings/audit")) {
            for (String token : List.of("alice-token", "sam-token")) {
                HttpResponse<String> hidden = ApiClient.as(sotto, token).get(path);
                assertThat(hidden.statusCode()).as("%s as %s", path, token).isEqualTo(404);
                assertThat(ApiClient.json(hidden).path("detail").asText()).isEqualTo("Nothing is served at " + path + ".");
            }
            assertThat(ApiClient.as(sotto, null).get(path).statusCode()).isEqualTo(401);
            assertThat(root().get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(alice().put("/api/v1/settings/users/alice", "{\"download\": true}").statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(root().get("/api/v1/settings/users/alice")).path("download").isNull()).isTrue();
        assertThat(root().get("/api/v1/settings/users/mallory").statusCode()).isEqualTo(404);
        assertThat(root().put("/api/v1/settings/numbers/+15559999", "{\"record\": true}").statusCode()).isEqualTo(404);
        String all = root().get("/api/v1/settings").body();
        assertThat(all).contains("\"alice\"").doesNotContain("token").doesNotContain(ApiClient.sha256("alice-token"));
    }

    @Test
    void auditsEveryChangeWithWhoWhenBeforeAndAfterNewestFirst() {
        sotto = start();
        Instant started = Instant.now();

        assertThat(root().put("/api/v1/settings/users/alice", "{\"download\": true}").statusCode()).isEqualTo(200);
        assertThat(root().put("/api/v1/settings/numbers/" + NUMBER, "{\"record\": false}").statusCode()).isEqualTo(200);
        assertThat(root().put("/api/v1/settings/numbers/" + NUMBER, "{\"record\": false}").statusCode()).isEqualTo(200);

        JsonNode audit = ApiClient.json(root().get("/api/v1/settings/audit"));
        assertThat(audit.path("total").asInt()).as("a change that changes nothing is no change").isEqualTo(2);
        assertThat(audit.path("next").isNull()).isTrue();
        JsonNode newest = audit.path("items").get(0);
        assertThat(newest.path("who").asText()).isEqualTo("root");
        assertThat(newest.path("scope").asText()).isEqualTo("number");
        assertThat(newest.path("key").asText()).isEqualTo(NUMBER);
        assertThat(newest.path("before").path("record").isNull()).isTrue();
        assertThat(newest.path("after").path("record").asBoolean(true)).isFalse();
        assertThat(newest.path("after").path("groups").toString()).isEqualTo("[\"sales\"]");
        assertThat(Instant.parse(newest.path("at").asText())).isBetween(started.minusSeconds(1), Instant.now());
        JsonNode first = audit.path("items").get(1);
        assertThat(first.path("scope").asText()).isEqualTo("user");
        assertThat(first.path("key").asText()).isEqualTo("alice");
        assertThat(first.path("before").path("download").isNull()).isTrue();
        assertThat(first.path("after").path("download").asBoolean()).isTrue();

        JsonNode page = ApiClient.json(root().get("/api/v1/settings/audit?limit=1"));
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        JsonNode last = ApiClient.json(root().get("/api/v1/settings/audit?limit=1&cursor=" + page.path("next").asText()));
        assertThat(last.path("items").get(0).path("key").asText()).isEqualTo("alice");
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(root().get("/api/v1/settings/audit?cursor=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void keepsTheSettingsAcrossARestartWithTheConfigFileSeedingOnlyWhatTheDatabaseLacks() {
        sotto = start();
        assertThat(root().put("/api/v1/settings/company", "{\"download\": true, \"visibility\": \"groups\"}")
                .statusCode()).isEqualTo(200);
        sotto.close();
        sotto = null;

        sotto = start("company.download=false",
                "numbers=[{number: '" + NUMBER + "', groups: [sales]}, {number: '+15550300', record: false}]");

        JsonNode company = ApiClient.json(root().get("/api/v1/settings/company"));
        assertThat(company.path("download").asBoolean()).isTrue();
        assertThat(company.path("visibility").asText()).isEqualTo("groups");
        JsonNode added = ApiClient.json(root().get("/api/v1/settings/numbers/+15550300"));
        assertThat(added.path("record").asBoolean(true)).isFalse();
        assertThat(ApiClient.json(root().get("/api/v1/settings/audit")).path("total").asInt()).isEqualTo(1);
    }

    private String onlyCallId() {
        JsonNode calls = liveCalls(1);
        return calls.get(0).path("id").asText();
    }

    private String otherCallId(String known) {
        JsonNode calls = liveCalls(2);
        String first = calls.get(0).path("id").asText();
        return first.equals(known) ? calls.get(1).path("id").asText() : first;
    }

    /** The live calls once there are {@code count} (a call is listed once the conductor has its answer). */
    private JsonNode liveCalls(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode calls = ApiClient.json(root().get("/api/v1/calls")).path("items");
        while (calls.size() != count && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            calls = ApiClient.json(root().get("/api/v1/calls")).path("items");
        }
        assertThat(calls).hasSize(count);
        return calls;
    }

    /** The config file's message for the same mistake, given as {@code --set}s. */
    private static String fileMessage(String... sets) {
        try {
            ConfigLoader.load(null, List.of(sets));
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("the config file accepts " + List.of(sets));
    }
}
