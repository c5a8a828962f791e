package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SdpFilterCodecsTest {
    private static final List<String> DEFAULT_CODECS = List.of("PCMU", "PCMA", "telephone-event");
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    @Test
    void shouldKeepPayloadNumbersFmtpAndPtimeThroughFilterAndAnchor() {
        Sdp offer = Sdp.parse(SdpFixtures.read("asterisk-pcmu-pcma-te101.in.sdp"));

        Sdp relayed = offer.filterCodecs(DEFAULT_CODECS).anchor("198.51.100.7", 20000, SdpOrigin.fresh());

        assertThat(relayed.media().get(0).formats()).containsExactly("0", "8", "101");
        assertThat(relayed.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(relayed.ptime()).isEqualTo(20);
        assertThat(relayed.audioCodec()).isEqualTo("PCMU");
        assertThat(relayed.encode()).contains("\r\na=fmtp:101 0-16\r\n", "\r\na=ptime:20\r\n");
    }

    @Test
    void shouldMatchEncodingNamesIgnoringCase() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:8 pcma/8000\r\n"
                + "a=rtpmap:101 Telephone-Event/8000\r\n");

        Sdp filtered = offer.filterCodecs(List.of("PCMA", "TELEPHONE-EVENT"));

        assertThat(filtered.media().get(0).formats()).containsExactly("8", "101");
    }

    @Test
    void shouldKeepOfferersOrderNotTheConfiguredOne() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 8 0\r\n");

        Sdp filtered = offer.filterCodecs(List.of("PCMU", "PCMA"));

        assertThat(filtered.media().get(0).formats()).containsExactly("8", "0");
        assertThat(filtered.audioCodec()).isEqualTo("PCMA");
    }

    @Test
    void shouldNotCountTelephoneEventAloneAsCommonCodec() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 18 101\r\na=rtpmap:101 telephone-event/8000\r\n");

        assertThatThrownBy(() -> offer.filterCodecs(DEFAULT_CODECS))
                .isInstanceOf(SdpException.class)
                .hasMessage("no common codec: m=audio 4000 offers G729/8000, telephone-event/8000,"
                        + " allowed PCMU, PCMA, telephone-event");
    }

    @Test
    void shouldNotCountComfortNoiseAloneAsCommonCodec() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 18 13\r\n");

        assertThatThrownBy(() -> offer.filterCodecs(List.of("PCMU", "CN")))
                .isInstanceOf(SdpException.class)
                .hasMessageStartingWith("no common codec");
    }

    @Test
    void shouldDropDynamicPayloadTypeWithoutRtpmap() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0 97\r\n");

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered.media().get(0).formats()).containsExactly("0");
    }

    @Test
    void shouldPreferRtpmapOverStaticTableForTheSameNumber() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0 8\r\na=rtpmap:8 G729/8000\r\n");

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered.media().get(0).formats()).containsExactly("0");
    }

    @Test
    void shouldDropRtcpFeedbackOfRemovedPayloadTypesAndKeepWildcard() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVPF 111 0\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=rtcp-fb:111 transport-cc\r\na=rtcp-fb:0 nack\r\na=rtcp-fb:* trr-int 100\r\n");

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered.media().get(0).lines()).containsExactly(SdpLine.attribute("rtcp-fb:0 nack"),
                SdpLine.attribute("rtcp-fb:* trr-int 100"));
    }

    @Test
    void shouldDropRtpmapOfNumbersTheMediaLineNeverListed() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n");

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered.media().get(0).lines()).containsExactly(SdpLine.attribute("rtpmap:0 PCMU/8000"));
    }

    @Test
    void shouldDropTelephoneEventWhoseClockMatchesNoKeptCodec() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 96 0 101\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=rtpmap:101 telephone-event/48000\r\n");

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered.media().get(0).formats()).containsExactly("0");
        assertThat(filtered.telephoneEventPayloadType()).isEqualTo(-1);
    }

    @Test
    void shouldLeaveVideoAndDisabledAudioUntouched() {
        String text = HEAD + "m=audio 4000 RTP/AVP 0 18\r\nm=audio 0 RTP/AVP 96\r\nm=video 5000 RTP/AVP 96\r\n"
                + "a=rtpmap:96 VP8/90000\r\n";
        Sdp offer = Sdp.parse(text);

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered.media().get(0).formats()).containsExactly("0");
        assertThat(filtered.media().subList(1, 3)).isEqualTo(offer.media().subList(1, 3));
    }

    @Test
    void shouldRefuseWhenAnyEnabledAudioLineKeepsNoCodec() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 18\r\n");

        assertThatThrownBy(() -> offer.filterCodecs(DEFAULT_CODECS))
                .isInstanceOf(SdpException.class)
                .hasMessageStartingWith("no common codec: m=audio 4002 offers G729/8000");
    }

    @Test
    void shouldReturnNewValueAndLeaveTheOriginalAsParsed() {
        String text = SdpFixtures.read("g729-pcmu.in.sdp");
        Sdp offer = Sdp.parse(text);

        Sdp filtered = offer.filterCodecs(DEFAULT_CODECS);

        assertThat(filtered).isNotEqualTo(offer);
        assertThat(offer.encode()).isEqualTo(text);
    }
}
