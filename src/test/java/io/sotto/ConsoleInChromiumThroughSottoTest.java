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
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sotto.testkit.browser.BrowserPage;
import io.sotto.testkit.browser.HeadlessChromium;
import io.sotto.testkit.phone.AnswerOptions;
import io.sotto.testkit.phone.InviteOptions;
import io.sotto.testkit.phone.TestCall;
import io.sotto.testkit.phone.TestPhone;

/**
 * The web console in a real headless Chromium, driven as a user would (mouse clicks, keys), on a
 * running Sotto with real calls from JAIN-SIP phones: sign-in, the recording indicator, Toggle,
 * the paused banner in both styles, the keyboard shortcuts and their help, and refusals with
 * their reasons. Each step is checked against the server too, and screenshots for a human to look
 * at go to {@code target/console-screenshots/}.
 */
class ConsoleInChromiumThroughSottoTest {
    /** Long for a cold browser and JVM on a busy machine; costs nothing when the page is on time. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "#calls-body tr[data-call]";

    @TempDir
    static Path dir;
    private static SottoUnderTest sotto;
    private static HeadlessChromium chromium;
    private static BrowserPage page;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    private TestPhones phones;
    private final List<TestCall> calls = new ArrayList<>();

    @BeforeAll
    static void start() {
        HeadlessChromium.requireChromium();
        sotto = SottoUnderTest.start(dir, "users=["
                + "{id: alice, name: Alice, extension: '1001', role: agent, control: pause_resume,"
                + " token_sha256: '" + sha256("alice-token") + "'},"
                + "{id: sam, name: Sam, role: supervisor, token_sha256: '" + sha256("sam-token") + "'}]");
        chromium = HeadlessChromium.launch(Path.of("target", "chromium"));
        page = chromium.newPage();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (sotto != null) {
                sotto.close();
            }
        }
    }

    @BeforeEach
    void freshTab() {
        phones = new TestPhones();
        // a new session: no token in the tab, no preference in the browser
        page.navigate(consoleUrl(), WAIT);
        page.evaluate("sessionStorage.clear(); localStorage.clear()");
        page.navigate(consoleUrl(), WAIT);
    }

    @AfterEach
    void hangUp() {
        try {
            for (TestCall call : calls) {
                call.bye();
            }
            phones.close();
        } finally {
            sotto.awaitNothingHeld(WAIT);
        }
    }

    @Test
    void signsInAndTogglesTheRecordingWithItsIndicatorAndAPausedBannerThatStaysUntilResumed() throws Exception {
        callToAlice();
        signIn("alice-token");
        page.waitForSelector(ROW + "[data-state=recording] .dot-recording", WAIT);
        assertThat(page.text("#who")).isEqualTo("Alice (agent)");
        assertThat(page.attribute(ROW + " .dot-recording", "aria-label")).isEqualTo("recording");
        page.screenshot(SCREENSHOTS.resolve("1-recording.png"));

        long pausedAt = page.evaluate("Date.now()").asLong();
        page.click(ROW + " button.act-toggle");

        page.waitForSelector(ROW + "[data-state=paused] .dot-paused", WAIT);
        assertThat(stateOnServer("alice-token")).isEqualTo("paused");
        page.waitFor("the paused banner", "!document.querySelector('#banner-body').hidden", WAIT);
        assertThat(page.text("#banner-title")).isEqualTo("Recording paused");
        assertThat(page.text("#banner-text")).isEqualTo("on carrier → +15550100");
        assertThat(page.attribute("#banner-body", "data-style")).isEqualTo("permanent");
        assertThat(page.attribute("#banner", "aria-live")).isEqualTo("assertive");
        assertThat(page.visible("#banner-resume")).isTrue();
        assertThat(page.visible("#banner-dismiss")).as("a permanent banner cannot be hidden").isFalse();
        page.screenshot(SCREENSHOTS.resolve("2-paused-banner-permanent.png"));
        // still there after the temporary style's few seconds
        page.waitFor("6 s after the pause", "Date.now() - " + pausedAt + " > 6000", Duration.ofSeconds(8));
        assertThat(page.visible("#banner-body")).isTrue();

        page.click("#banner-resume");

        page.waitForSelector(ROW + "[data-state=recording]", WAIT);
        page.waitFor("no banner", "document.querySelector('#banner-body').hidden", WAIT);
        assertThat(stateOnServer("alice-token")).isEqualTo("recording");
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    void showsTheTemporaryBannerChosenInTheHelpForAFewSecondsWhenThePhonePauses() throws Exception {
        TestCall agentPhone = callToAlice();
        signIn("alice-token");
        page.waitForSelector(ROW + "[data-state=recording]", WAIT);
        page.press("?", "Slash", 191, BrowserPage.SHIFT);
        page.waitFor("the help", "!document.querySelector('#help').hidden", WAIT);
        page.click("#help input[value=temporary]");
        page.press("Escape", "Escape", 27, 0);
        page.waitFor("the help closed", "document.querySelector('#help').hidden", WAIT);
        assertThat(page.evaluate("localStorage.getItem('sotto.pausedBanner')").asText()).isEqualTo("temporary");

        // the agent keys the pause on the phone: the console learns it from the event stream
        assertThat(agentPhone.info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);

        page.waitFor("the paused banner", "!document.querySelector('#banner-body').hidden", WAIT);
        long shownAt = System.nanoTime();
        assertThat(page.attribute("#banner-body", "data-style")).isEqualTo("temporary");
        assertThat(page.visible("#banner-dismiss")).isTrue();
        page.screenshot(SCREENSHOTS.resolve("3-paused-banner-temporary.png"));
        page.waitFor("the banner gone after a few seconds", "document.querySelector('#banner-body').hidden",
                Duration.ofSeconds(8));
        assertThat(Duration.ofNanos(System.nanoTime() - shownAt)).isGreaterThan(Duration.ofSeconds(3));
        assertThat(page.attribute(ROW, "data-state")).isEqualTo("paused");
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    void pausesResumesAndTogglesWithTheShortcutsTheHelpLists() throws Exception {
        callToAlice();
        signIn("alice-token");
        page.waitForSelector(ROW + "[data-state=recording]", WAIT);
        page.click("#help-open");
        page.waitFor("the help", "!document.querySelector('#help').hidden", WAIT);
        assertThat(page.text("#help tbody")).contains("Ctrl + Shift + 2", "Toggle", "Ctrl + Shift + 3", "Pause",
                "Ctrl + Shift + 4", "Resume");
        assertThat(page.attribute("#help-open", "aria-expanded")).isEqualTo("true");
        page.screenshot(SCREENSHOTS.resolve("4-help.png"));
        page.click("#help-close");

        page.pressCtrlShiftDigit(3);
        page.waitForSelector(ROW + "[data-state=paused]", WAIT);
        assertThat(stateOnServer("alice-token")).isEqualTo("paused");
        page.pressCtrlShiftDigit(4);
        page.waitForSelector(ROW + "[data-state=recording]", WAIT);
        assertThat(stateOnServer("alice-token")).isEqualTo("recording");
        page.pressCtrlShiftDigit(2);
        page.waitForSelector(ROW + "[data-state=paused]", WAIT);
        assertThat(stateOnServer("alice-token")).isEqualTo("paused");
        // the row follows the event stream, which can come before the POST's answer that the toast reports
        page.waitFor("the toggle's answer", "document.querySelector('#toast').textContent"
                + ".startsWith('Recording paused')", WAIT);
        assertThat(page.text("#toast")).isEqualTo("Recording paused: carrier → +15550100");
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    void sendsAShortcutPressedWhileThePreviousOneWasOnItsWaySoAQuickPauseThenResumeEndsRecording() throws Exception {
        // the pause's POST is held in the browser, so that the resume key is certain to come while it is on its way
        holdRequests("*/recording/pause");
        try {
            callToAlice();
            signIn("alice-token");
            page.waitForSelector(ROW + "[data-state=recording]", WAIT);
            int before = page.devTools().events().size();
            page.pressCtrlShiftDigit(3);
            String held = awaitHeldRequest(before);
            page.pressCtrlShiftDigit(4);
            continueRequest(held);
        } finally {
            releaseRequests();
        }

