package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import io.sotto.media.SocketlessSession;

/** A blind transfer (REFER) on the conductor, with fake SIP, held media and the test's clock. */
class BlindTransferTest {
    private static final String USERS =
            "users=[{id: bob, extension: '1001', role: agent}, {id: carol, extension: '1002', role: agent}]";
    private static final String REFER_TO_1002 = "Refer-To: <sip:1002@127.0.0.1:5060>";

    @Test
    void stopsTheRecordingAtTheMomentOfTransferWhenTransferIsStop() {
        B2buaFixture sotto = new B2buaFixture(USERS, "company.transfer=stop");
        B2buaFixture.Answered call = sotto.answeredCall("blind@carrier");

        sotto.receive(call.callee().request(Request.REFER, null, REFER_TO_1002), B2buaFixture.PBX_PORT);
        assertThat(sotto.sip.responses(call.callee().callId, Request.REFER))
                .as("answered once the transfer's media is bound").isEmpty();
        SocketlessSession transferMedia = sotto.media.bindNext();
        sotto.settle();

        assertThat(sotto.sip.responses(call.callee().callId, Request.REFER)).extracting(Response::getStatusCode)
                .containsExactly(202);
        Request toTarget = lastRequest(sotto, Request.INVITE);
        assertThat(toTarget.getRequestURI().toString()).isEqualTo("sip:1002@127.0.0.1:5080");
        assertThat(sotto.recordingEnds()).as("nothing changes before the target answers").isEmpty();

        sotto.answer(toTarget, sotto.response(toTarget, 200, "1002", B2buaFixture.answerSdp(7002, "sendrecv")));

        assertThat(sotto.recordingEnds()).singleElement().asString().contains("\"transferred\"");
        assertThat(call.media().closed()).as("the call's first session is freed").isTrue();
        assertThat(transferMedia.closed()).isFalse();
        Request lastNotify = lastRequest(sotto, Request.NOTIFY);
        assertThat(LegMessages.bodyOf(lastNotify)).isEqualTo("SIP/2.0 200 OK\r\n");
        assertThat(sotto.sip.requests(Request.BYE)).as("the transferor hears the outcome before its BYE").isEmpty();
        sotto.answer(lastNotify, sotto.response(lastNotify, 200, "1001", null));
        assertThat(sotto.sip.requests(Request.BYE)).singleElement()
                .matches(bye -> LegMessages.callIdOf(bye).equals(call.callee().callId));
        Request reinvite = lastRequest(sotto, Request.INVITE);
        assertThat(LegMessages.callIdOf(reinvite)).as("the customer is moved onto the new session")
                .isEqualTo("blind@carrier");
        assertThat(LegMessages.sdpOf(reinvite)).contains("m=audio " + (HeldMedia.FIRST_PORT + 4) + " ");
    }

    @Test
    void givesUpATargetThatRingsPastTheRingTimeoutAndKeepsTheCall() {
        B2buaFixture sotto = new B2buaFixture(USERS, "sip.ring_timeout=2");
        B2buaFixture.Answered call = sotto.answeredCall("blind-ring@carrier");
        sotto.receive(call.callee().request(Request.REFER, null, REFER_TO_1002), B2buaFixture.PBX_PORT);
        SocketlessSession transferMedia = sotto.media.bindNext();
        sotto.settle();
        Request toTarget = lastRequest(sotto, Request.INVITE);
        sotto.answer(toTarget, sotto.response(toTarget, 180, "1002", null));

        sotto.advance(TimeUnit.SECONDS.toNanos(2));

        Request lastNotify = lastRequest(sotto, Request.NOTIFY);
        assertThat(LegMessages.bodyOf(lastNotify)).isEqualTo("SIP/2.0 408 Request Timeout\r\n");
        assertThat(lastNotify.getHeader("Subscription-State").toString()).contains("terminated");
        assertThat(sotto.sip.requests(Request.CANCEL)).singleElement()
                .matches(cancel -> LegMessages.callIdOf(cancel).equals(LegMessages.callIdOf(toTarget)));
        assertThat(transferMedia.closed()).isTrue();
        assertThat(call.media().closed()).as("the call keeps its media").isFalse();
        assertThat(sotto.sip.requests(Request.BYE)).isEmpty();
        assertThat(sotto.recordingEnds()).isEmpty();
        sotto.answer(toTarget, sotto.response(toTarget, 487, "1002", null));
        assertThat(sotto.legs()).as("only the call's two legs are left").isEqualTo(2);
    }

    private static Request lastRequest(B2buaFixture sotto, String method) {
        List<Request> requests = sotto.sip.requests(method);
        assertThat(requests).as(method + " sent").isNotEmpty();
        return requests.get(requests.size() - 1);
    }
}
