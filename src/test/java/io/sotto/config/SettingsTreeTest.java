package io.sotto.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change of the live settings is checked by the config file's binders: the same mistake gets the
 * same one-line message naming the same key, whether it is made in the file or through the API.
 */
class SettingsTreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "a".repeat(64);
    private static final String[] FILE = {
            "numbers=[{number: '+15550100', record: true, control: always, groups: [sales]}]",
            "users=[{id: alice, extension: '1001', groups: [sales], token_sha256: '" + TOKEN + "'},"
                    + " {id: root, role: admin}]"};

    private static Settings file() {
        return ConfigLoader.load(null, List.of(FILE)).settings();
    }

    /** The message the config file gets for {@code set}, laid over {@link #FILE}. */
    private static String fileMessage(String set) {
        List<String> sets = new java.util.ArrayList<>(List.of(FILE));
        sets.add(set);
        try {
            ConfigLoader.load(null, sets);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("the file accepts " + set);
    }

    private static String editMessage(SettingsScope scope, String key, String change) {
        try {
            SettingsTree.edit(file(), scope, key, JSON.readTree(change));
        } catch (ConfigException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the edit accepts " + change);
    }

    @Test
    void refusesAMistakeWithTheMessageTheConfigFileGets() {
        assertThat(editMessage(SettingsScope.COMPANY, "company", "{\"control\": \"sometimes\"}"))
                .isEqualTo(fileMessage("company.control=sometimes"))
                .startsWith("company.control: unknown value \"sometimes\"");
        assertThat(editMessage(SettingsScope.COMPANY, "company", "{\"dtmf\": {\"resume\": \"1#\"}}"))
                .isEqualTo(fileMessage("company.dtmf.resume=1#"));
        assertThat(editMessage(SettingsScope.COMPANY, "company", "{\"dtmf\": {\"inter_digit_ms\": 5}}"))
                .isEqualTo(fileMessage("company.dtmf.inter_digit_ms=5"));
        assertThat(editMessage(SettingsScope.NUMBER, "+15550100", "{\"users\": [\"nobody\"]}"))
                .isEqualTo(fileMessage("numbers[0].users=[nobody]"))
                .isEqualTo("numbers[0].users[0]: \"nobody\" is no configured user id");
        assertThat(editMessage(SettingsScope.USER, "alice", "{\"play\": \"some\"}"))
                .isEqualTo(fileMessage("users[0].play=some"));
        assertThat(editMessage(SettingsScope.USER, "alice", "{\"groups\": [\"a\", \"a\"]}"))
                .isEqualTo(fileMessage("users[0].groups=[a, a]"));
        assertThat(editMessage(SettingsScope.COMPANY, "company", "{\"colour\": 1}"))
                .isEqualTo(fileMessage("company.colour=1"))
                .isEqualTo("company.colour: unknown key");
    }

    @Test
    void refusesTheKeysOnlyTheConfigFileSets() {
        assertThat(editMessage(SettingsScope.USER, "alice", "{\"role\": \"admin\"}"))
                .isEqualTo("users[0].role: is set in the config file only, not while Sotto runs");
        assertThat(editMessage(SettingsScope.USER, "alice", "{\"token_sha256\": \"" + "b".repeat(64) + "\"}"))
                .startsWith("users[0].token_sha256: is set in the config file only");
        assertThat(editMessage(SettingsScope.NUMBER, "+15550100", "{\"number\": \"+1\"}"))
                .startsWith("numbers[0].number: is set in the config file only");
    }

    @Test
    void laysAChangeOverTheCurrentSettingsAsAFileIsLaidOverTheDefaults() throws Exception {
        SettingsTree.Edit edit = SettingsTree.edit(file(), SettingsScope.COMPANY, "company",
                JSON.readTree("{\"record\": {\"internal\": true}, \"dtmf\": {\"pause\": \"*1\"}}"));

        CompanyConfig company = edit.settings().company();
        assertThat(company.record()).isEqualTo(new RecordDefaults(true, true, true));
        assertThat(company.dtmf()).isEqualTo(new DtmfConfig("*1", "#12#", 3000, true));
        assertThat(edit.before().path("record").path("internal").asBoolean()).isFalse();
        assertThat(edit.after().path("record").path("internal").asBoolean()).isTrue();
        assertThat(edit.settings().numbers()).isEqualTo(file().numbers());
        assertThat(edit.settings().users()).isEqualTo(file().users());
    }

    @Test
    void keepsTheFeedbackToneAndPauseLimitThroughAnEditOfAnotherKey() throws Exception {
        Settings limited = SettingsTree.edit(file(), SettingsScope.COMPANY, "company",
                JSON.readTree("{\"max_pause\": 120, \"dtmf\": {\"feedback\": false}}")).settings();

        CompanyConfig company = SettingsTree.edit(limited, SettingsScope.COMPANY, "company",
                JSON.readTree("{\"download\": true}")).settings().company();

        assertThat(company.maxPauseSeconds()).isEqualTo(120);
        assertThat(company.dtmf().feedback()).isFalse();
        assertThat(company.download()).isTrue();
    }

    @Test
    void unsetsANumbersRuleWithNullAndReplacesItsLists() throws Exception {
        SettingsTree.Edit edit = SettingsTree.edit(file(), SettingsScope.NUMBER, "+15550100",
                JSON.readTree("{\"record\": null, \"groups\": [\"support\"], \"users\": [\"alice\"]}"));

        assertThat(edit.settings().number("+15550100"))
                .isEqualTo(new NumberConfig("+15550100", null, ControlMode.ALWAYS, List.of("alice"), List.of("support")));
        assertThat(edit.changesNothing()).isFalse();
    }

    @Test
    void keepsAUsersIdentityRoleAndTokenWhenTheirOverridesChange() throws Exception {
        SettingsTree.Edit edit = SettingsTree.edit(file(), SettingsScope.USER, "alice",
                JSON.readTree("{\"control\": \"on_demand_full\", \"download\": true}"));

        UserConfig alice = edit.settings().user("alice").orElseThrow();
        assertThat(alice.control()).isEqualTo(ControlMode.ON_DEMAND_FULL);
        assertThat(alice.download()).isTrue();
        assertThat(alice.extension()).isEqualTo("1001");
        assertThat(alice.role()).isEqualTo(Role.AGENT);
        assertThat(alice.tokenSha256()).isEqualTo(TOKEN);
        assertThat(edit.after().has("token_sha256")).isFalse();
        assertThat(SettingsTree.view(alice).toString()).doesNotContain(TOKEN).doesNotContain("token");
    }

    @Test
    void knowsNoNumberOrUserTheConfigFileLacks() {
        assertThatThrownBy(() -> SettingsTree.edit(file(), SettingsScope.USER, "mallory", JSON.readTree("{}")))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> SettingsTree.edit(file(), SettingsScope.NUMBER, "+1999", JSON.readTree("{}")))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void composesTheFileWithTheStoredDocumentsOfTheEntriesItLists() throws Exception {
        ObjectNode company = SettingsTree.document(file().company()).put("download", true);
        ObjectNode alice = (ObjectNode) JSON.readTree(
                "{\"name\": \"Alice\", \"groups\": [], \"control\": \"on_demand\", \"visibility\": null,"
                        + " \"play\": null, \"download\": null}");
        ObjectNode gone = (ObjectNode) JSON.readTree("{\"control\": \"always\"}");

        Settings composed = SettingsTree.compose(file(), Map.of(
                SettingsScope.COMPANY, Map.of("company", company),
                SettingsScope.USER, Map.of("alice", alice, "someone-removed-from-the-file", gone)));

        assertThat(composed.company().download()).isTrue();
        UserConfig composedAlice = composed.user("alice").orElseThrow();
        assertThat(composedAlice.name()).isEqualTo("Alice");
        assertThat(composedAlice.control()).isEqualTo(ControlMode.ON_DEMAND);
        assertThat(composedAlice.groups()).isEmpty();
        assertThat(composedAlice.tokenSha256()).isEqualTo(TOKEN);
        assertThat(composed.users()).extracting(UserConfig::id).containsExactly("alice", "root");
        assertThat(composed.numbers()).isEqualTo(file().numbers());
    }

    @Test
    void refusesAStoredDocumentThatNoLongerFitsTheFileNamingTheKey() throws Exception {
        JsonNode number = JSON.readTree("{\"record\": true, \"control\": null, \"users\": [\"bob\"], \"groups\": []}");

        assertThatThrownBy(() -> SettingsTree.compose(file(),
                Map.of(SettingsScope.NUMBER, Map.of("+15550100", (ObjectNode) number))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("numbers[0].users[0]: \"bob\" is no configured user id");
    }
}
