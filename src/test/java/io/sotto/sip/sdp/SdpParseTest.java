package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SdpParseTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    @Test
    void shouldEncodeEveryUnchangedInputByteForByte() {
        List<String> inputs = SdpFixtures.namesEndingWith(".in.sdp");

        assertThat(inputs).hasSize(13);
        for (String name : inputs) {
            String received = SdpFixtures.read(name);
            assertThat(Sdp.parse(received).encode()).as(name).isEqualTo(received);
        }
    }

    @Test
    void shouldAcceptLfLineEndingsAndWriteCrlf() {
        String crlf = SdpFixtures.read("asterisk-pcmu-pcma-te101.in.sdp");
        String lf = crlf.replace("\r\n", "\n");

        Sdp parsed = Sdp.parse(lf);

        assertThat(parsed).isEqualTo(Sdp.parse(crlf));
        assertThat(parsed.encode()).isEqualTo(crlf);
    }

    @Test
    void shouldAcceptLastLineWithoutLineEnding() {
        Sdp parsed = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0");

        assertThat(parsed.encode()).isEqualTo(HEAD + "m=audio 4000 RTP/AVP 0\r\n");
    }

    @Test
    void shouldSkipBlankLinesLeftAtTheEnd() {
        Sdp parsed = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\n\r\n");

        assertThat(parsed.encode()).isEqualTo(HEAD + "m=audio 4000 RTP/AVP 0\r\n");
    }

    @Test
    void shouldKeepUnknownLinesVerbatimInTheirPlace() {
        String text = HEAD.replace("t=0 0\r\n", "t=0 0\r\nx=vendor thing\r\na=X-custom:1 2 3\r\n")
                + "m=audio 4000 RTP/AVP 0\r\ni=voice\r\nb=TIAS:64000\r\na=label:1\r\n";

        Sdp parsed = Sdp.parse(text);

        assertThat(parsed.session()).contains(new SdpLine('x', "vendor thing"), SdpLine.attribute("X-custom:1 2 3"));
        assertThat(parsed.media().get(0).lines()).containsExactly(new SdpLine('i', "voice"),
                new SdpLine('b', "TIAS:64000"), SdpLine.attribute("label:1"));
        assertThat(parsed.encode()).isEqualTo(text);
    }

    @Test
    void shouldSplitSessionLinesFromMediaSections() {
        Sdp parsed = Sdp.parse(SdpFixtures.read("video-and-audio.in.sdp"));

        assertThat(parsed.session()).hasSize(5);
        assertThat(parsed.media()).extracting(MediaSection::media).containsExactly("audio", "video");
        MediaSection video = parsed.media().get(1);
        assertThat(video.port()).isEqualTo(9078);
        assertThat(video.proto()).isEqualTo("RTP/AVP");
        assertThat(video.formats()).containsExactly("96", "97");
        assertThat(video.lines()).first().isEqualTo(new SdpLine('b', "AS:380"));
    }

    @Test
    void shouldKeepPortCountOfMediaLine() {
        Sdp parsed = Sdp.parse(HEAD + "m=audio 4000/2 RTP/AVP 0\r\n");

        assertThat(parsed.media().get(0).portCount()).isEqualTo(2);
        assertThat(parsed.encode()).endsWith("m=audio 4000/2 RTP/AVP 0\r\n");
    }

    @Test
    void shouldRejectBodyThatDoesNotStartWithVersion() {
        assertThatThrownBy(() -> Sdp.parse("o=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 1: SDP must start with v=0, got \"o=- 1 1 IN IP4 10.0.0.1\"");
    }

    @Test
    void shouldRejectUnknownVersion() {
        assertThatThrownBy(() -> Sdp.parse("v=1\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 1: SDP must start with v=0, got \"v=1\"");
    }

    @Test
    void shouldRejectEmptyBody() {
        assertThatThrownBy(() -> Sdp.parse("\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("SDP is empty, it must start with v=0");
    }

    @Test
    void shouldRejectMissingBody() {
        assertThatThrownBy(() -> Sdp.parse(null))
                .isInstanceOf(SdpException.class)
                .hasMessage("SDP body is missing");
    }

    @Test
    void shouldRejectSessionWithoutMediaLine() {
        assertThatThrownBy(() -> Sdp.parse(HEAD))
                .isInstanceOf(SdpException.class)
                .hasMessage("SDP has no m= line");
    }

    @Test
    void shouldRejectMediaLineWithBadPortNamingItsLine() {
        String text = "v=0\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nm=audio x RTP/AVP 0\r\n";

        assertThatThrownBy(() -> Sdp.parse(text))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 4: m= line \"m=audio x RTP/AVP 0\" has a bad port");
    }

    @Test
    void shouldRejectPortAbove65535() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 65536 RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 6: m= line \"m=audio 65536 RTP/AVP 0\" has a bad port");
    }

    @Test
    void shouldRejectMediaLineWithoutFormats() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 4000 RTP/AVP\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 6: m= line \"m=audio 4000 RTP/AVP\" needs <media> <port> <proto> <fmt>...");
    }

    @Test
    void shouldRejectRtpPayloadTypeThatIsNotSevenBitNumber() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0 128\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 6: m= line \"m=audio 4000 RTP/AVP 0 128\" has a bad payload type \"128\"");
    }

    @Test
    void shouldAcceptNonNumericFormatsOfNonRtpMedia() {
        Sdp parsed = Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nm=application 5000 UDP/BFCP *\r\n");

        assertThat(parsed.media().get(1).formats()).containsExactly("*");
    }

    @Test
    void shouldRejectActiveMediaWithoutAnyConnection() {
        String text = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n";

        assertThatThrownBy(() -> Sdp.parse(text))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 5: m= line \"m=audio 4000 RTP/AVP 0\" has no c= line and the session has none");
    }

    @Test
    void shouldNameTheMediaLineWithoutConnectionWhenAnotherFollows() {
        String text = "v=0\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.1\r\n"
                + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";

        assertThatThrownBy(() -> Sdp.parse(text))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 6: m= line \"m=video 5000 RTP/AVP 96\" has no c= line and the session has none");
    }

    @Test
    void shouldAcceptDisabledMediaWithoutConnection() {
        String text = "v=0\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.1\r\n"
                + "m=video 0 RTP/AVP 96\r\n";

        assertThat(Sdp.parse(text).media()).hasSize(2);
    }

    @Test
    void shouldRejectConnectionWithHostName() {
        assertThatThrownBy(() -> Sdp.parse("v=0\r\nc=IN IP4 pbx.example.com\r\nm=audio 4000 RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 2: c= line \"c=IN IP4 pbx.example.com\" is not IN IP4|IP6 <IP literal>");
    }

    @Test
    void shouldRejectConnectionWhoseAddressDoesNotMatchItsType() {
        assertThatThrownBy(() -> Sdp.parse("v=0\r\nc=IN IP4 2001:db8::1\r\nm=audio 4000 RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessageStartingWith("line 2: c= line");
    }

    @Test
    void shouldRejectConnectionWithBadIp4Literal() {
        assertThatThrownBy(() -> Sdp.parse("v=0\r\nc=IN IP4 10.0.0.256\r\nm=audio 4000 RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessageStartingWith("line 2: c= line");
    }

    @Test
    void shouldAcceptMulticastConnectionWithTtl() {
        Sdp parsed = Sdp.parse("v=0\r\nc=IN IP4 224.2.36.42/127\r\nm=audio 4000 RTP/AVP 0\r\n");

        assertThat(parsed.audioRemote().getAddress().getHostAddress()).isEqualTo("224.2.36.42");
    }

    @Test
    void shouldRejectMalformedRtpmap() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 101\r\na=rtpmap:101 telephone-event\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 7: rtpmap \"a=rtpmap:101 telephone-event\" is not <payload type>"
                        + " <encoding name>/<clock rate>[/<parameters>]");
    }

    @Test
    void shouldRejectLineThatIsNotTypeEqualsValue() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nhello\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 7: \"hello\" is not <type>=<value>");
    }

    @Test
    void shouldCountBlankLinesWhenNamingTheFailingLine() {
        assertThatThrownBy(() -> Sdp.parse("v=0\n\nc=IN IP4 10.0.0.1\n\nm=audio x RTP/AVP 0\n"))
                .isInstanceOf(SdpException.class)
                .hasMessageStartingWith("line 5: ");
    }

    @Test
    void shouldRejectBareCarriageReturnInsideLine() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\na=x\ry\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 7: \"a=x?y\" holds a CR or NUL character");
    }

    @Test
    void shouldRejectSecondSession() {
        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio 4000 RTP/AVP 0\r\nv=0\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessage("line 7: a second v= line; a SIP body holds one session");
    }

    @Test
    void shouldRejectBodyLargerThanLimit() {
        String text = HEAD + "m=audio 4000 RTP/AVP 0\r\n" + "a=x\r\n".repeat(Sdp.MAX_CHARS / 5);

        assertThatThrownBy(() -> Sdp.parse(text))
                .isInstanceOf(SdpException.class)
                .hasMessage("SDP is " + text.length() + " characters, more than the 16384 allowed");
    }

    @Test
    void shouldRejectMoreLinesThanLimit() {
        String text = HEAD + "m=audio 4000 RTP/AVP 0\n" + "\n".repeat(Sdp.MAX_LINES);

        assertThatThrownBy(() -> Sdp.parse(text))
                .isInstanceOf(SdpException.class)
                .hasMessage("SDP has more than 512 lines");
    }

    @Test
    void shouldAcceptBodyAtTheLineLimit() {
        String head = "v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 0\n";
        String text = head + "a=x\n".repeat(Sdp.MAX_LINES - 3);

        assertThat(Sdp.parse(text).media().get(0).lines()).hasSize(Sdp.MAX_LINES - 3);
    }

    @Test
    void shouldQuoteOverlongLinesShortenedInErrors() {
        String longPort = "9".repeat(200);

        assertThatThrownBy(() -> Sdp.parse(HEAD + "m=audio " + longPort + " RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining("...\" has a bad port")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }
}
