package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.testkit.LoopbackPorts;
import io.sotto.testkit.Scenarios;
import io.sotto.testkit.Sipp;
import io.sotto.testkit.SippAssumptions;
import io.sotto.testkit.SippResult;
import io.sotto.testkit.phone.RtpStream;

/**
 * SIPp as a SIPREC recording client ({@code sipp-scenarios/siprec-src}) recording a call through
 * Sotto: the customer's stream from SIPp, the agent's from the test kit's RTP sender on the port
 * Sotto answered for it; a pause by {@code a=inactive} from 3 s to 5 s. The WAV is checked by
 * content: which party on which channel, and the paused seconds gone.
 */
class SiprecSippThroughSottoTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** The agent's tones, one a second from the answer: 1700 and 1800 Hz fall in the pause. */
    private static final double[] AGENT_TONES = {1400, 1500, 1600, 1700, 1800, 1900, 1400, 1500, 1600};

    @TempDir
    Path dir;

    private SottoUnderTest sotto;

    @BeforeEach
    void startSotto() {
        SippAssumptions.requireSipp();
        sotto = SottoUnderTest.startWithRecordingClient(dir, "users=[{id: alice, extension: '1001'}]");
    }

    @AfterEach
    void stopSotto() {
        if (sotto != null) {
            sotto.close();
        }
    }

    @Test
    void recordsTheCustomerLeftAndTheAgentRightWithoutTheSecondsTheClientPaused() throws IOException {
        Path portFile = dir.resolve("stream2.port");
        int[] media = LoopbackPorts.freeMediaPorts(1);
        SippResult result;
        try (Sipp src = Sipp.scenario(Scenarios.file("siprec-src", "uac.xml"))
                .remote(LOOPBACK, sotto.sipPort()).local(LOOPBACK, sotto.srcPort()).media(LOOPBACK, media[0])
                .service("srs").calls(1).globalTimeout(CALL_TIMEOUT)
                // the scenario runs this with the second stream's port appended: the shell writes it to the file
                .set("stream2", "echo >" + portFile)
                .logDir(dir.resolve("src")).start();
             RtpStream agent = RtpStream.open(LOOPBACK, new InetSocketAddress(LOOPBACK, awaitPort(portFile, src)))) {
            for (double tone : AGENT_TONES) {
                agent.sender().sendTone(tone, Duration.ofSeconds(1));
            }
            result = src.awaitExit(CALL_TIMEOUT);
        }

        assertThat(result.succeeded()).as(result.summary()).isTrue();
        sotto.awaitNothingHeld(SETTLE);
        Path wav = sotto.onlyWav();
        RecordedAudio audio = RecordedAudio.read(wav);
        assertThat(audio.wav().channels()).isEqualTo(2);
        // 8 s session, paused from 3 s to 5 s
        assertThat(audio.wav().durationSeconds()).isCloseTo(6.0, within(0.4));
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {400, 500, 600, 700, 800, 900}))
                .isGreaterThan(5.0);
        assertThat(RecordedAudio.secondsOf(audio.callerRuns(), new double[] {1400, 1500, 1600, 1700, 1800, 1900}))
                .isZero();
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), new double[] {400, 500, 600, 700, 800, 900})).isZero();
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), new double[] {1700, 1800})).isLessThan(0.3);
        assertThat(RecordedAudio.secondsOf(audio.calleeRuns(), new double[] {1400, 1500, 1600, 1900}))
                .isGreaterThan(4.5);

        JsonNode metadata = SottoUnderTest.metadataOf(wav);
        assertThat(metadata.path("direction").asText()).isEqualTo("inbound");
        assertThat(metadata.path("caller").asText()).isEqualTo("+15550199");
        assertThat(metadata.path("callee").asText()).isEqualTo("1001");
        assertThat(metadata.path("agents")).extracting(JsonNode::asText).containsExactly("alice");
        assertThat(metadata.path("events")).extracting(e -> e.path("to").asText() + "/" + e.path("how").asText())
                .containsExactly("recording/policy", "paused/siprec", "recording/siprec", "ended/hangup");
        JsonNode siprec = metadata.path("siprec");
        assertThat(siprec.path("sessionId").asText()).isNotEmpty();
        assertThat(siprec.path("participants")).extracting(p -> p.path("aor").asText() + "@" + p.path("channel").asText())
                .containsExactly("sip:+15550199@carrier.example@caller", "sip:1001@pbx.example@callee");
        Path xml = wav.resolveSibling(siprec.path("metadataFile").asText());
        assertThat(Files.readString(xml)).contains("<participantstreamassoc participant_id=\"agent\">");
    }

    private static int awaitPort(Path file, Sipp src) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    return Integer.parseInt(text);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new IllegalStateException("SIPp never gave the second stream's port (" + file + "): "
                + src.awaitExit(Duration.ofSeconds(1)).summary());
    }
}
