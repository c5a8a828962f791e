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

import org.junit.jupiter.api.Test;

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
 * Transfers through Sotto with JAIN-SIP phones (docs/transfer.md): a customer on the trunk calls
 * agent 1001 on the PBX, who hands the customer on to 1002, blind (REFER) or attended (REFER with
 * Replaces, INVITE with Replaces). Before the transfer the customer plays 400 Hz and the agent
 * 1400 Hz; after it the customer plays 600 Hz and the new party 1600 Hz, so each recording's content
 * shows where it ends.
 */
class TransferThroughSottoTest extends CallsThroughSotto {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration BEFORE = Duration.ofMillis(1500);
    private static final Duration AFTER = Duration.ofMillis(1500);
    private static final double[] BEFORE_CUSTOMER = {400};
    private static final double[] BEFORE_AGENT = {1400};
    private static final double[] AFTER_CUSTOMER = {600};
    private static final double[] AFTER_TARGET = {1600};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @Test
    void endsTheFirstRecordingAtTheBlindTransferAndRecordsTheTransferredCallAfresh() throws Exception {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);
        String firstRecordingId = liveCall("bob-token").path("recording").path("id").asText();

        SipReply accepted = call.callee().refer(TestPhones.uri(sotto, "1002"));
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

    @Test
    void invitesTheTargetAtTheConfiguredPeerWhoseAddressTheReferToNames() {
        start(true);
        TestPhone pbx = phones.pbx(sotto, "pbx");
        TestPhone secondPbx = phones.secondPbx(sotto, "pbx2");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);

