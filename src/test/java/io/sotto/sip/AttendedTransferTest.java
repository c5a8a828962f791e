package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import io.sotto.media.SocketlessSession;

/**
 * An attended transfer (REFER whose Refer-To carries Replaces) on the conductor, with fake SIP
 * and held media (no socket, no sleep): agent 1001 has the customer's call and a consultation call
 * with 1002, both through Sotto, and joins the customer to 1002. The races (a party hangs up
 * while 1002 holds the re-INVITE) run here in the order the test chooses.
 */
class AttendedTransferTest {
    private static final String USERS =
            "users=[{id: bob, extension: '1001', role: agent}, {id: carol, extension: '1002', role: agent}]";
    /** The held sessions in order: the customer's call, the consultation, the transfer's. */
    private static final int CONSULTATION_PORT = HeldMedia.FIRST_PORT + 4;
    private static final int TRANSFER_PORT = HeldMedia.FIRST_PORT + 8;
    /** A session's port facing its callee is two above the one facing its caller. */
    private static final int CALLEE_FACING = 2;

    private final B2buaFixture sotto = new B2buaFixture(USERS);

    @Test
    void joinsTheCustomerWithTheConsultedPartyAndEndsBothOfTheTransferorsLegs() {
        B2buaFixture.Answered call = sotto.answeredCall("attended@carrier");
        B2buaFixture.Answered consultation = sotto.consultationCall("consult@pbx");

        SocketlessSession transferMedia = referAndBind(call, consultation.caller().replaces());

        assertThat(sotto.sip.responses(call.callee().callId, Request.REFER)).extracting(Response::getStatusCode)
                .containsExactly(202);
        assertThat(notifyBodies(call)).containsExactly("SIP/2.0 100 Trying\r\n");
        Request toConsulted = lastRequest(Request.INVITE);
        assertThat(LegMessages.callIdOf(toConsulted)).as("1002 is re-INVITEd in its own dialog")
                .isEqualTo(consultation.callee().callId);
        assertThat(LegMessages.sdpOf(toConsulted)).as("onto the transfer's session, on the transferor's side")
                .contains("m=audio " + (TRANSFER_PORT + CALLEE_FACING) + " ");
        assertThat(sotto.recordingEnds()).as("nothing changes before 1002 answers").isEmpty();

        sotto.answer(toConsulted, sotto.response(toConsulted, 200, "1002", B2buaFixture.answerSdp(7002, "sendrecv")));

        assertThat(lastRequest(Request.ACK)).matches(ack -> sameCall(ack, consultation.callee()));
        assertThat(sotto.recordingEnds()).as("the recording ends at the moment of transfer (company.transfer: stop)")
                .singleElement().asString().contains("\"endReason\":\"transferred\"");
        assertThat(sotto.recordingStarts()).as("the transferred call is recorded afresh, 1002 its agent")
                .hasSize(2).last().asString().contains("\"agents\":[\"carol\"]")
                .contains("\"sipCallIds\":[\"attended@carrier\",\"" + consultation.callee().callId + "\"]");
        assertThat(call.media().closed()).as("the customer's call's first session is freed").isTrue();
        assertThat(consultation.media().closed()).as("the consultation call ended").isTrue();
        assertThat(transferMedia.closed()).isFalse();
        Request reinvite = lastRequest(Request.INVITE);
        assertThat(LegMessages.callIdOf(reinvite)).isEqualTo("attended@carrier");
        assertThat(LegMessages.sdpOf(reinvite)).contains("m=audio " + TRANSFER_PORT + " ");
        assertThat(sotto.sip.requests(Request.BYE)).as("the named dialog goes at once")
                .singleElement().matches(bye -> sameCall(bye, consultation.caller()));
        Request lastNotify = lastRequest(Request.NOTIFY);
        assertThat(LegMessages.bodyOf(lastNotify)).isEqualTo("SIP/2.0 200 OK\r\n");

        sotto.answer(lastNotify, sotto.response(lastNotify, 200, "1001", null));

        assertThat(sotto.sip.requests(Request.BYE)).as("the transferor's leg goes once it has read the outcome")
                .hasSize(2).last().matches(bye -> sameCall(bye, call.callee()));
        assertThat(sotto.legs()).as("the customer's leg and 1002's").isEqualTo(2);
        assertThat(sotto.registry.size()).isEqualTo(1);
    }

