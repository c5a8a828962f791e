package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * Who may see and do what, over a running Sotto with real calls: every role against every REST
 * endpoint on an inbound, an outbound and an internal call, each cell with the status the product
 * rules give (docs/configuration.md "Who sees, plays and downloads what", README "The policy").
 * What one cannot see is 404, never 403; an agent who sees a call but may not act gets 403
 * naming why (on an internal call, the agent who lacks the permission).
 *
 * <p>The three calls are set up once and stay up while every live-call cell runs; then they end
 * and the recording cells run over their recordings. A recording action changes the call, so an
 * admin first brings the call to the state the action is tried from ({@link #TRIED_FROM}): each
 * cell's answer depends on its row alone, not on the rows before it.
 */
class AccessMatrixThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "root";
    /**
     * Routed to both groups and answered by voicemail (no agent): every user sees it, so its last
     * event, sent after every cell, tells each event stream that nothing more is coming.
     */
    private static final String MARKER_NUMBER = "+15550300";

    /**
     * The users, one per role: alice is the agent of every call (she answers the inbound one,
     * makes the outbound one and calls bob on the internal one); bob, whose mode is {@code always},
     * is the other agent of the internal call only; carol is in another group; dave is in alice's
     * group and sees his group's calls. Company defaults: visibility own, play own, no download,
     * control pause_resume; internal calls start recorded because bob's mode is always.
     */
    private static final String USERS = "users=["
            + user(ADMIN, "role: admin")
            + user("sam", "role: supervisor")
            + user("ann", "role: analyst")
            + user("alice", "extension: '1001', groups: [sales]")
            + user("bob", "extension: '1002', groups: [sales], control: always")
            + user("carol", "extension: '1003', groups: [support]")
            + user("dave", "extension: '1004', groups: [sales], visibility: groups") + "]";

    /**
     * The expected answers, one row per cell: user (role), call direction, endpoint, status, and
     * a note: for lists and the event stream whether the call is {@code listed} / {@code hidden},
     * for a 200 action the state it leaves, for a 403 a word its detail must name.
     * Endpoints: {@code calls} GET /api/v1/calls, {@code call} GET /api/v1/calls/{id}, the five
     * actions POST /api/v1/calls/{id}/recording/{action}, {@code events} GET /api/v1/events,
     * {@code recordings} GET /api/v1/recordings, {@code recording} GET /api/v1/recordings/{id},
     * {@code audio} GET .../audio, {@code download} GET .../audio?download=true.
     */
    private static final String MATRIX = """
            # admin: everything, everywhere
            root   inbound   calls       200 listed
            root   inbound   call        200
            root   inbound   pause       200 paused
            root   inbound   resume      200 recording
            root   inbound   toggle      200 paused
            root   inbound   start       200 recording
            root   inbound   stop        200 stopped
            root   inbound   events      200 listed
            root   inbound   recordings  200 listed
            root   inbound   recording   200
            root   inbound   audio       200
            root   inbound   download    200
            root   outbound  calls       200 listed
            root   outbound  call        200
            root   outbound  pause       200 paused
            root   outbound  resume      200 recording
            root   outbound  toggle      200 paused
            root   outbound  start       200 recording
            root   outbound  stop        200 stopped
            root   outbound  events      200 listed
            root   outbound  recordings  200 listed
            root   outbound  recording   200
            root   outbound  audio       200
            root   outbound  download    200
            root   internal  calls       200 listed
            root   internal  call        200
            root   internal  pause       200 paused
            root   internal  resume      200 recording
            root   internal  toggle      200 paused
            root   internal  start       200 recording
            root   internal  stop        200 stopped
            root   internal  events      200 listed
            root   internal  recordings  200 listed
            root   internal  recording   200
            root   internal  audio       200
            root   internal  download    200
            # supervisor without settings: sees and plays all, acts on what they see, no download
            sam    inbound   calls       200 listed
            sam    inbound   call        200
            sam    inbound   pause       200 paused
            sam    inbound   resume      200 recording
            sam    inbound   toggle      200 paused
            sam    inbound   start       200 recording
            sam    inbound   stop        200 stopped
            sam    inbound   events      200 listed
            sam    inbound   recordings  200 listed
            sam    inbound   recording   200
            sam    inbound   audio       200
            sam    inbound   download    403
            sam    outbound  calls       200 listed
            sam    outbound  call        200
            sam    outbound  pause       200 paused
            sam    outbound  resume      200 recording
            sam    outbound  toggle      200 paused
            sam    outbound  start       200 recording
            sam    outbound  stop        200 stopped
            sam    outbound  events      200 listed
            sam    outbound  recordings  200 listed
            sam    outbound  recording   200
            sam    outbound  audio       200
            sam    outbound  download    403
            sam    internal  calls       200 listed
            sam    internal  call        200
            sam    internal  pause       200 paused
            sam    internal  resume      200 recording
            sam    internal  toggle      200 paused
            sam    internal  start       200 recording
            sam    internal  stop        200 stopped
            sam    internal  events      200 listed
            sam    internal  recordings  200 listed
            sam    internal  recording   200
            sam    internal  audio       200
            sam    internal  download    403
            # analyst without settings: sees and plays all, never acts, no download
            ann    inbound   calls       200 listed
            ann    inbound   call        200
            ann    inbound   pause       403 analyst
            ann    inbound   resume      403 analyst
            ann    inbound   toggle      403 analyst
            ann    inbound   start       403 analyst
            ann    inbound   stop        403 analyst
            ann    inbound   events      200 listed
            ann    inbound   recordings  200 listed
            ann    inbound   recording   200
            ann    inbound   audio       200
            ann    inbound   download    403
            ann    outbound  calls       200 listed
            ann    outbound  call        200
            ann    outbound  pause       403 analyst
            ann    outbound  resume      403 analyst
            ann    outbound  toggle      403 analyst
            ann    outbound  start       403 analyst
            ann    outbound  stop        403 analyst
            ann    outbound  events      200 listed
            ann    outbound  recordings  200 listed
            ann    outbound  recording   200
            ann    outbound  audio       200
            ann    outbound  download    403
            ann    internal  calls       200 listed
            ann    internal  call        200
            ann    internal  pause       403 analyst
            ann    internal  resume      403 analyst
            ann    internal  toggle      403 analyst
            ann    internal  start       403 analyst
            ann    internal  stop        403 analyst
            ann    internal  events      200 listed
            ann    internal  recordings  200 listed
            ann    internal  recording   200
            ann    internal  audio       200
            ann    internal  download    403
            # the agent of every call (pause_resume): pauses and resumes, never stops; on the
            # internal call bob's mode (always) forbids all but stop, which alice's own mode forbids
            alice  inbound   calls       200 listed
            alice  inbound   call        200
            alice  inbound   pause       200 paused
            alice  inbound   resume      200 recording
            alice  inbound   toggle      200 paused
            alice  inbound   start       200 recording
            alice  inbound   stop        403 alice
            alice  inbound   events      200 listed
            alice  inbound   recordings  200 listed
            alice  inbound   recording   200
            alice  inbound   audio       200
            alice  inbound   download    403
            alice  outbound  calls       200 listed
            alice  outbound  call        200
            alice  outbound  pause       200 paused
            alice  outbound  resume      200 recording
            alice  outbound  toggle      200 paused
            alice  outbound  start       200 recording
            alice  outbound  stop        403 alice
            alice  outbound  events      200 listed
            alice  outbound  recordings  200 listed
            alice  outbound  recording   200
            alice  outbound  audio       200
            alice  outbound  download    403
            alice  internal  calls       200 listed
            alice  internal  call        200
            alice  internal  pause       403 bob
            alice  internal  resume      403 bob
            alice  internal  toggle      403 bob
            alice  internal  start       403 bob
            alice  internal  stop        403 alice
            alice  internal  events      200 listed
            alice  internal  recordings  200 listed
            alice  internal  recording   200
            alice  internal  audio       200
            alice  internal  download    403
            # an agent of the internal call only, mode always: acts on nothing
            bob    inbound   calls       200 hidden
            bob    inbound   call        404
            bob    inbound   pause       404
            bob    inbound   resume      404
            bob    inbound   toggle      404
            bob    inbound   start       404
            bob    inbound   stop        404
            bob    inbound   events      200 hidden
            bob    inbound   recordings  200 hidden
            bob    inbound   recording   404
            bob    inbound   audio       404
            bob    inbound   download    404
            bob    outbound  calls       200 hidden
            bob    outbound  call        404
            bob    outbound  pause       404
            bob    outbound  resume      404
            bob    outbound  toggle      404
            bob    outbound  start       404
            bob    outbound  stop        404
            bob    outbound  events      200 hidden
            bob    outbound  recordings  200 hidden
            bob    outbound  recording   404
            bob    outbound  audio       404
            bob    outbound  download    404
            bob    internal  calls       200 listed
            bob    internal  call        200
            bob    internal  pause       403 bob
            bob    internal  resume      403 bob
            bob    internal  toggle      403 bob
            bob    internal  start       403 bob
            bob    internal  stop        403 alice
            bob    internal  events      200 listed
            bob    internal  recordings  200 listed
            bob    internal  recording   200
            bob    internal  audio       200
            bob    internal  download    403
            # an agent of another group: none of these calls exist for her
            carol  inbound   calls       200 hidden
            carol  inbound   call        404
            carol  inbound   pause       404
            carol  inbound   resume      404
            carol  inbound   toggle      404
            carol  inbound   start       404
            carol  inbound   stop        404
            carol  inbound   events      200 hidden
            carol  inbound   recordings  200 hidden
            carol  inbound   recording   404
            carol  inbound   audio       404
            carol  inbound   download    404
            carol  outbound  calls       200 hidden
            carol  outbound  call        404
            carol  outbound  pause       404
            carol  outbound  resume      404
            carol  outbound  toggle      404
            carol  outbound  start       404
            carol  outbound  stop        404
            carol  outbound  events      200 hidden
            carol  outbound  recordings  200 hidden
            carol  outbound  recording   404
            carol  outbound  audio       404
            carol  outbound  download    404
            carol  internal  calls       200 hidden
            carol  internal  call        404
            carol  internal  pause       404
            carol  internal  resume      404
            carol  internal  toggle      404
            carol  internal  start       404
            carol  internal  stop        404
            carol  internal  events      200 hidden
            carol  internal  recordings  200 hidden
            carol  internal  recording   404
            carol  internal  audio       404
            carol  internal  download    404
            # an agent of alice's group with groups visibility: sees her calls, acts on none,
            # plays only calls he took
            dave   inbound   calls       200 listed
            dave   inbound   call        200
            dave   inbound   pause       403 dave
            dave   inbound   resume      403 dave
            dave   inbound   toggle      403 dave
            dave   inbound   start       403 dave
            dave   inbound   stop        403 dave
            dave   inbound   events      200 listed
            dave   inbound   recordings  200 listed
            dave   inbound   recording   200
            dave   inbound   audio       403
            dave   inbound   download    403
            dave   outbound  calls       200 listed
            dave   outbound  call        200
            dave   outbound  pause       403 dave
            dave   outbound  resume      403 dave
            dave   outbound  toggle      403 dave
            dave   outbound  start       403 dave
            dave   outbound  stop        403 dave
            dave   outbound  events      200 listed
            dave   outbound  recordings  200 listed
            dave   outbound  recording   200
            dave   outbound  audio       403
            dave   outbound  download    403
            dave   internal  calls       200 listed
            dave   internal  call        200
            dave   internal  pause       403 dave
            dave   internal  resume      403 dave
            dave   internal  toggle      403 dave
            dave   internal  start       403 dave
            dave   internal  stop        403 dave
            dave   internal  events      200 listed
            dave   internal  recordings  200 listed
            dave   internal  recording   200
            dave   internal  audio       403
            dave   internal  download    403
            """;

    /** The state an admin puts the call in before a user tries each action on it. */
    private static final Map<String, String> TRIED_FROM = Map.of(
            "pause", "recording", "resume", "paused", "toggle", "recording", "start", "stopped", "stop", "recording");
    private static final List<String> LIVE = List.of("calls", "call", "pause", "resume", "toggle", "start", "stop");
    private static final List<String> RECORDINGS = List.of("recordings", "recording", "audio", "download");

    private enum Direction { INBOUND, OUTBOUND, INTERNAL }

    private record Cell(String user, Direction direction, String endpoint, int status, String note) {
        @Override
        public String toString() {
            return user + " " + direction.name().toLowerCase() + " " + endpoint;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    private final RestClient rest = new RestClient(() -> sotto.httpPort());
    /** Each live call's recording state, as the last answer that changed it said. */
    private final Map<String, String> states = new HashMap<>();
    /** Each user's GET /api/v1/calls while the three calls are up. */
    private final Map<String, HttpResponse<String>> lists = new HashMap<>();

    @Test
    void answersEveryRoleOnEveryEndpointOfAnInboundAnOutboundAndAnInternalCallAsThePolicySays() throws Exception {
        List<Cell> cells = cells();
        assertThat(cells).as("one row per role, direction and endpoint").hasSize(7 * 3 * 12);
        sotto = SottoUnderTest.start(dir, USERS,
                "numbers=[{number: '" + MARKER_NUMBER + "', groups: [sales, support]}]");
        Map<String, BlockingQueue<String>> events = new LinkedHashMap<>();
        List<InputStream> streams = new ArrayList<>();
        for (String user : users(cells)) {
            events.put(user, openEvents(user, streams));
        }
        TestPhone carrier = phones.carrier(sotto, "carrier");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Map<Direction, String> callIds = new EnumMap<>(Direction.class);
        List<TestCall> hangUps = new ArrayList<>();
        hangUps.add(call(TestPhones.connect(sotto, carrier, pbx, "+15550100", InviteOptions.defaults(),
                AnswerOptions.defaults().contactUser("1001")), Direction.INBOUND, callIds));
        hangUps.add(call(TestPhones.connect(sotto, pbx, carrier, "+15559999", InviteOptions.defaults().from("1001"),
                AnswerOptions.defaults()), Direction.OUTBOUND, callIds));
        hangUps.add(call(TestPhones.consult(sotto, pbx, "1001", "1002"), Direction.INTERNAL, callIds));
        TestCall marker = TestPhones.connect(sotto, carrier, pbx, MARKER_NUMBER, InviteOptions.defaults(),
                AnswerOptions.defaults().contactUser("2000")).caller();
        String markerId = newCallId(new HashSet<>(callIds.values()));
        hangUps.add(marker);

        // every cell is checked and every wrong one named at the end (AssertJ's soft assertions
        // would do the same at several seconds' cost for their proxies on a loaded machine)
        List<String> wrong = new ArrayList<>();
        for (Cell cell : cells) {
            if (LIVE.contains(cell.endpoint())) {
                checkLive(wrong, cell, callIds.get(cell.direction()));
            }
        }
        // events reach each stream in order: once a user has the marker's, they have all before it
        assertThat(post(ADMIN, markerId, "toggle").statusCode()).isEqualTo(200);
        Map<String, Set<String>> heard = new LinkedHashMap<>();
        for (Map.Entry<String, BlockingQueue<String>> user : events.entrySet()) {
            heard.put(user.getKey(), callIdsUntil(user.getValue(), markerId, user.getKey()));
        }
        for (Cell cell : cells) {
            if (cell.endpoint().equals("events")) {
                boolean listed = heard.get(cell.user()).contains(callIds.get(cell.direction()));
                expect(wrong, cell, listed ? "listed" : "hidden", cell.note(), "");
            }
        }
        for (InputStream stream : streams) {
            stream.close();
        }

        for (TestCall call : hangUps) {
            assertThat(call.bye().status()).isEqualTo(200);
        }
        sotto.awaitNothingHeld(WAIT);
        Map<Direction, String> recordingIds = recordingIds(callIds);
        for (Cell cell : cells) {
            if (RECORDINGS.contains(cell.endpoint())) {
                checkRecording(wrong, cell, recordingIds.get(cell.direction()));
            }
        }
        assertThat(wrong).as("cells answered otherwise than the matrix says").isEmpty();
    }

    private void checkLive(List<String> wrong, Cell cell, String callId) {
        String token = cell.user();
        switch (cell.endpoint()) {
            case "calls" -> {
                // one list answers the user's cells of all three calls: what they list does not change
                HttpResponse<String> list = lists.computeIfAbsent(token, user -> get(user, "/api/v1/calls"));
                expect(wrong, cell, list.statusCode(), cell.status(), list.body());
                if (list.statusCode() == 200) {
                    expect(wrong, cell, ids(json(list)).contains(callId) ? "listed" : "hidden", cell.note(), "");
                }
            }
            case "call" -> {
                HttpResponse<String> one = get(token, "/api/v1/calls/" + callId);
                expect(wrong, cell, one.statusCode(), cell.status(), one.body());
            }
            default -> {
                bringTo(callId, TRIED_FROM.get(cell.endpoint()));
                HttpResponse<String> acted = post(token, callId, cell.endpoint());
                expect(wrong, cell, acted.statusCode(), cell.status(), acted.body());
                if (acted.statusCode() == 200 && cell.status() == 200) {
                    expect(wrong, cell, json(acted).path("recording").path("state").asText(), cell.note(), "");
                }
                if (acted.statusCode() == 403 && cell.status() == 403
                        && !json(acted).path("detail").asText().contains(cell.note())) {
                    wrong.add(cell + ": the detail does not name " + cell.note() + ": " + acted.body());
                }
            }
        }
    }

    private void checkRecording(List<String> wrong, Cell cell, String recordingId) {
        String token = cell.user();
        String path = switch (cell.endpoint()) {
            case "recordings" -> "/api/v1/recordings";
            case "recording" -> "/api/v1/recordings/" + recordingId;
            case "audio" -> "/api/v1/recordings/" + recordingId + "/audio";
            default -> "/api/v1/recordings/" + recordingId + "/audio?download=true";
        };
        HttpResponse<String> answer = get(token, path);
        expect(wrong, cell, answer.statusCode(), cell.status(), answer.statusCode() == 200 ? "" : answer.body());
        if (cell.endpoint().equals("recordings") && answer.statusCode() == 200) {
            expect(wrong, cell, ids(json(answer)).contains(recordingId) ? "listed" : "hidden", cell.note(), "");
        }
    }

    /** Notes a cell that answered {@code actual} where the matrix says {@code expected}. */
    private static void expect(List<String> wrong, Cell cell, Object actual, Object expected, String body) {
        if (!actual.equals(expected)) {
            wrong.add(cell + ": " + actual + ", expected " + expected + (body.isEmpty() ? "" : " " + body));
        }
    }

    /** Has the admin move the call's recording to {@code state}, from where the last answer left it. */
    private void bringTo(String callId, String state) {
        List<String> steps = switch (state + " from " + states.get(callId)) {
            case "recording from paused" -> List.of("resume");
            case "recording from stopped" -> List.of("start");
            case "paused from recording" -> List.of("pause");
            case "paused from stopped" -> List.of("start", "pause");
            case "stopped from recording", "stopped from paused" -> List.of("stop");
            default -> List.of();
        };
        for (String step : steps) {
            HttpResponse<String> done = post(ADMIN, callId, step);
            assertThat(done.statusCode()).as("the admin's %s of %s: %s", step, callId, done.body()).isEqualTo(200);
        }
        assertThat(states.get(callId)).as("the recording of %s before the cell", callId).isEqualTo(state);
    }

    private TestCall call(TestPhones.Connected connected, Direction direction, Map<Direction, String> callIds) {
        String id = newCallId(new HashSet<>(callIds.values()));
        // the policy starts the recording just after the answer: every cell starts from there
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode call = json(get(ADMIN, "/api/v1/calls/" + id));
        while (!call.path("recording").path("state").asText().equals("recording") && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            call = json(get(ADMIN, "/api/v1/calls/" + id));
        }
        assertThat(call.path("recording").path("state").asText()).as("the recording of the %s call", direction)
                .isEqualTo("recording");
        assertThat(call.path("direction").asText()).isEqualTo(direction.name().toLowerCase());
        callIds.put(direction, id);
        states.put(id, "recording");
        return connected.caller();
    }

    /**
     * The one live call (as the admin sees them) whose id is not in {@code known}. The caller has
     * its 200 OK a moment before the call is published to the API: wait for it.
     */
    private String newCallId(Set<String> known) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> fresh = new ArrayList<>(ids(json(get(ADMIN, "/api/v1/calls"))));
        fresh.removeAll(known);
        while (fresh.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            fresh = new ArrayList<>(ids(json(get(ADMIN, "/api/v1/calls"))));
            fresh.removeAll(known);
        }
        assertThat(fresh).as("the call just connected").hasSize(1);
        return fresh.get(0);
    }

    /** Each call's recording id, once the catalog lists all four recordings. */
    private Map<Direction, String> recordingIds(Map<Direction, String> callIds) {
        JsonNode list = rest.awaitRecordings(token(ADMIN), 4);
        Map<Direction, String> ids = new EnumMap<>(Direction.class);
        for (JsonNode item : list.path("items")) {
            callIds.forEach((direction, callId) -> {
                if (item.path("callId").asText().equals(callId)) {
                    ids.put(direction, item.path("id").asText());
                }
            });
        }
        assertThat(ids).as("a recording of each call").hasSize(3);
        return ids;
    }

    private static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (String line : MATRIX.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] column = line.trim().split("\\s+");
            cells.add(new Cell(column[0], Direction.valueOf(column[1].toUpperCase()), column[2],
                    Integer.parseInt(column[3]), column.length > 4 ? column[4] : ""));
        }
        return cells;
    }

    private static Set<String> users(List<Cell> cells) {
        Set<String> users = new LinkedHashSet<>();
        cells.forEach(cell -> users.add(cell.user()));
        return users;
    }

    private BlockingQueue<String> openEvents(String user, List<InputStream> streams) throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(rest.uri("/api/v1/events"))
                .header("Authorization", "Bearer " + token(user)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).as("%s opens the event stream", user).isEqualTo(200);
        streams.add(stream.body());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(stream.body(), lines), "sse-" + user);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The call ids of the events {@code user} heard, up to and with the first of {@code lastCallId}. */
    private static Set<String> callIdsUntil(BlockingQueue<String> lines, String lastCallId, String user)
            throws Exception {
        Set<String> heard = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String line = lines.poll(50, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data: ")) {
                String callId = JSON.readTree(line.substring("data: ".length())).path("callId").asText();
                heard.add(callId);
                if (callId.equals(lastCallId)) {
                    return heard;
                }
            }
        }
        throw new AssertionError(user + " never heard the event of call " + lastCallId);
    }

    private static void readLines(InputStream in, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("closed: " + e.getMessage());
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private HttpResponse<String> get(String user, String path) {
        return rest.get(token(user), path);
    }

    /** Posts a recording action; a 200 tells the call's new state, remembered for {@link #bringTo}. */
    private HttpResponse<String> post(String user, String callId, String action) {
        HttpResponse<String> answer = rest.post(token(user), "/api/v1/calls/" + callId + "/recording/" + action, "");
        if (answer.statusCode() == 200) {
            states.put(callId, json(answer).path("recording").path("state").asText());
        }
        return answer;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return RestClient.json(response);
    }

    private static String token(String user) {
        return user + "-token";
    }

    private static String user(String id, String settings) {
        return "{id: " + id + ", " + settings + ", token_sha256: '" + sha256(token(id)) + "'},";
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
