package io.sotto.testkit.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpTest {

    @Test
    void shouldReadMediaLevelConnectionDirectionAndStaticTypes() {
        Sdp sdp = Sdp.parse("""
                v=0
                o=- 1 1 IN IP4 10.0.0.1
                s=-
                c=IN IP4 10.0.0.1
                t=0 0
                m=audio 40000 RTP/AVP 0 8 96
                c=IN IP4 192.0.2.7
                a=rtpmap:96 telephone-event/8000
                a=inactive
                """);

        assertThat(sdp.address()).isEqualTo("192.0.2.7");
        assertThat(sdp.port()).isEqualTo(40000);
        assertThat(sdp.formats()).containsExactly(SdpFormat.PCMU, SdpFormat.PCMA, SdpFormat.telephoneEvent(96));
        assertThat(sdp.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(sdp.telephoneEventPayloadType()).isEqualTo(96);
    }

    @Test
    void shouldReadBackWhatItWrites() {
        List<SdpFormat> formats = List.of(SdpFormat.PCMA, SdpFormat.telephoneEvent(101));

        Sdp written = Sdp.create(42, 3, "127.0.0.1", 30000, formats, Direction.SENDONLY);
        Sdp read = Sdp.parse(written.text());

        assertThat(read.address()).isEqualTo("127.0.0.1");
        assertThat(read.port()).isEqualTo(30000);
        assertThat(read.formats()).isEqualTo(formats);
        assertThat(read.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(read.ptime()).isEqualTo(20);
        assertThat(written.text()).contains("a=fmtp:101 0-16\r\n").contains("o=- 42 3 IN IP4 127.0.0.1\r\n");
    }

    @Test
    void shouldAnswerWithAcceptedFormatsInOfferOrderKeepingTheirNumbers() {
        OfferAnswer media = new OfferAnswer("127.0.0.1", 31000);
        Sdp offer = Sdp.create(7, 1, "127.0.0.2", 32000,
                List.of(SdpFormat.PCMU, new SdpFormat(18, "G729", 8000), SdpFormat.PCMA, SdpFormat.telephoneEvent(96)), Direction.SENDONLY);

        Sdp answer = media.answer(offer, List.of(Codec.PCMA, Codec.TELEPHONE_EVENT));

        assertThat(answer.formats()).containsExactly(SdpFormat.PCMA, SdpFormat.telephoneEvent(96));
        assertThat(answer.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(media.answer(offer, List.of(Codec.PCMA))).isSameAs(answer);
        assertThat(media.target()).isEqualTo(new MediaTarget(offer.rtpAddress(), 8, 96));
    }
}