    @Test
    void accepts202AndNotifies481WhenTheReplacesNamesNoDialogAndLeavesTheCallAlone() {
        B2buaFixture.Answered call = sotto.answeredCall("unknown@carrier");

        refer(call, "no-such-call@pbx;to-tag=a;from-tag=b");

        assertThat(sotto.sip.responses(call.callee().callId, Request.REFER)).extracting(Response::getStatusCode)
                .containsExactly(202);
        assertThat(notifyBodies(call)).as("what the target of an INVITE with that Replaces would answer")
                .containsExactly("SIP/2.0 481 Call/Transaction Does Not Exist\r\n");
        assertThat(lastRequest(Request.NOTIFY).getHeader("Subscription-State").toString()).contains("terminated");
        assertThat(sotto.media.waiting()).as("no session asked for").isZero();
        assertThat(sotto.sip.requests(Request.INVITE)).as("only the call's own INVITE").hasSize(1);
        assertThat(sotto.sip.requests(Request.BYE)).isEmpty();
        assertThat(call.media().closed()).isFalse();
        assertThat(sotto.recordingEnds()).isEmpty();

        sotto.receive(call.caller().request(Request.BYE, null), B2buaFixture.CARRIER_PORT);
        assertThat(sotto.recordingEnds()).as("the call went on to end as any call does")
                .singleElement().asString().contains("\"endReason\":\"hangup\"");
        assertThat(sotto.legs()).isZero();
    }

    @Test
    void leavesBothCallsAsTheyWereWhenTheConsultedPartyRefusesTheReInvite() {
        B2buaFixture.Answered call = sotto.answeredCall("refused@carrier");
        B2buaFixture.Answered consultation = sotto.consultationCall("consult-refused@pbx");
        SocketlessSession transferMedia = referAndBind(call, consultation.caller().replaces());
        Request toConsulted = lastRequest(Request.INVITE);

        Response refusal = sotto.response(toConsulted, 488, "1002", null);
        sotto.answer(toConsulted, refusal);

        Request lastNotify = lastRequest(Request.NOTIFY);
        assertThat(LegMessages.bodyOf(lastNotify)).isEqualTo("SIP/2.0 488 " + refusal.getReasonPhrase() + "\r\n");
        assertThat(lastNotify.getHeader("Subscription-State").toString()).contains("terminated");
        assertThat(transferMedia.closed()).isTrue();
        assertThat(call.media().closed()).isFalse();
        assertThat(consultation.media().closed()).isFalse();
        assertThat(sotto.sip.requests(Request.BYE)).isEmpty();
        assertThat(sotto.recordingEnds()).isEmpty();
        assertThat(sotto.legs()).isEqualTo(4);

        SocketlessSession again = referAndBind(call, consultation.caller().replaces());
        assertThat(sotto.sip.responses(call.callee().callId, Request.REFER)).extracting(Response::getStatusCode)
                .as("a failed transfer holds neither call: the next one is not refused 491").containsExactly(202, 202);
        assertThat(lastRequest(Request.INVITE)).isNotSameAs(toConsulted)
                .matches(reinvite -> sameCall(reinvite, consultation.callee()));
        assertThat(again.closed()).isFalse();
    }

    @Test
    void putsTheConsultedPartyBackOnItsOwnCallWhenTheCustomerHangsUpBeforeItAnswers() {
        B2buaFixture.Answered call = sotto.answeredCall("customer-gone@carrier");
        B2buaFixture.Answered consultation = sotto.consultationCall("consult-back@pbx");
        SocketlessSession transferMedia = referAndBind(call, consultation.caller().replaces());
        Request toConsulted = lastRequest(Request.INVITE);

        sotto.receive(call.caller().request(Request.BYE, null), B2buaFixture.CARRIER_PORT);

        assertThat(transferMedia.closed()).as("the transfer's session is freed at once").isTrue();
        assertThat(sotto.sip.requests(Request.BYE)).singleElement().matches(bye -> sameCall(bye, call.callee()));
        assertThat(notifyBodies(call)).as("the subscription ends with the transferor's dialog")
                .containsExactly("SIP/2.0 100 Trying\r\n");
        assertThat(sotto.recordingEnds()).singleElement().asString().contains("\"endReason\":\"hangup\"");

        sotto.answer(toConsulted, sotto.response(toConsulted, 200, "1002", B2buaFixture.answerSdp(7002, "sendrecv")));

        assertThat(lastRequest(Request.ACK)).matches(ack -> sameCall(ack, consultation.callee()));
        Request back = lastRequest(Request.INVITE);
        assertThat(back).isNotSameAs(toConsulted).matches(reinvite -> sameCall(reinvite, consultation.callee()));
        assertThat(LegMessages.sdpOf(back)).as("back onto the consultation's own session")
                .contains("m=audio " + (CONSULTATION_PORT + CALLEE_FACING) + " ");
        assertThat(consultation.media().closed()).isFalse();
        assertThat(sotto.sip.requests(Request.BYE)).as("the consultation goes on").hasSize(1);
        assertThat(sotto.legs()).as("the consultation's two legs").isEqualTo(2);
        assertThat(sotto.registry.size()).isEqualTo(1);
    }

