package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sotto.sip.sdp.SdpException;

class SdpOffersTest {
    private static final SdpOffers OFFERS = new SdpOffers(List.of("PCMU", "PCMA", "telephone-event"));

    private static String offer(String formats, String rtpmaps) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP " + formats + "\r\n" + rtpmaps;
    }

    @Test
    void keepsOnlyTheConfiguredCodecsOfAnOffer() throws SdpException {
        String body = offer("18 0", "a=rtpmap:18 G729/8000\r\na=rtpmap:0 PCMU/8000\r\n");

        assertThat(OFFERS.filter(body).media().get(0).formats()).containsExactly("0");
    }

    @Test
    void refusesAnOfferWithNoCommonCodecWith488() {
        String body = offer("18", "a=rtpmap:18 G729/8000\r\n");

        SdpException e = catchThrowableOfType(() -> OFFERS.filter(body), SdpException.class);

        assertThat(SdpOffers.refusal(e)).isEqualTo(new SdpOffers.Refusal(488, "Not Acceptable Here"));
    }

    @Test
    void refusesAnOfferThatDoesNotParseWith400AndTheReasonOnOneLine() {
        SdpException e = catchThrowableOfType(() -> OFFERS.filter("v=0\r\ns=-\r\n"), SdpException.class);

        SdpOffers.Refusal refusal = SdpOffers.refusal(e);

        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.reason()).startsWith("Bad SDP: ").doesNotContain("\r", "\n");
    }
}
