package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class SdpQueriesTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    @Test
    void shouldFindAudioRemoteFromSessionConnection() {
        Sdp offer = Sdp.parse(SdpFixtures.read("asterisk-pcmu-pcma-te101.in.sdp"));

        assertThat(offer.audioRemote()).isEqualTo(new InetSocketAddress("10.0.0.5", 17564));
    }

    @Test
    void shouldPreferMediaLevelConnectionForAudioRemote() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.99\r\n");

        assertThat(offer.audioRemote()).isEqualTo(new InetSocketAddress("10.0.0.99", 4000));
    }

    @Test
    void shouldFindIp6AudioRemote() {
        Sdp offer = Sdp.parse(SdpFixtures.read("ipv6.in.sdp"));

        assertThat(offer.audioRemote()).isEqualTo(new InetSocketAddress("2001:db8:1::20", 40000));
    }

    @Test
    void shouldReturnHoldAddressAsIs() {
        Sdp offer = Sdp.parse(SdpFixtures.read("rfc2543-hold.in.sdp"));

        assertThat(offer.audioRemote()).isEqualTo(new InetSocketAddress("0.0.0.0", 17564));
        assertThat(offer.audioRemote().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void shouldHaveNoAudioRemoteWhenAudioIsRejected() {
        Sdp answer = Sdp.parse(HEAD + "m=audio 0 RTP/AVP 0\r\n");

        assertThat(answer.audioRemote()).isNull();
        assertThat(answer.audioDirection()).isEqualTo(MediaDirection.INACTIVE);
    }

    @Test
    void shouldHaveNoAudioFactsWithoutAudio() {
        Sdp offer = Sdp.parse(HEAD + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\na=ptime:20\r\n");

        assertThat(offer.audioRemote()).isNull();
        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(offer.audioCodec()).isNull();
        assertThat(offer.telephoneEventPayloadType()).isEqualTo(-1);
        assertThat(offer.ptime()).isEqualTo(-1);
    }

    @Test
    void shouldDefaultDirectionToSendrecv() {
        assertThat(Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n").audioDirection())
                .isEqualTo(MediaDirection.SENDRECV);
    }

    @Test
    void shouldReadMediaLevelDirectionBeforeSessionLevel() {
        Sdp offer = Sdp.parse(HEAD + "a=sendonly\r\nm=audio 4000 RTP/AVP 0\r\na=recvonly\r\n");

        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.RECVONLY);
    }

    @Test
    void shouldFallBackToSessionLevelDirection() {
        Sdp offer = Sdp.parse(HEAD + "a=inactive\r\nm=audio 4000 RTP/AVP 0\r\n");

        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.INACTIVE);
    }

    @Test
    void shouldReadHoldAddressAsSendonly() {
        Sdp offer = Sdp.parse(SdpFixtures.read("rfc2543-hold.in.sdp"));

        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void shouldReadHoldAddressWithRecvonlyAsInactive() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n");

        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.INACTIVE);
    }

    @Test
    void shouldReadSendonlyOfHoldReoffer() {
        Sdp offer = Sdp.parse(SdpFixtures.read("hold-sendonly.in.sdp"));

        assertThat(offer.audioDirection()).isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void shouldNameFirstVoiceCodecSkippingTelephoneEventAndComfortNoise() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 101 13 8 0\r\na=rtpmap:101 telephone-event/8000\r\n");

        assertThat(offer.audioCodec()).isEqualTo("PCMA");
    }

    @Test
    void shouldNameCodecInUpperCase() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 pcmu/8000\r\n");

        assertThat(offer.audioCodec()).isEqualTo("PCMU");
    }

    @Test
    void shouldFindTelephoneEventAtEightKilohertzOnly() {
        Sdp offer = Sdp.parse(SdpFixtures.read("linphone-opus-speex-pcmu.in.sdp"));

        assertThat(offer.telephoneEventPayloadType()).isEqualTo(100);
    }

    @Test
    void shouldFindDynamicTelephoneEvent() {
        Sdp offer = Sdp.parse(SdpFixtures.read("dynamic-telephone-event-96.in.sdp"));

        assertThat(offer.telephoneEventPayloadType()).isEqualTo(96);
        assertThat(offer.audioCodec()).isEqualTo("PCMA");
    }

    @Test
    void shouldReportNoTelephoneEventWhenAbsent() {
        Sdp offer = Sdp.parse(SdpFixtures.read("sipp-static-payload-types.in.sdp"));

        assertThat(offer.telephoneEventPayloadType()).isEqualTo(-1);
        assertThat(offer.ptime()).isEqualTo(-1);
    }

    @Test
    void shouldReadPtimeFromMediaThenSession() {
        assertThat(Sdp.parse(HEAD + "a=ptime:30\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:20\r\n").ptime()).isEqualTo(20);
        assertThat(Sdp.parse(HEAD + "a=ptime:30\r\nm=audio 4000 RTP/AVP 0\r\n").ptime()).isEqualTo(30);
    }

    @Test
    void shouldRoundFractionalPtimeAndIgnoreGarbage() {
        assertThat(Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=ptime:22.5\r\n").ptime()).isEqualTo(23);
        assertThat(Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=ptime:20ms\r\n").ptime()).isEqualTo(-1);
        assertThat(Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=ptime:0\r\n").ptime()).isEqualTo(-1);
    }

    @Test
    void shouldAnswerForTheFirstEnabledAudioLine() {
        Sdp offer = Sdp.parse(HEAD + "m=audio 0 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 8\r\na=ptime:30\r\n");

        assertThat(offer.audioRemote()).isEqualTo(new InetSocketAddress("10.0.0.1", 4002));
        assertThat(offer.audioCodec()).isEqualTo("PCMA");
        assertThat(offer.ptime()).isEqualTo(30);
    }

    @Test
    void shouldNamePayloadTypesByRtpmapElseStaticTable() {
        MediaSection audio = Sdp.parse(SdpFixtures.read("g729-pcmu.in.sdp")).media().get(0);
        MediaSection sipp = Sdp.parse(SdpFixtures.read("sipp-static-payload-types.in.sdp")).media().get(0);

        assertThat(audio.encodingName(101)).isEqualTo("telephone-event");
        assertThat(sipp.encodingName(8)).isEqualTo("PCMA");
        assertThat(sipp.encodingName(18)).isEqualTo("G729");
        assertThat(sipp.encodingName(96)).isNull();
    }
}
