package io.sotto.sip.siprec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordingPlanTest {
    private static final List<String> CODECS = List.of("PCMU", "PCMA", "telephone-event");

    private static String sdp(String... labels) {
        StringBuilder text = new StringBuilder("v=0\r\no=x 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n");
        int port = 30000;
        for (String label : labels) {
            text.append("m=audio ").append(port += 2).append(" RTP/AVP 0\r\na=label:").append(label)
                    .append("\r\na=sendonly\r\n");
        }
        return text.toString();
    }

    private static SiprecOffer offer(String sdp, String metadata) {
        String body = "--b\r\nContent-Type: application/sdp\r\n\r\n" + sdp
                + (metadata == null ? "" : "\r\n--b\r\nContent-Type: application/rs-metadata+xml\r\n\r\n" + metadata)
                + "\r\n--b--\r\n";
        return SiprecOffer.parse("multipart/mixed;boundary=b", body.getBytes(StandardCharsets.UTF_8), CODECS);
    }

    private static String metadata(boolean secondCalls) {
        return "<recording><participant id='a'><aor>sip:+1555@c</aor><send>s1</send></participant>"
                + "<participant id='b'><aor>sip:1001@p</aor><send>s2</send>"
                + (secondCalls ? "<callingParty>true</callingParty>" : "") + "</participant>"
                + "<stream id='s1'><label>L1</label></stream><stream id='s2'><label>L2</label></stream></recording>";
    }

    @Test
    void putsTheFirstStreamLeftAndItsSenderAsCallerWhenTheMetadataMarksNoCaller() {
        RecordingPlan plan = RecordingPlan.of(offer(sdp("L1", "L2"), metadata(false)));

        assertThat(plan.left()).isZero();
        assertThat(plan.right()).isEqualTo(1);
        assertThat(plan.caller().user()).isEqualTo("+1555");
        assertThat(plan.callee().user()).isEqualTo("1001");
        assertThat(plan.notRecorded()).isEmpty();
    }

    @Test
    void putsTheCallingPartysStreamLeftWhateverItsPlace() {
        RecordingPlan plan = RecordingPlan.of(offer(sdp("L1", "L2"), metadata(true)));

        assertThat(plan.left()).isEqualTo(1);
        assertThat(plan.right()).isZero();
        assertThat(plan.caller().user()).isEqualTo("1001");
    }

    @Test
    void recordsTheFirstTwoStreamsAndListsTheRest() {
        RecordingPlan plan = RecordingPlan.of(offer(sdp("L1", "L2", "L3", "L4"), metadata(false)));

        assertThat(plan.notRecorded()).containsExactly(2, 3);
    }

    @Test
    void fallsBackToTheParticipantsInOrderWhenNoLabelMatches() {
        RecordingPlan plan = RecordingPlan.of(offer(sdp("x", "y"), metadata(false)));

        assertThat(plan.left()).isZero();
        assertThat(plan.caller().user()).isEqualTo("+1555");
        assertThat(plan.callee().user()).isEqualTo("1001");
    }

    @Test
    void takesAnOfferWithoutMetadataAndOneWithOneStream() {
        RecordingPlan plan = RecordingPlan.of(offer(sdp("L1"), null));

        assertThat(plan.left()).isZero();
        assertThat(plan.right()).isEqualTo(-1);
        assertThat(plan.caller()).isNull();
    }

    @Test
    void refusesAnOfferWithoutAudio() {
        SiprecOffer video = offer("v=0\r\no=x 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n"
                + "m=video 30000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n", null);

        assertThatThrownBy(() -> RecordingPlan.of(video))
                .isInstanceOfSatisfying(SiprecException.class, e -> assertThat(e.status()).isEqualTo(488));
    }
}
