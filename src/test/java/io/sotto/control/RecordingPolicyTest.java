package io.sotto.control;

import static io.sotto.control.RecordingAction.*;
import static io.sotto.control.RecordingState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sotto.config.CompanyConfig;
import io.sotto.config.ControlMode;
import io.sotto.config.DtmfConfig;
import io.sotto.config.NumberConfig;
import io.sotto.config.PlayRight;
import io.sotto.config.RecordDefaults;
import io.sotto.config.Role;
import io.sotto.config.TransferMode;
import io.sotto.config.UserConfig;
import io.sotto.config.Visibility;

class RecordingPolicyTest {
    private static final String NUMBER = "+15550100";

    private static CompanyConfig company(ControlMode control, boolean inbound, boolean outbound, boolean internal) {
        return new CompanyConfig(new RecordDefaults(inbound, outbound, internal), control,
                new DtmfConfig("#11#", "#12#", 3000, true), TransferMode.STOP, Visibility.OWN, PlayRight.OWN, false, null);
    }

    private static UserConfig user(String id, String extension, Role role, ControlMode control) {
        return new UserConfig(id, id, extension, role, List.of(), control, null, null, null, null);
    }

    private static Agent agent(String id, String extension, ControlMode control) {
        return new Agent(extension, user(id, extension, Role.AGENT, control));
    }

    private static CallParties inbound(Agent agent) {
        return new CallParties("inbound", NUMBER, List.of(agent));
    }

    private static RecordingPolicy policy(ControlMode companyMode, NumberConfig... numbers) {
        return new RecordingPolicy(company(companyMode, true, true, false), List.of(numbers));
    }

    // --- the modes table of README "Pausing and resuming": one row per mode, what the agent may do ---

