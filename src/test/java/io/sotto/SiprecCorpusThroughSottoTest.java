package io.sotto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every body of the SIPREC corpus ({@code src/test/resources/siprec/corpus}: what real recording
 * clients send, and what breaks recording servers) sent as a real INVITE to a running Sotto from its
 * recording client peer: each gets the SIP answer its file names, a session that was taken is hung
 * up, and afterwards nothing is held.
 */
class SiprecCorpusThroughSottoTest {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static SottoUnderTest sotto;

    @BeforeAll
    static void startSotto() {
        sotto = SottoUnderTest.startWithRecordingClient(dir);
    }

    @AfterAll
    static void stopSotto() {
        if (sotto != null) {
            sotto.close();
        }
    }

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(SiprecCorpusThroughSottoTest.class.getResource("/siprec/corpus").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".sip")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersEachBodyAsItsFileSaysAndHoldsNothingAfter(Path file) throws IOException {
        CorpusCase body = CorpusCase.read(file);

        try (SiprecClient client = new SiprecClient(sotto.srcPort(), sotto.sipPort())) {
            SiprecClient.Answer answer = client.invite(body.contentType(), body.require(), body.body());

            assertThat(answer.status()).as("%s: %s %s", file.getFileName(), answer.status(), answer.reason())
                    .isEqualTo(body.status());
            assertThat(answer.reason()).contains(body.reason());
            if (answer.status() == 200) {
                assertThat(client.bye().status()).isEqualTo(200);
                assertThat(answer.body()).containsPattern("a=(recvonly|inactive)").doesNotContain("30000")
                        .doesNotContain("a=sendonly");
            }
            if (answer.status() == 420) {
                assertThat(answer.message()).contains("Unsupported: x-unknown-ext");
            }
        }
        sotto.awaitNothingHeld(SETTLE);
    }

    @Test
    void answersOptionsFromTheRecordingClientWithSupportedSiprec() throws IOException {
        try (SiprecClient client = new SiprecClient(sotto.srcPort(), sotto.sipPort())) {
            SiprecClient.Answer answer = client.options();

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.message()).containsPattern("(?m)^Supported: siprec");
        }
    }

    @Test
    void refusesASiprecInviteFromAPeerThatIsNoRecordingClientWith420() throws IOException, URISyntaxException {
        CorpusCase body = CorpusCase.read(corpus().filter(f -> f.endsWith("cube-crlf.sip")).findFirst().orElseThrow());

        try (SiprecClient client = new SiprecClient(sotto.trunkPort(), sotto.sipPort())) {
            SiprecClient.Answer answer = client.invite(body.contentType(), "siprec", body.body());

            assertThat(answer.status()).isEqualTo(420);
            assertThat(answer.message()).containsPattern("(?m)^Unsupported: siprec");
        }
        sotto.awaitNothingHeld(SETTLE);
    }

    /** A corpus file: its header lines (Content-Type, Require, Expect-Status, Expect-Reason), a blank line, the body. */
    record CorpusCase(String contentType, String require, int status, String reason, byte[] body) {
        static CorpusCase read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            int split = indexOf(bytes, "\n\n".getBytes(StandardCharsets.US_ASCII));
            List<String> head = List.of(new String(bytes, 0, split, StandardCharsets.UTF_8).split("\n"));
            return new CorpusCase(value(head, "Content-Type"), value(head, "Require"),
                    Integer.parseInt(value(head, "Expect-Status")), value(head, "Expect-Reason"),
                    Arrays.copyOfRange(bytes, split + 2, bytes.length));
        }

        private static String value(List<String> head, String name) {
            return head.stream().filter(line -> line.startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }

        private static int indexOf(byte[] bytes, byte[] what) {
            for (int i = 0; i + what.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no blank line after the corpus file's header");
        }
    }
}
