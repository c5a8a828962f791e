package io.sotto.sip.siprec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MultipartBodyTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsCrlfPartsAndDropsTheLineBreakBeforeEachDelimiter() {
        List<BodyPart> parts = MultipartBody.parse("multipart/mixed;boundary=foo", bytes(
                "--foo\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--foo\r\n"
                        + "Content-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n"
                        + "<recording/>\r\n--foo--\r\n"));

        assertThat(parts).containsExactly(new BodyPart("application/sdp", "v=0\r\n"),
                new BodyPart("application/rs-metadata+xml", "<recording/>"));
    }

    @Test
    void readsAQuotedBoundaryWithSpacesBareLineFeedsAndAPreamble() {
        List<BodyPart> parts = MultipartBody.parse("multipart/mixed; charset=x; boundary=\"a b;c\"", bytes(
                "preamble\n--a b;c\nContent-Type: Application/SDP; charset=utf-8\n\nv=0\n--a b;c--\nepilogue"));

        assertThat(parts).containsExactly(new BodyPart("application/sdp", "v=0"));
    }

    @Test
    void takesTheLastPartWhenTheCloseDelimiterIsMissing() {
        List<BodyPart> parts = MultipartBody.parse("multipart/mixed;boundary=x",
                bytes("--x\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"));

        assertThat(parts).extracting(BodyPart::contentType).containsExactly("application/sdp");
    }

    @Test
    void keepsUtf8InAPartIntact() {
        List<BodyPart> parts = MultipartBody.parse("multipart/mixed;boundary=x",
                bytes("--x\r\nContent-Type: application/rs-metadata+xml\r\n\r\n<name>Zoë Müller</name>\r\n--x--"));

        assertThat(parts.get(0).text()).isEqualTo("<name>Zoë Müller</name>");
    }

    @Test
    void refusesABodyWithoutBoundaryOrWithAnotherOne() {
        assertThatThrownBy(() -> MultipartBody.parse("multipart/mixed", bytes("--x\r\n\r\nv=0")))
                .isInstanceOfSatisfying(SiprecException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("no boundary");
        assertThatThrownBy(() -> MultipartBody.parse("multipart/mixed;boundary=y", bytes("--x\r\n\r\nv=0\r\n--x--")))
                .hasMessageContaining("boundary \"y\" not found");
    }

    @Test
    void refusesMoreThanEightParts() {
        String body = "--x\r\n\r\na\r\n".repeat(9) + "--x--";

        assertThatThrownBy(() -> MultipartBody.parse("multipart/mixed;boundary=x", bytes(body)))
                .hasMessageContaining("more than 8 parts");
    }
}
