package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each offer or answer under src/test/resources/sdp/*.in.sdp, filtered to the default codecs and anchored on
 * Sotto, must come out exactly as *.out.sdp: the bytes the other leg receives.
 */
class SdpRelayGoldenTest {
    private static final List<String> CODECS = List.of("PCMU", "PCMA", "telephone-event");
    private static final String OUR_IP4 = "198.51.100.7";
    private static final String OUR_IP6 = "2001:db8::7";
    private static final int OUR_PORT = 20000;
    private static final SdpOrigin ORIGIN = new SdpOrigin(4242, 1);

    @Test
    void shouldDropGsmAndKeepTelephoneEvent101WithFmtpFromAsteriskOffer() {
        assertRelayedAsGolden("asterisk-pcmu-pcma-te101", OUR_IP4);
    }

    @Test
    void shouldKeepStaticCodecsAndOnlyEightKilohertzTelephoneEventFromLinphoneOffer() {
        assertRelayedAsGolden("linphone-opus-speex-pcmu", OUR_IP4);
    }

    @Test
    void shouldKnowStaticPayloadTypesWithoutRtpmapFromSippOffer() {
        assertRelayedAsGolden("sipp-static-payload-types", OUR_IP4);
    }

    @Test
    void shouldKeepDynamicTelephoneEvent96() {
        assertRelayedAsGolden("dynamic-telephone-event-96", OUR_IP4);
    }

    @Test
    void shouldRemoveG729AndItsFmtpAndRewriteMediaLevelConnection() {
        assertRelayedAsGolden("g729-pcmu", OUR_IP4);
    }

    @Test
    void shouldKeepSendonlyOfHoldReoffer() {
        assertRelayedAsGolden("hold-sendonly", OUR_IP4);
    }

    @Test
    void shouldTurnRfc2543HoldAddressIntoSendonly() {
        assertRelayedAsGolden("rfc2543-hold", OUR_IP4);
    }

    @Test
    void shouldDisableVideoWithPortZeroKeepingItsFormats() {
        assertRelayedAsGolden("video-and-audio", OUR_IP4);
    }

    @Test
    void shouldRemoveIceRtcpMuxRtcpAndCryptoAttributes() {
        assertRelayedAsGolden("ice-rtcp-mux", OUR_IP4);
    }

    @Test
    void shouldWriteIp6OriginAndConnectionForIp6MediaAddress() {
        assertRelayedAsGolden("ipv6", OUR_IP6);
    }

    @Test
    void shouldAnchorAnswerWithMediaLevelConnectionAndRejectedVideo() {
        assertRelayedAsGolden("answer-rejected-video", OUR_IP4);
    }

    @Test
    void shouldRefuseOpusOnlyOfferAsNoCommonCodec() {
        Sdp offer = Sdp.parse(SdpFixtures.read("opus-only.in.sdp"));

        assertThatThrownBy(() -> offer.filterCodecs(CODECS))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining("no common codec")
                .hasMessageContaining("opus/48000/2");
    }

    @Test
    void shouldRefuseToAnchorSrtpOffer() {
        Sdp offer = Sdp.parse(SdpFixtures.read("srtp-savp.in.sdp")).filterCodecs(CODECS);

        assertThatThrownBy(() -> offer.anchor(OUR_IP4, OUR_PORT, ORIGIN))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining("SRTP not supported");
    }

    @Test
    void shouldProduceGoldenOutputsThatParseAndEncodeUnchanged() {
        List<String> outputs = SdpFixtures.namesEndingWith(".out.sdp");

        assertThat(outputs).hasSize(11);
        for (String name : outputs) {
            String golden = SdpFixtures.read(name);
            assertThat(Sdp.parse(golden).encode()).as(name).isEqualTo(golden);
        }
    }

    private static void assertRelayedAsGolden(String name, String ourAddress) {
        Sdp received = Sdp.parse(SdpFixtures.read(name + ".in.sdp"));

        String relayed = received.filterCodecs(CODECS).anchor(ourAddress, OUR_PORT, ORIGIN).encode();

        assertThat(relayed).isEqualTo(SdpFixtures.read(name + ".out.sdp"));
    }
}
