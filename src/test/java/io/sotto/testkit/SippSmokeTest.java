package io.sotto.testkit;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenarios against each other, UAC straight to UAS with no Sotto between: proves the
 * scenario files, the audio they stream and the runner work before Sotto is blamed for anything.
 */
class SippSmokeTest {
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path logs;

    @BeforeEach
    void requireSipp() {
        SippAssumptions.requireSipp();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shouldCompleteABasicCallStreamingBothWays(Transport transport) throws IOException {
        SippResult[] results = call("basic-call", transport, "2000");

        assertThat(results[0].succeeded()).as(results[0].summary()).isTrue();
        assertThat(results[1].succeeded()).as(results[1].summary()).isTrue();
        assertThat(results[0].messages()).contains("m=audio").contains("BYE sip:");
    }

    @Test
    void shouldCancelARingingCall() throws IOException {
        SippResult[] results = call("cancel", Transport.UDP, null);

        assertThat(results[0].succeeded()).as(results[0].summary()).isTrue();
        assertThat(results[1].succeeded()).as(results[1].summary()).isTrue();
        assertThat(results[0].messages()).contains("SIP/2.0 487 Request Terminated");
    }

    @Test
    void shouldAcknowledgeBusy() throws IOException {
        SippResult[] results = call("busy", Transport.UDP, null);

        assertThat(results[0].succeeded()).as(results[0].summary()).isTrue();
        assertThat(results[1].succeeded()).as(results[1].summary()).isTrue();
    }

    @Test
    void shouldHoldAndResumeByReinvite() throws IOException {
        SippResult[] results = call("reinvite-hold", Transport.UDP, null);

        assertThat(results[0].succeeded()).as(results[0].summary()).isTrue();
        assertThat(results[1].succeeded()).as(results[1].summary()).isTrue();
        assertThat(results[0].messages()).contains("a=sendonly").contains("a=recvonly").contains("CSeq: 3 INVITE");
    }

    /** Runs {@code flow}'s UAS, then its UAC against it; returns {UAC result, UAS result}. */
    private SippResult[] call(String flow, Transport transport, String durationMs) throws IOException {
        int[] sip = LoopbackPorts.freeSipPorts(2);
        int[] media = LoopbackPorts.freeMediaPorts(2);
        try (Sipp uas = Sipp.scenario(Scenarios.file(flow, "uas.xml"))
                .local(LOOPBACK, sip[1]).media(LOOPBACK, media[1]).transport(transport)
                .service("1001").calls(1).globalTimeout(CALL_TIMEOUT)
                .logDir(logs.resolve("uas")).start()) {
            uas.awaitListening(LISTEN_TIMEOUT);
            Sipp.Builder uacBuilder = Sipp.scenario(Scenarios.file(flow, "uac.xml"))
                    .remote(LOOPBACK, sip[1]).local(LOOPBACK, sip[0]).media(LOOPBACK, media[0])
                    .transport(transport).service("+15550100").calls(1).globalTimeout(CALL_TIMEOUT)
                    .logDir(logs.resolve("uac"));
            if (durationMs != null) {
                uacBuilder.set("duration", durationMs);
            }
            try (Sipp uac = uacBuilder.start()) {
                SippResult uacResult = uac.awaitExit(CALL_TIMEOUT);
                return new SippResult[] {uacResult, uas.awaitExit(LISTEN_TIMEOUT)};
            }
        }
    }
}