    @ParameterizedTest(name = "{0}: {1} while {2} -> {3}")
    @CsvSource({
            "ALWAYS,         PAUSE,  RECORDING, 403",
            "ALWAYS,         RESUME, PAUSED,    403",
            "ALWAYS,         START,  OFF,       403",
            "ALWAYS,         STOP,   RECORDING, 403",
            "PAUSE_RESUME,   PAUSE,  RECORDING, PAUSED",
            "PAUSE_RESUME,   RESUME, PAUSED,    RECORDING",
            "PAUSE_RESUME,   RESUME, OFF,       RECORDING",
            "PAUSE_RESUME,   START,  OFF,       RECORDING",
            "PAUSE_RESUME,   STOP,   RECORDING, 403",
            "ON_DEMAND,      START,  OFF,       RECORDING",
            "ON_DEMAND,      PAUSE,  RECORDING, PAUSED",
            "ON_DEMAND,      RESUME, PAUSED,    RECORDING",
            "ON_DEMAND,      STOP,   RECORDING, 403",
            "ON_DEMAND_FULL, START,  OFF,       RECORDING",
            "ON_DEMAND_FULL, PAUSE,  RECORDING, PAUSED",
            "ON_DEMAND_FULL, STOP,   RECORDING, STOPPED",
            "ON_DEMAND_FULL, STOP,   PAUSED,    STOPPED",
            "ON_DEMAND_FULL, START,  STOPPED,   RECORDING",
            "ON_DEMAND_FULL, RESUME, STOPPED,   RECORDING",
    })
    void letsEachModeDoWhatTheSpecTableSays(ControlMode mode, RecordingAction action, RecordingState from, String expected) {
        Agent alice = agent("alice", "1001", mode);

        Decision decision = policy(ControlMode.PAUSE_RESUME).decide(inbound(alice), from, action, Actor.leg(alice));

        assertThat(outcome(decision)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} while {1} -> {2}")
    @CsvSource({
            "TOGGLE, RECORDING, PAUSED",
            "TOGGLE, PAUSED,    RECORDING",
            "TOGGLE, OFF,       RECORDING",
            "TOGGLE, STOPPED,   RECORDING",
            "PAUSE,  PAUSED,    409",
            "PAUSE,  OFF,       409",
            "PAUSE,  STOPPED,   409",
            "RESUME, RECORDING, 409",
            "START,  RECORDING, 409",
            "START,  PAUSED,    409",
            "STOP,   STOPPED,   409",
            "STOP,   OFF,       409",
            "PAUSE,  ENDED,     409",
            "START,  ENDED,     409",
    })
    void movesBetweenStatesOrAnswersConflict(RecordingAction action, RecordingState from, String expected) {
        Agent admin = new Agent("9000", user("root", "9000", Role.ADMIN, null));
        Decision decision = policy(ControlMode.PAUSE_RESUME)
                .decide(inbound(admin), from, action, Actor.user(admin.user()));

        assertThat(outcome(decision)).isEqualTo(expected);
    }

    @Test
    void checksPermissionBeforeState() {
        Agent bob = agent("bob", "1002", ControlMode.ALWAYS);

        Decision decision = policy(ControlMode.PAUSE_RESUME).decide(inbound(bob), PAUSED, PAUSE, Actor.leg(bob));

        assertThat(outcome(decision)).isEqualTo("403");
    }

    // --- precedence: which mode is an agent's ---

    @Test
    void takesTheUsersModeBeforeTheNumbersAndTheCompanys() {
        RecordingPolicy policy = policy(ControlMode.ALWAYS, new NumberConfig(NUMBER, null, ControlMode.ON_DEMAND));

        assertThat(policy.modeOf(agent("alice", "1001", ControlMode.ON_DEMAND_FULL), NUMBER))
                .isEqualTo(ControlMode.ON_DEMAND_FULL);
    }

    @Test
    void takesTheNumbersModeWhenTheUserHasNone() {
        RecordingPolicy policy = policy(ControlMode.ALWAYS, new NumberConfig(NUMBER, null, ControlMode.ON_DEMAND));

        assertThat(policy.modeOf(agent("alice", "1001", null), NUMBER)).isEqualTo(ControlMode.ON_DEMAND);
        assertThat(policy.modeOf(agent("alice", "1001", null), "+15559999")).isEqualTo(ControlMode.ALWAYS);
    }

    @Test
    void givesAnUnknownExtensionTheCompanysMode() {
        assertThat(policy(ControlMode.ON_DEMAND).modeOf(new Agent("1099", null), NUMBER)).isEqualTo(ControlMode.ON_DEMAND);
    }

    // --- precedence: does the call start recorded ---

    @Test
    void startsRecordedWhenTheNumbersRecordingStepSaysSoWhateverTheAgent() {
        RecordingPolicy policy = policy(ControlMode.PAUSE_RESUME, new NumberConfig(NUMBER, true, null));

        assertThat(policy.startsRecorded(inbound(agent("alice", "1001", ControlMode.ON_DEMAND)))).isTrue();
    }

    @Test
    void startsUnrecordedWhenTheNumbersRecordingStepIsOffWhateverTheAgent() {
        RecordingPolicy policy = policy(ControlMode.PAUSE_RESUME, new NumberConfig(NUMBER, false, null));

        assertThat(policy.startsRecorded(inbound(agent("alice", "1001", ControlMode.ALWAYS)))).isFalse();
    }

    @ParameterizedTest(name = "agent mode {0}, company inbound {1} -> {2}")
    @CsvSource({
            "ALWAYS,         false, true",
            "ON_DEMAND,      true,  false",
            "ON_DEMAND_FULL, true,  false",
            "PAUSE_RESUME,   true,  true",
            "PAUSE_RESUME,   false, false",
    })
    void letsTheAgentsModeDecideBeforeTheCompanysDirectionSetting(ControlMode mode, boolean companyInbound,
                                                                 boolean expected) {
        RecordingPolicy policy = new RecordingPolicy(company(ControlMode.PAUSE_RESUME, companyInbound, true, false), List.of());

        assertThat(policy.startsRecorded(inbound(agent("alice", "1001", mode)))).isEqualTo(expected);
    }

    @Test
    void followsTheCompanyForEachDirection() {
        RecordingPolicy policy = new RecordingPolicy(company(ControlMode.PAUSE_RESUME, true, false, true), List.of());
        Agent unknown = new Agent("1099", null);

        assertThat(policy.startsRecorded(new CallParties("inbound", NUMBER, List.of(unknown)))).isTrue();
        assertThat(policy.startsRecorded(new CallParties("outbound", NUMBER, List.of(unknown)))).isFalse();
        assertThat(policy.startsRecorded(new CallParties("internal", null, List.of(unknown, unknown)))).isTrue();
    }

    @Test
    void letsAlwaysWinOverOnDemandOnAnInternalCall() {
        CallParties internal = new CallParties("internal", null,
                List.of(agent("alice", "1001", ControlMode.ON_DEMAND), agent("bob", "1002", ControlMode.ALWAYS)));

        assertThat(policy(ControlMode.PAUSE_RESUME).startsRecorded(internal)).isTrue();
    }

    // --- actors ---

    @Test
    void refusesAnInternalActionNamingTheAgentWhoLacksIt() {
        Agent alice = agent("alice", "1001", ControlMode.PAUSE_RESUME);
        Agent bob = agent("bob", "1002", ControlMode.ALWAYS);
        RecordingPolicy policy = policy(ControlMode.PAUSE_RESUME);

        Decision byAlice = policy.decide(new CallParties("internal", null, List.of(alice, bob)), RECORDING, PAUSE,
                Actor.leg(alice));
        Decision byAliceOtherOrder = policy.decide(new CallParties("internal", null, List.of(bob, alice)), RECORDING,
                PAUSE, Actor.leg(alice));

        assertThat(byAlice).isInstanceOfSatisfying(Decision.Refused.class,
                refused -> assertThat(refused.reason()).contains("bob").doesNotContain("alice"));
        assertThat(byAliceOtherOrder).isInstanceOfSatisfying(Decision.Refused.class,
                refused -> assertThat(refused.reason()).contains("bob"));
    }

    @Test
    void allowsAnInternalActionWhenBothAgentsMayTakeIt() {
        Agent alice = agent("alice", "1001", ControlMode.PAUSE_RESUME);
        Agent bob = agent("bob", "1002", ControlMode.ON_DEMAND_FULL);

        Decision decision = policy(ControlMode.PAUSE_RESUME).decide(
                new CallParties("internal", null, List.of(alice, bob)), RECORDING, PAUSE, Actor.leg(bob));

        assertThat(outcome(decision)).isEqualTo("PAUSED");
    }

    @Test
    void namesAnUnknownExtensionByItsNumber() {
        Agent unknown = new Agent("1099", null);

        Decision decision = policy(ControlMode.ALWAYS).decide(inbound(unknown), RECORDING, PAUSE, Actor.leg(unknown));

        assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class,
                refused -> assertThat(refused.reason()).contains("1099").contains("always"));
    }