    @Test
    void tellsTheTransferor487AndKeepsItsCallWhenTheConsultationEndsBeforeTheConsultedPartyAnswers() {
        B2buaFixture.Answered call = sotto.answeredCall("consultation-gone@carrier");
        B2buaFixture.Answered consultation = sotto.consultationCall("consult-gone@pbx");
        SocketlessSession transferMedia = referAndBind(call, consultation.caller().replaces());
        Request toConsulted = lastRequest(Request.INVITE);
        int invitesBefore = sotto.sip.requests(Request.INVITE).size();

        sotto.receive(consultation.caller().request(Request.BYE, null), B2buaFixture.PBX_PORT);

        Request lastNotify = lastRequest(Request.NOTIFY);
        assertThat(lastNotify).matches(notify -> sameCall(notify, call.callee()));
        assertThat(LegMessages.bodyOf(lastNotify)).isEqualTo("SIP/2.0 487 Request Terminated\r\n");
        assertThat(lastNotify.getHeader("Subscription-State").toString()).contains("terminated");
        assertThat(sotto.sip.requests(Request.BYE)).singleElement()
                .matches(bye -> sameCall(bye, consultation.callee()));
        assertThat(transferMedia.closed()).isTrue();
        assertThat(consultation.media().closed()).isTrue();

        // 1002's answer crossed the BYE
        sotto.answer(toConsulted, sotto.response(toConsulted, 200, "1002", B2buaFixture.answerSdp(7002, "sendrecv")));

        assertThat(lastRequest(Request.ACK)).matches(ack -> sameCall(ack, consultation.callee()));
        assertThat(sotto.sip.requests(Request.INVITE)).as("no call left to put 1002 back on").hasSize(invitesBefore);
        assertThat(call.media().closed()).isFalse();
        assertThat(sotto.recordingEnds()).as("the customer's recording goes on").isEmpty();
        assertThat(sotto.legs()).as("the customer's call's two legs").isEqualTo(2);
        assertThat(sotto.registry.size()).isEqualTo(1);
    }

    /** 1001 sends REFER on its leg of {@code call}, to 1002 with {@code replaces}. */
    private void refer(B2buaFixture.Answered call, String replaces) {
        // RFC 3261 section 19.1.1: a header in a URI is escaped
        String referTo = "Refer-To: <sip:1002@127.0.0.1:5060?Replaces="
                + URLEncoder.encode(replaces, StandardCharsets.UTF_8) + ">";
        sotto.receive(call.callee().request(Request.REFER, null, referTo), B2buaFixture.PBX_PORT);
    }

    /** {@link #refer}, and the transfer's session, which the REFER waits on, is bound. */
    private SocketlessSession referAndBind(B2buaFixture.Answered call, String replaces) {
        refer(call, replaces);
        SocketlessSession session = sotto.media.bindNext();
        sotto.settle();
        return session;
    }

    private List<String> notifyBodies(B2buaFixture.Answered call) {
        return sotto.sip.requests(Request.NOTIFY).stream().filter(notify -> sameCall(notify, call.callee()))
                .map(LegMessages::bodyOf).toList();
    }

    private Request lastRequest(String method) {
        List<Request> requests = sotto.sip.requests(method);
        assertThat(requests).as(method + " sent").isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    private static boolean sameCall(Request request, PeerDialog dialog) {
        return LegMessages.callIdOf(request).equals(dialog.callId);
    }
}