        page.waitFor("the resume's answer", "document.querySelector('#toast').textContent"
                + ".startsWith('Recording resumed')", WAIT);
        page.waitForSelector(ROW + "[data-state=recording]", WAIT);
        assertThat(stateOnServer("alice-token")).isEqualTo("recording");
        assertThat(scriptErrors()).isEmpty();
    }

    @Test
    void keepsTheNewerStateWhenAReadOfTheCallSentBeforeItAnswersLast() throws Exception {
        // each recording event makes the page read the call again; those reads are held here
        holdRequests("*/api/v1/calls/0*");
        try {
            TestCall agentPhone = callToAlice();
            signIn("alice-token");
            page.waitForSelector(ROW + "[data-state=recording]", WAIT);

            int before = page.devTools().events().size();
            assertThat(agentPhone.info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);
            String olderRead = awaitHeldRequest(before);
            ObjectNode pausedCall = firstLiveCall("alice-token");
            before = page.devTools().events().size();
            assertThat(agentPhone.info(Map.of("Recording-Control", "resume"), null, null).status()).isEqualTo(200);
            String newerRead = awaitHeldRequest(before);
            continueRequest(newerRead);
            page.waitForSelector(ROW + "[data-state=recording]", WAIT);

            // the older read answers last, with the call as it was while paused; its caller is marked so
            // that the page's log (which names the parties from the read) shows when it has been taken in
            pausedCall.put("caller", "carrier-as-read-while-paused");
            answerHeldRequest(olderRead, "application/json", JSON.writeValueAsBytes(pausedCall));
            page.waitFor("the older read taken in", "document.querySelector('#events-log').textContent"
                    + ".includes('carrier-as-read-while-paused')", WAIT);
        } finally {
            releaseRequests();
        }

        assertThat(page.attribute(ROW, "data-state")).isEqualTo("recording");
        assertThat(stateOnServer("alice-token")).isEqualTo("recording");
    }

    @Test
    void saysWhyAnActionIsRefusedWithoutAskingAndShowsTheServersRefusalWhenItsViewWasStale() throws Exception {
        // the event stream is held back, so that the page cannot learn of the phone's pause below
        holdRequests("*/api/v1/events*");
        try {
            TestCall agentPhone = callToAlice();
            signIn("alice-token");
            page.waitForSelector(ROW + "[data-state=recording]", WAIT);
            String stop = ROW + " button.act-stop";
            assertThat(page.attribute(stop, "aria-disabled")).isEqualTo("true");
            assertThat(page.attribute(stop, "title")).isEqualTo("agent alice may not stop (mode pause_resume)");

            page.click(stop);
            page.waitForSelector(ROW + " .note", WAIT);
            assertThat(page.text(ROW + " .note")).isEqualTo("Stop: agent alice may not stop (mode pause_resume)");
            page.pressCtrlShiftDigit(4);
            page.waitFor("the reason", "document.querySelector('#toast').textContent.startsWith('Resume')", WAIT);
            assertThat(page.text("#toast")).isEqualTo("Resume: cannot resume: the recording is recording");
            assertThat(stateOnServer("alice-token")).isEqualTo("recording");

            assertThat(agentPhone.info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);
            assertThat(page.attribute(ROW, "data-state")).isEqualTo("recording");
            page.click(ROW + " button.act-pause");

            page.waitFor("the server's refusal", "document.querySelector('" + ROW + " .note').textContent"
                    + ".includes('refused')", WAIT);
            assertThat(page.text(ROW + " .note")).isEqualTo("Pause refused: cannot pause: the recording is paused");
            // and it shows what the server has, without waiting for the event stream
            page.waitForSelector(ROW + "[data-state=paused] .dot-paused", WAIT);
            page.screenshot(SCREENSHOTS.resolve("5-refused.png"));
        } finally {
            releaseRequests();
        }
    }

    @Test
    void showsTheWarningThatAPauseEndsByItselfInTheBannerAndAboveTheCalls() throws Exception {
        // company.max_pause's warning, as the event stream sends it, handed to the page in place of the stream
        holdRequests("*/api/v1/events*");
        try {
            int before = page.devTools().events().size();
            TestCall agentPhone = callToAlice();
            signIn("alice-token");
            String held = awaitHeldRequest(before);
            assertThat(agentPhone.info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);
            String callId = firstLiveCall("alice-token").path("id").asText();
            String resumesAt = Instant.now().plusSeconds(10).toString();
            String stream = "event: pause_expiring\ndata: {\"type\":\"pause_expiring\",\"callId\":\"" + callId
                    + "\",\"recordingId\":null,\"resumesAt\":\"" + resumesAt + "\"}\n\n";

            answerHeldRequest(held, "text/event-stream", stream.getBytes(StandardCharsets.UTF_8));

            page.waitForSelector("#calls-warnings .message.warning[data-call='" + callId + "']", WAIT);
            assertThat(page.text("#calls-warnings .message")).startsWith(
                    "carrier → +15550100: the pause ends and recording resumes by itself in 0:");
            page.waitForSelector(ROW + "[data-state=paused]", WAIT);
            page.waitFor("the banner's countdown", "document.querySelector('#banner-since').textContent"
                    + ".includes('resumes by itself in 0:')", WAIT);
            page.screenshot(SCREENSHOTS.resolve("7-pause-expiring.png"));
        } finally {
            releaseRequests();
        }
    }

    @Test
    void showsASupervisorTheBannerOfTheSelectedCallAndAsksWhichCallForAShortcutWhenSeveralAreLive()
            throws Exception {
        TestPhone carrier = phones.carrier(sotto, "carrier");
        TestPhone pbx = phones.pbx(sotto, "1001");
        TestCall first = callToAlice(carrier, pbx);
        callToAlice(carrier, pbx);
        signIn("sam-token");
        page.waitFor("two calls", "document.querySelectorAll('" + ROW + "').length === 2", WAIT);
        page.pressCtrlShiftDigit(3);
        page.waitFor("the question", "document.querySelector('#toast').textContent.includes('Select a call')", WAIT);
        assertThat(page.text("#toast")).isEqualTo("Select a call first: 2 calls are live.");

        assertThat(first.info(Map.of("Recording-Control", "pause"), null, null).status()).isEqualTo(200);
        page.waitForSelector(ROW + "[data-state=paused]", WAIT);
        assertThat(page.evaluate("document.querySelector('#banner-body').hidden").asBoolean())
                .as("no banner before a call is selected").isTrue();
        page.click(ROW + "[data-state=paused] td.num");

        page.waitFor("the banner of the selected call", "!document.querySelector('#banner-body').hidden", WAIT);
        assertThat(page.evaluate("document.querySelector('" + ROW + "[data-state=paused] input[type=radio]').checked")
                .asBoolean()).isTrue();
        page.screenshot(SCREENSHOTS.resolve("6-supervisor-selected.png"));
        page.pressCtrlShiftDigit(4);
        page.waitFor("the selected call resumed", "document.querySelectorAll('" + ROW
                + "[data-state=recording]').length === 2", WAIT);
        assertThat(scriptErrors()).isEmpty();
    }

    private TestCall callToAlice() {
        return callToAlice(phones.carrier(sotto, "carrier"), phones.pbx(sotto, "1001"));
    }

    /** The carrier calls the company number, alice's phone answers; hung up after the test. */
    private TestCall callToAlice(TestPhone carrier, TestPhone pbx) {
        TestCall agentSide = TestPhones.connect(sotto, carrier, pbx, "+15550100", InviteOptions.defaults(),
                AnswerOptions.defaults()).callee();
        calls.add(agentSide);
        return agentSide;
    }

    private static void signIn(String token) {
        page.waitFor("the sign-in form", "!document.querySelector('#sign-in').hidden", WAIT);
        page.type("#token", token);
        page.click("#sign-in-form button[type=submit]");
        page.waitFor("the live calls", "!document.querySelector('#calls').hidden", WAIT);
    }

    private static String stateOnServer(String token) throws IOException, InterruptedException {
        return firstLiveCall(token).path("recording").path("state").asText();
    }

    /** The first call of {@code GET /api/v1/calls} as {@code token}'s user sees it. */
    private static ObjectNode firstLiveCall(String token) throws IOException, InterruptedException {
        HttpResponse<String> calls = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":"
                        + sotto.httpPort() + "/api/v1/calls")).header("Authorization", "Bearer " + token)
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        return (ObjectNode) JSON.readTree(calls.body()).path("items").get(0);
    }

    /**
     * Holds the page's requests to URLs matching {@code urlPattern} in the browser until the test
     * lets each go ({@code Fetch} of the DevTools protocol). Enable it before the page acts: the
     * browser may apply it a moment after answering.
     */
    private static void holdRequests(String urlPattern) {
        page.devTools().send("Fetch.enable", JSON.createObjectNode().set("patterns",
                JSON.createArrayNode().add(JSON.createObjectNode().put("urlPattern", urlPattern))));
    }

    private static void releaseRequests() {
        page.devTools().send("Fetch.disable");
    }

    /** The id of the first request held after the {@code before}-th DevTools event. */
    private static String awaitHeldRequest(int before) {
        return page.devTools().awaitEvent("Fetch.requestPaused", before, WAIT).path("params").path("requestId")
                .asText();
    }

    private static void continueRequest(String requestId) {
        page.devTools().send("Fetch.continueRequest", JSON.createObjectNode().put("requestId", requestId));
    }

    /** Answers a held request 200 with {@code body} instead of letting it reach the server. */
    private static void answerHeldRequest(String requestId, String contentType, byte[] body) {
        page.devTools().send("Fetch.fulfillRequest", JSON.createObjectNode().put("requestId", requestId)
                .put("responseCode", 200)
                .put("body", Base64.getEncoder().encodeToString(body))
                .set("responseHeaders", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("name", "Content-Type").put("value", contentType))));
    }

    /** Uncaught exceptions and Content-Security-Policy violations (refusals' 403/409 are expected). */
    private static List<String> scriptErrors() {
        return page.errors().stream()
                .filter(error -> error.startsWith("exception") || error.contains("Content Security Policy")).toList();
    }

    private static String consoleUrl() {
        return "http://" + LOOPBACK + ":" + sotto.httpPort() + "/";
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
