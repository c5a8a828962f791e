package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpAnchorTest {
    private static final String OUR_IP = "198.51.100.7";
    private static final SdpOrigin ORIGIN = new SdpOrigin(4242, 1);
    private static final String HEAD = "v=0\r\no=phone 5 6 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    @Test
    void shouldLeaveNoAddressOfTheOtherLegBehind() {
        for (String name : SdpFixtures.namesEndingWith(".out.sdp")) {
            String received = SdpFixtures.read(name.replace(".out.sdp", ".in.sdp"));
            Sdp anchored = Sdp.parse(received).anchor(OUR_IP, 20000, ORIGIN);

            String sent = anchored.encode();

            for (String leaked : new String[] {"10.0.0.5", "192.168.1.", "203.0.113.", "172.16.", "127.0.0.1",
                    "10.20.30.40", "10.1.1.1", "2001:db8:1::", "0.0.0.0"}) {
                assertThat(sent).as(name).doesNotContain(leaked);
            }
        }
    }

    @Test
    void shouldKeepTheSameTextForTheSameOriginSoTheVersionOnlyGrowsOnChange() {
        Sdp offer = Sdp.parse(SdpFixtures.read("asterisk-pcmu-pcma-te101.in.sdp"));
        Sdp reoffer = Sdp.parse(SdpFixtures.read("hold-sendonly.in.sdp"));

        Sdp first = offer.anchor(OUR_IP, 20000, ORIGIN);
        Sdp again = offer.anchor(OUR_IP, 20000, ORIGIN);
        Sdp changed = reoffer.anchor(OUR_IP, 20000, ORIGIN.next());

        assertThat(again).isEqualTo(first);
        assertThat(changed.session().get(1)).isEqualTo(new SdpLine('o', "sotto 4242 2 IN IP4 198.51.100.7"));
    }

    @Test
    void shouldWriteOriginAfterVersionWhenTheBodyHadNone() {
        Sdp offer = Sdp.parse("v=0\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.encode()).startsWith("v=0\r\no=sotto 4242 1 IN IP4 198.51.100.7\r\ns=-\r\n");
    }

    @Test
    void shouldAnchorIp6OfferOnIp4Address() {
        Sdp offer = Sdp.parse(SdpFixtures.read("ipv6.in.sdp"));

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.session()).contains(new SdpLine('o', "sotto 4242 1 IN IP4 198.51.100.7"),
                new SdpLine('c', "IN IP4 198.51.100.7"));
    }

    @Test
    void shouldDisableEveryAudioLineButTheAudioStream() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nm=audio 4002/2 RTP/AVP 8\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media()).extracting(MediaSection::mLine)
                .containsExactly("m=audio 20000 RTP/AVP 0", "m=audio 0 RTP/AVP 8");
    }

    @Test
    void shouldAnchorTheFirstEnabledAudioLineWhenAnEarlierOneWasRemoved() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 0 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 8\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media()).extracting(MediaSection::mLine)
                .containsExactly("m=audio 0 RTP/AVP 0", "m=audio 20000 RTP/AVP 8");
    }

    @Test
    void shouldKeepRejectedAudioRejected() {
        Sdp answer = Sdp.parse(HEAD + "m=audio 0 RTP/AVP 0\r\n");

        Sdp anchored = answer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(0).port()).isZero();
        assertThat(anchored.audioRemote()).isNull();
    }

    @Test
    void shouldRewriteConnectionOfDisabledMediaToo() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 10.9.9.9\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtcp:5001 IN IP4 10.9.9.9\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(1).lines()).containsExactly(new SdpLine('c', "IN IP4 198.51.100.7"),
                SdpLine.attribute("rtpmap:96 VP8/90000"));
    }

    @Test
    void shouldRemoveBundleGroupButKeepOtherGroups() {
        Sdp offer = Sdp.parse(HEAD + "a=group:BUNDLE 0 1\r\na=group:LS 0 1\r\nm=audio 4000 RTP/AVP 0\r\na=mid:0\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.session()).doesNotContain(SdpLine.attribute("group:BUNDLE 0 1"))
                .contains(SdpLine.attribute("group:LS 0 1"));
        assertThat(anchored.media().get(0).lines()).containsExactly(SdpLine.attribute("mid:0"));
    }

    @Test
    void shouldKeepRtcpFeedbackAndXrWhichAreNotTransportAttributes() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVPF 0\r\na=rtcp-fb:* nack\r\na=rtcp-xr:voip-metrics\r\n"
                + "a=rtcp-rsize\r\na=rtcp:4001\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(0).lines()).containsExactly(SdpLine.attribute("rtcp-fb:* nack"),
                SdpLine.attribute("rtcp-xr:voip-metrics"), SdpLine.attribute("rtcp-rsize"));
    }

    @Test
    void shouldRejectDtlsSrtpAudio() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n");

        assertThatThrownBy(() -> offer.anchor(OUR_IP, 20000, ORIGIN))
                .isInstanceOf(SdpException.class)
                .hasMessage("SRTP not supported: m=audio uses UDP/TLS/RTP/SAVPF, Sotto relays plain RTP only");
    }

    @Test
    void shouldRejectRtpOverTcp() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 9 TCP/RTP/AVP 0\r\n");

        assertThatThrownBy(() -> offer.anchor(OUR_IP, 20000, ORIGIN))
                .isInstanceOf(SdpException.class)
                .hasMessageStartingWith("media transport TCP/RTP/AVP not supported");
    }

    @Test
    void shouldDisableSrtpVideoWithoutRefusingTheCall() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nm=video 5000 RTP/SAVP 96\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(1).mLine()).isEqualTo("m=video 0 RTP/SAVP 96");
        assertThat(anchored.media().get(1).lines()).isEmpty();
    }

    @Test
    void shouldRefuseBodyWithoutAudio() {
        Sdp offer = Sdp.parse(HEAD + "m=video 5000 RTP/AVP 96\r\n");

        assertThatThrownBy(() -> offer.anchor(OUR_IP, 20000, ORIGIN))
                .isInstanceOf(SdpException.class)
                .hasMessage("no audio m= line to anchor");
    }

    @Test
    void shouldTurnSendrecvWithHoldAddressIntoSendonly() {
        Sdp offer = Sdp.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP4 0.0.0.0")
                + "m=audio 4000 RTP/AVP 0\r\na=sendrecv\r\na=ptime:20\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(0).lines()).containsExactly(SdpLine.attribute("sendonly"),
                SdpLine.attribute("ptime:20"));
        assertThat(anchored.audioDirection()).isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void shouldTurnRecvonlyWithHoldAddressIntoInactive() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(0).lines()).containsExactly(new SdpLine('c', "IN IP4 198.51.100.7"),
                SdpLine.attribute("inactive"));
    }

    @Test
    void shouldNotRepeatSessionLevelSendonlyOfHoldAddress() {
        Sdp offer = Sdp.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP4 0.0.0.0") + "a=sendonly\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n");

        Sdp anchored = offer.anchor(OUR_IP, 20000, ORIGIN);

        assertThat(anchored.media().get(0).lines()).isEmpty();
        assertThat(anchored.audioDirection()).isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void shouldRejectMediaAddressThatIsNotIpLiteral() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n");

        assertThatThrownBy(() -> offer.anchor("sotto.example.com", 20000, ORIGIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sotto.example.com");
    }

    @Test
    void shouldRejectPortOutOfRange() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n");

        assertThatThrownBy(() -> offer.anchor(OUR_IP, 0, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> offer.anchor(OUR_IP, 65536, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