    @Test
    void neverLetsTheCustomerAct() {
        Decision decision = policy(ControlMode.ON_DEMAND_FULL).decide(inbound(agent("alice", "1001", null)), RECORDING,
                PAUSE, Actor.customer());

        assertThat(outcome(decision)).isEqualTo("403");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ADMIN, PAUSED", "SUPERVISOR, PAUSED", "ANALYST, 403"})
    void letsAdminsAndSupervisorsActUnderAnyModeButNotAnalysts(Role role, String expected) {
        Agent alice = agent("alice", "1001", ControlMode.ALWAYS);
        UserConfig actor = user("someone", null, role, null);

        Decision decision = policy(ControlMode.ALWAYS).decide(inbound(alice), RECORDING, PAUSE, Actor.user(actor));

        assertThat(outcome(decision)).isEqualTo(expected);
    }

    @Test
    void letsAnAgentActThroughTheApiOnlyOnTheirOwnCallUnderTheirMode() {
        Agent alice = agent("alice", "1001", ControlMode.PAUSE_RESUME);
        RecordingPolicy policy = policy(ControlMode.PAUSE_RESUME);

        assertThat(outcome(policy.decide(inbound(alice), RECORDING, PAUSE, Actor.user(alice.user())))).isEqualTo("PAUSED");
        assertThat(outcome(policy.decide(inbound(alice), RECORDING, PAUSE,
                Actor.user(user("carol", "1003", Role.AGENT, ControlMode.ON_DEMAND_FULL))))).isEqualTo("403");
    }

    @Test
    void letsThePolicyStartAnyCall() {
        Decision decision = policy(ControlMode.ALWAYS).decide(inbound(agent("alice", "1001", null)), OFF, START,
                Actor.policy());

        assertThat(outcome(decision)).isEqualTo("RECORDING");
    }

    // --- choices: what a console offers is what a request would be answered ---

    @Test
    void offersAPauseResumeAgentPauseAndToggleWhileRecordingAndSaysWhyNotTheRest() {
        Agent alice = agent("alice", "1001", ControlMode.PAUSE_RESUME);

        ActionChoices choices = policy(ControlMode.PAUSE_RESUME).choices(inbound(alice), RECORDING,
                Actor.user(alice.user()));

        assertThat(choices.allowed()).containsExactly(PAUSE, TOGGLE);
        assertThat(choices.denied()).containsOnlyKeys(RESUME, START, STOP);
        assertThat(choices.denied().get(STOP).status()).isEqualTo(403);
        assertThat(choices.denied().get(STOP).reason()).isEqualTo("agent alice may not stop (mode pause_resume)");
        assertThat(choices.denied().get(RESUME).status()).isEqualTo(409);
        assertThat(choices.denied().get(START).reason()).isEqualTo("the recording is recording already");
    }

    @Test
    void offersResumeAndToggleOfAPausedCallAndStartOfAnUnrecordedOne() {
        Agent alice = agent("alice", "1001", ControlMode.ON_DEMAND);
        RecordingPolicy policy = policy(ControlMode.PAUSE_RESUME);

        assertThat(policy.choices(inbound(alice), PAUSED, Actor.leg(alice)).allowed()).containsExactly(RESUME, TOGGLE);
        // "#12# starts or resumes" (README, "Pausing and resuming"): resume of an unrecorded call starts it
        assertThat(policy.choices(inbound(alice), OFF, Actor.leg(alice)).allowed()).containsExactly(RESUME, TOGGLE,
                START);
    }

    @Test
    void offersNothingOnAnInternalCallWhereTheOtherAgentsModeIsAlwaysAndNamesThatAgent() {
        Agent alice = agent("alice", "1001", ControlMode.ON_DEMAND_FULL);
        Agent bob = agent("bob", "1002", ControlMode.ALWAYS);

        ActionChoices choices = policy(ControlMode.PAUSE_RESUME).choices(
                new CallParties("internal", null, List.of(alice, bob)), RECORDING, Actor.user(alice.user()));

        assertThat(choices.allowed()).isEmpty();
        assertThat(choices.denied().get(PAUSE).reason()).isEqualTo("agent bob may not pause (mode always)");
    }

    @Test
    void offersAnAdminEveryActionTheStateAllowsUnderAnAlwaysMode() {
        Agent alice = agent("alice", "1001", ControlMode.ALWAYS);
        UserConfig root = user("root", null, Role.ADMIN, null);

        ActionChoices choices = policy(ControlMode.PAUSE_RESUME).choices(inbound(alice), PAUSED, Actor.user(root));

        assertThat(choices.allowed()).containsExactly(RESUME, TOGGLE, STOP);
        assertThat(choices.denied().get(PAUSE).reason()).isEqualTo("cannot pause: the recording is paused");
    }

    private static String outcome(Decision decision) {
        if (decision instanceof Decision.Allowed allowed) {
            return allowed.next().name();
        }
        return Integer.toString(((Decision.Refused) decision).status());
    }
}