        SipReply accepted = call.callee().refer("<sip:2000@" + LOOPBACK + ":" + sotto.secondPbxPort() + ">");
        TestCall target = secondPbx.awaitIncoming(WAIT);
        assertThat(target.invite().getRequestURI().toString())
                .isEqualTo("sip:2000@" + LOOPBACK + ":" + sotto.secondPbxPort());
        target.answer(AnswerOptions.defaults().contactUser("2000"));
        call.callee().awaitBye(WAIT);
        call.caller().awaitRequest("INVITE", WAIT);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(call.callee().notifyBodies()).containsExactly("SIP/2.0 100 Trying\r\n", "SIP/2.0 200 OK\r\n");
        call.caller().rtpReceiver().clear();
        talk(call.caller(), target, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().rtpReceiver().awaitTone(AFTER_TARGET[0], WAIT)).isNotEmpty();
        assertThat(target.rtpReceiver().awaitTone(AFTER_CUSTOMER[0], WAIT)).isNotEmpty();
        assertThat(pbx.calls()).as("calls the first PBX saw").hasSize(1);
        assertThat(target.bye().status()).isEqualTo(200);
        call.caller().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);

        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);
        JsonNode next = SottoUnderTest.metadataOf(wavs.get(1));
        assertThat(next.path("callee").asText()).isEqualTo("2000");
        assertThat(next.path("direction").asText()).isEqualTo("inbound");
    }

    @Test
    void routesATargetWhoseAddressIsNoPeersByTheRoutingRulesAndNeverSendsThere() {
        start(true);
        TestPhone pbx = phones.pbx(sotto, "pbx");
        TestPhone secondPbx = phones.secondPbx(sotto, "pbx2");
        TestPhone stranger = phones.stranger("stranger");
        Connected call = connect(pbx);

        SipReply accepted = call.callee().refer("sip:1002@" + LOOPBACK + ":" + stranger.port());
        TestCall target = pbx.awaitIncoming(WAIT);
        assertThat(target.invite().getRequestURI().toString()).isEqualTo("sip:1002@" + LOOPBACK + ":" + sotto.pbxPort());
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.callee().awaitBye(WAIT);
        call.caller().awaitRequest("INVITE", WAIT);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(stranger.received()).isEmpty();
        assertThat(secondPbx.received()).isEmpty();
    }

    @Test
    void carriesOutAReferFromTheCallersLegTooWithTheTargetOnTheCallersSide() {
        start("company.record.internal=true");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);

        assertThat(call.caller().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.caller().awaitBye(WAIT);
        call.callee().awaitRequest("INVITE", WAIT);

        call.callee().rtpReceiver().clear();
        talk(target, call.callee(), AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.callee().rtpReceiver().awaitTone(AFTER_CUSTOMER[0], WAIT)).isNotEmpty();
        assertThat(call.callee().bye().status()).isEqualTo(200);
        target.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);

        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);
        assertBeforeTheTransferOnly(wavs.get(0));
        RecordedAudio second = RecordedAudio.read(wavs.get(1));
        assertThat(RecordedAudio.secondsOf(second.callerRuns(), AFTER_CUSTOMER)).as("the target, caller side")
                .isGreaterThan(1.0);
        JsonNode next = SottoUnderTest.metadataOf(wavs.get(1));
        assertThat(next.path("direction").asText()).isEqualTo("internal");
        assertThat(next.path("caller").asText()).isEqualTo("1002");
        assertThat(next.path("agents")).extracting(JsonNode::asText).containsExactly("carol", "bob");
    }

    @Test
    void leavesTheCallAndItsRecordingAsTheyWereWhenTheTargetIsBusy() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        pbx.awaitIncoming(WAIT).reject(486);
        Received last = call.callee().awaitNotify("486", WAIT);

        assertThat(last.body()).as("the target's own status line").startsWith("SIP/2.0 486 ").endsWith("\r\n");
        assertThat(last.header("Subscription-State")).startsWith("terminated");
        call.caller().rtpReceiver().clear();
        talk(call.caller(), call.callee(), AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().rtpReceiver().awaitTone(AFTER_TARGET[0], WAIT)).isNotEmpty();
        assertThat(call.callee().received()).noneMatch(received -> "BYE".equals(received.method()));
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);

        Path wav = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), BEFORE_CUSTOMER)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), AFTER_CUSTOMER)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), AFTER_TARGET)).isGreaterThan(1.0);
        JsonNode metadata = SottoUnderTest.metadataOf(wav);
        assertThat(metadata.path("endReason").asText()).isEqualTo("hangup");
        assertThat(metadata.path("linkedRecordings")).isEmpty();
    }

    @Test
    void keepsOneFileAcrossTheTransferWhenTransferIsContinue() {
        start("company.transfer=continue");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.callee().awaitBye(WAIT);
        call.caller().awaitRequest("INVITE", WAIT);
        talk(call.caller(), target, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);

        Path wav = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), BEFORE_CUSTOMER)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), BEFORE_AGENT)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), AFTER_CUSTOMER)).isGreaterThan(1.0);
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), AFTER_TARGET)).isGreaterThan(1.0);
        JsonNode metadata = SottoUnderTest.metadataOf(wav);
        assertThat(metadata.path("endReason").asText()).isEqualTo("hangup");
        assertThat(metadata.path("agents")).extracting(JsonNode::asText).containsExactly("bob", "carol");
        assertThat(metadata.path("events")).extracting(event -> event.path("to").asText())
                .containsExactly("recording", "ended");
    }

    @Test
    void replacesTheAgentsLegWhenThePbxSendsAnInviteWithReplaces() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);

        var dialog = call.callee().dialog();
        String replaces = call.callee().callId() + ";to-tag=" + dialog.getRemoteTag() + ";from-tag=" + dialog.getLocalTag();
        TestCall replacing = pbx.invite(TestPhones.uri(sotto, "+15550199"),
                InviteOptions.defaults().from("1002").header("Replaces", replaces));
        replacing.awaitState(CallState.CONFIRMED, WAIT);
        call.callee().awaitBye(WAIT);

        call.caller().rtpReceiver().clear();
        talk(call.caller(), replacing, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().rtpReceiver().awaitTone(AFTER_TARGET[0], WAIT)).isNotEmpty();
        assertThat(replacing.rtpReceiver().awaitTone(AFTER_CUSTOMER[0], WAIT)).isNotEmpty();
        assertThat(call.caller().bye().status()).isEqualTo(200);
        replacing.awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);

        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);
        assertBeforeTheTransferOnly(wavs.get(0));
        assertThat(SottoUnderTest.metadataOf(wavs.get(0)).path("endReason").asText()).isEqualTo("transferred");
        assertThat(SottoUnderTest.metadataOf(wavs.get(1)).path("agents")).extracting(JsonNode::asText)
                .containsExactly("carol");
    }

    @Test
    void bridgesTheCustomerWithTheConsultedAgentOnAReferWithReplaces() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);
        Connected consultationCall = TestPhones.consult(sotto, pbx, "1001", "1002");
        TestCall consultation = consultationCall.caller();
        TestCall consulted = consultationCall.callee();

        SipReply accepted = call.callee().referReplacing(TestPhones.uri(sotto, "1002"), consultation);
        call.callee().awaitBye(WAIT);
        consultation.awaitBye(WAIT);
        call.caller().awaitRequest("INVITE", WAIT);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(call.callee().notifyBodies()).containsExactly("SIP/2.0 100 Trying\r\n", "SIP/2.0 200 OK\r\n");
        call.caller().rtpReceiver().clear();
        talk(call.caller(), consulted, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().rtpReceiver().awaitTone(AFTER_TARGET[0], WAIT)).isNotEmpty();
        assertThat(consulted.rtpReceiver().awaitTone(AFTER_CUSTOMER[0], WAIT)).isNotEmpty();
        assertThat(consulted.bye().status()).isEqualTo(200);
        call.caller().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);

        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);
        assertBeforeTheTransferOnly(wavs.get(0));
        JsonNode next = SottoUnderTest.metadataOf(wavs.get(1));
        assertThat(next.path("agents")).extracting(JsonNode::asText).containsExactly("carol");
        assertThat(next.path("direction").asText()).isEqualTo("inbound");
        assertThat(next.path("endReason").asText()).isEqualTo("hangup");
    }

    @Test
    void sendsNoNotifyWhenTheReferAsksForNoSubscription() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        SipReply accepted = call.callee().refer(TestPhones.uri(sotto, "1002"),
                java.util.Map.of("Refer-Sub", "false"));
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.callee().awaitBye(WAIT);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.response().getHeader("Refer-Sub").toString()).contains("false");
        assertThat(call.callee().notifyBodies()).isEmpty();
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void carriesOnTheTransferWhenTheTransferorHangsUpBeforeTheTargetAnswers() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        assertThat(call.callee().bye().status()).isEqualTo(200);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        target.awaitState(CallState.CONFIRMED, WAIT);
        call.caller().awaitRequest("INVITE", WAIT);

        call.caller().rtpReceiver().clear();
        talk(call.caller(), target, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().rtpReceiver().awaitTone(AFTER_TARGET[0], WAIT)).isNotEmpty();
        assertThat(call.caller().received()).noneMatch(received -> "BYE".equals(received.method()));
        assertThat(target.bye().status()).isEqualTo(200);
        call.caller().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(sotto.wavFiles()).hasSize(2);
    }

    @Test
    void hangsUpOnTheCustomerWhenTheTransferorHasGoneAndTheTargetIsBusy() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        assertThat(call.callee().bye().status()).isEqualTo(200);
        target.reject(486);

        call.caller().awaitBye(WAIT);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("endReason").asText()).isEqualTo("hangup");
    }

    @Test
    void refusesAnInviteWithReplacesNamingTheDialogSottoHasWithAnotherPeer() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        var trunkDialog = call.caller().dialog();
        String customersLeg = call.caller().callId() + ";to-tag=" + trunkDialog.getRemoteTag()
                + ";from-tag=" + trunkDialog.getLocalTag();

        TestCall hijack = pbx.invite(TestPhones.uri(sotto, "+15550199"),
                InviteOptions.defaults().from("1002").header("Replaces", customersLeg));

        assertThat(hijack.awaitFinalResponse(WAIT).status()).isEqualTo(481);
        assertThat(call.caller().received()).noneMatch(received -> "BYE".equals(received.method()));
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void answers481ToAnInviteWithReplacesNamingNoDialogAndLeavesTheCallAlone() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        TestCall stray = pbx.invite(TestPhones.uri(sotto, "+15550199"),
                InviteOptions.defaults().from("1002").header("Replaces", "no-such-call;to-tag=a;from-tag=b"));

        assertThat(stray.awaitFinalResponse(WAIT).status()).isEqualTo(481);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);
        assertThat(SottoUnderTest.metadataOf(sotto.onlyWav()).path("endReason").asText()).isEqualTo("hangup");
    }

    @Test
    void answers400ToAReferWithoutAUsableReferTo() {
        start();
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);

        assertThat(call.callee().refer("<tel:+15550142>").status()).isEqualTo(400);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void linksTheFirstRecordingToOneTheTransferredCallStartsLater() throws Exception {
        start("users=[{id: bob, extension: '1001', role: agent},"
                + " {id: carol, extension: '1002', role: agent, control: on_demand_full}]");
        TestPhone pbx = phones.pbx(sotto, "pbx");
        Connected call = connect(pbx);
        talk(call.caller(), call.callee(), BEFORE_CUSTOMER[0], BEFORE_AGENT[0], BEFORE);
        assertThat(call.callee().refer(TestPhones.uri(sotto, "1002")).status()).isEqualTo(202);
        TestCall target = pbx.awaitIncoming(WAIT);
        target.answer(AnswerOptions.defaults().contactUser("1002"));
        call.callee().awaitBye(WAIT);
        call.caller().awaitRequest("INVITE", WAIT);
        sotto.awaitStatus(status -> status.activeRecordings() == 0 && status.forkBacklogBytes() == 0, SETTLE);
        Path first = sotto.onlyWav();
        assertThat(SottoUnderTest.metadataOf(first).path("linkedRecordings")).isEmpty();

        assertThat(target.info(java.util.Map.of("Recording-Control", "start"), null, null).status()).isEqualTo(200);
        talk(call.caller(), target, AFTER_CUSTOMER[0], AFTER_TARGET[0], AFTER);
        assertThat(call.caller().bye().status()).isEqualTo(200);
        sotto.awaitNothingHeld(SETTLE);

        List<Path> wavs = sotto.wavFiles();
        assertThat(wavs).hasSize(2);
        String secondId = SottoUnderTest.metadataOf(wavs.get(1)).path("recordingId").asText();
        assertThat(SottoUnderTest.metadataOf(first).path("linkedRecordings")).extracting(JsonNode::asText)
                .containsExactly(secondId);
        assertThat(SottoUnderTest.metadataOf(wavs.get(1)).path("linkedRecordings")).extracting(JsonNode::asText)
                .containsExactly(SottoUnderTest.metadataOf(first).path("recordingId").asText());
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
        start(false, sets);
    }

    private void start(boolean secondPbx, String... sets) {
        if (sets.length > 0 && sets[0].startsWith("users=")) {
            sotto = secondPbx ? SottoUnderTest.startWithSecondPbx(dir, sets) : SottoUnderTest.start(dir, sets);
            return;
        }
        String[] all = new String[sets.length + 1];
        all[0] = "users=[{id: bob, extension: '1001', role: agent, token_sha256: '" + sha256("bob-token") + "'},"
                + " {id: carol, extension: '1002', role: agent, token_sha256: '" + sha256("carol-token") + "'},"
                + " {id: dan, extension: '1003', role: agent}]";
        System.arraycopy(sets, 0, all, 1, sets.length);
        sotto = secondPbx ? SottoUnderTest.startWithSecondPbx(dir, all) : SottoUnderTest.start(dir, all);
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
