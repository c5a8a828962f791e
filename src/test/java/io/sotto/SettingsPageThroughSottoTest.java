package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.testkit.browser.BrowserPage;
import io.sotto.testkit.browser.HeadlessChromium;

/**
 * The console's Settings page in headless Chromium against a running Sotto: an admin signs in on
 * the console, follows the Settings link, changes the company's control mode and a user's
 * override, sees the change in the audit, and sees the server's refusal of a bad DTMF code in the
 * config file's words.
 */
class SettingsPageThroughSottoTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SottoUnderTest sotto;
    private HeadlessChromium chromium;
    private BrowserPage page;

    @BeforeEach
    void start() {
        HeadlessChromium.requireChromium();
        sotto = SottoUnderTest.start(dir, "numbers=[{number: '+15550100', groups: [sales]}]", "users=["
                + "{id: alice, extension: '1001', groups: [sales], token_sha256: '" + ApiClient.sha256("alice-token") + "'},"
                + "{id: root, role: admin, token_sha256: '" + ApiClient.sha256("root-token") + "'}]");
        chromium = HeadlessChromium.launch(dir.resolve("chromium"));
        page = chromium.newPage();
    }

    @AfterEach
    void stop() {
        try {
            if (page != null) {
                page.close();
            }
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (sotto != null) {
                sotto.close();
            }
        }
    }

    @Test
    void anAdminChangesTheCompanyAndAUserAndSeesTheAuditAndTheServersRefusal() {
        signIn("root-token");
        page.waitFor("the Settings link", "!document.getElementById('settings-link').hidden", WAIT);
        page.navigate(url("/console/settings.html"), WAIT);
        page.waitFor("the settings", "!document.getElementById('settings').hidden", WAIT);
        assertThat(page.evaluate("document.querySelector('[name=control]').value").asText()).isEqualTo("pause_resume");

        page.evaluate("document.querySelector('[name=control]').value = 'always'");
        page.click("#company-form button[type=submit]");
        page.waitFor("the saved message", "document.getElementById('settings-message').textContent.includes('saved')", WAIT);
        page.waitFor("the change in the audit", "document.getElementById('audit-body').textContent"
                + ".includes('control: \"pause_resume\" → \"always\"')", WAIT);

        page.evaluate("document.querySelector('#users-body select[aria-label=download]').value = 'true'");
        page.click("#users-body button");
        page.waitFor("the user's change in the audit",
                "document.getElementById('audit-body').textContent.includes('user alice')", WAIT);

        page.evaluate("document.querySelector('[name=\"dtmf.pause\"]').value = '#12#'");
        page.click("#company-form button[type=submit]");
        page.waitFor("the refusal", "!document.getElementById('company-error').hidden", WAIT);

        assertThat(page.text("#company-error")).isEqualTo("company.dtmf.resume: \"#12#\" is also the pause code");
        JsonNode company = ApiClient.json(ApiClient.as(sotto, "root-token").get("/api/v1/settings/company"));
        assertThat(company.path("control").asText()).isEqualTo("always");
        assertThat(company.path("dtmf").path("pause").asText()).isEqualTo("#11#");
        JsonNode alice = ApiClient.json(ApiClient.as(sotto, "root-token").get("/api/v1/settings/users/alice"));
        assertThat(alice.path("download").asBoolean()).isTrue();
        // the browser logs the 400 of the refused change; nothing else may go wrong on the page
        assertThat(page.errors()).allMatch(error -> error.contains("status of 400")
                && error.contains("/api/v1/settings/company"));
    }

    @Test
    void showsNoSettingsToAnAgent() {
        signIn("alice-token");
        page.waitFor("the console", "!document.getElementById('calls').hidden", WAIT);
        page.navigate(url("/console/settings.html"), WAIT);
        page.waitFor("the refusal", "document.getElementById('settings-message').textContent.includes('admins')", WAIT);

        assertThat(page.evaluate("document.getElementById('settings').hidden").asBoolean()).isTrue();
    }

    private void signIn(String token) {
        page.navigate(url("/"), WAIT);
        page.type("#token", token);
        page.click("#sign-in-form button[type=submit]");
    }

    private String url(String path) {
        return "http://" + LOOPBACK + ":" + sotto.httpPort() + path;
    }
}
