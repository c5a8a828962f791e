package io.sotto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordingAnswerTest {
    private static final String OFFER = """
            v=0\r
            o=SRC 1 1 IN IP4 10.0.0.5\r
            s=SIPREC\r
            c=IN IP4 10.0.0.5\r
            t=0 0\r
            m=audio 30000 RTP/AVP 0 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=label:1\r
            a=rtcp:30001\r
            a=sendonly\r
            m=audio 30002 RTP/AVP 8\r
            a=rtpmap:8 PCMA/8000\r
            a=label:2\r
            a=inactive\r
            m=audio 30004 RTP/AVP 0\r
            a=label:3\r
            a=sendonly\r
            """;

    @Test
    void answersRecordedStreamsRecvonlyOnSottosPortsAndRefusesTheRestWithPortZero() {
        String answer = RecordingAnswer.answer(Sdp.parse(OFFER), "192.0.2.1", Map.of(0, 20000, 1, 20002),
                SdpOrigin.fresh()).encode();

        assertThat(answer).contains("c=IN IP4 192.0.2.1\r\n")
                .contains("m=audio 20000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                        + "a=label:1\r\na=recvonly\r\n")
                .contains("m=audio 20002 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=label:2\r\na=inactive\r\n")
                .contains("m=audio 0 RTP/AVP 0\r\na=label:3\r\n")
                .doesNotContain("10.0.0.5").doesNotContain("a=rtcp").doesNotContain("sendonly");
    }
}
