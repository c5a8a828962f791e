package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

/** In-dialog requests carried from one leg to the other, on the conductor with fake SIP. */
class DialogRelayTest {

    @Test
    void relaysAReInviteHoldBothWaysWithSottosSdp() {
        B2buaFixture sotto = new B2buaFixture();
        B2buaFixture.Answered call = sotto.answeredCall("hold@carrier");
        String hold = B2buaFixture.OFFER.replace("a=sendrecv", "a=sendonly").replace("o=- 1 1", "o=- 1 2");

        sotto.receive(call.caller().request(Request.INVITE, hold), B2buaFixture.CARRIER_PORT);

        List<Request> invites = sotto.sip.requests(Request.INVITE);
        Request reinvite = invites.get(invites.size() - 1);
        assertThat(LegMessages.callIdOf(reinvite)).isEqualTo(call.callee().callId);
        assertThat(LegMessages.sdpOf(reinvite)).contains("a=sendonly")
                .contains("m=audio " + (HeldMedia.FIRST_PORT + 2) + " ");
        int acksBefore = sotto.sip.requests(Request.ACK).size();

        sotto.answer(reinvite, sotto.response(reinvite, 200, "1001", B2buaFixture.answerSdp(7000, "recvonly")));

        List<Response> toCaller = sotto.sip.responses("hold@carrier", Request.INVITE);
        Response ok = toCaller.get(toCaller.size() - 1);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(LegMessages.cseqOf(ok)).isEqualTo(2);
        assertThat(LegMessages.sdpOf(ok)).contains("a=recvonly").contains("m=audio " + HeldMedia.FIRST_PORT + " ")
                .doesNotContain("m=audio 7000");
        assertThat(sotto.sip.requests(Request.ACK)).as("the callee's 2xx is ACKed").hasSize(acksBefore + 1);
        assertThat(call.media().closed()).isFalse();
    }
}
