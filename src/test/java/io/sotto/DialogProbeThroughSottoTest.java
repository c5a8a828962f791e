package io.sotto;

import static io.sotto.testkit.LoopbackPorts.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.sotto.testkit.LoopbackPorts;
import io.sotto.testkit.Scenarios;
import io.sotto.testkit.Sipp;
import io.sotto.testkit.SippAssumptions;
import io.sotto.testkit.SippResult;
import io.sotto.testkit.Transport;

/**
 * SIPp as a PBX that forgets an answered call ({@code sipp-scenarios/lost-call}): Sotto's OPTIONS
 * probe finds the dialog gone, and the call is hung up on both sides with every port and the
 * recording freed, instead of staying open until Sotto stops.
 */
class DialogProbeThroughSottoTest {
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private SottoUnderTest sotto;

    @BeforeEach
    void startSotto() {
        SippAssumptions.requireSipp();
        sotto = SottoUnderTest.start(dir, "sip.dialog_probe=1");
    }

    @AfterEach
    void stopSotto() {
        if (sotto != null) {
            sotto.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hangsUpBothPartiesWhenThePbxAnswersItsProbe481(Transport transport) throws Exception {
        int[] media = LoopbackPorts.freeMediaPorts(2);
        SippResult callee;
        SippResult caller;
        try (Sipp uas = Sipp.scenario(Scenarios.file("lost-call", "uas.xml"))
                .local(LOOPBACK, sotto.pbxPort()).media(LOOPBACK, media[1]).transport(transport)
                .service("1001").calls(1).globalTimeout(CALL_TIMEOUT)
                .logDir(dir.resolve("uas")).start()) {
            uas.awaitListening(LISTEN_TIMEOUT);
            try (Sipp uac = Sipp.scenario(Scenarios.file("lost-call", "uac.xml"))
                    .remote(LOOPBACK, sotto.sipPort()).local(LOOPBACK, sotto.trunkPort()).media(LOOPBACK, media[0])
                    .transport(transport).service("+15550100").calls(1).globalTimeout(CALL_TIMEOUT)
                    .logDir(dir.resolve("uac")).start()) {
                caller = uac.awaitExit(CALL_TIMEOUT);
            }
            callee = uas.awaitExit(LISTEN_TIMEOUT);
        }

        assertThat(caller.succeeded()).as("UAC: " + caller.summary()).isTrue();
        assertThat(callee.succeeded()).as("UAS: " + callee.summary()).isTrue();
        assertThat(caller.messages()).contains("OPTIONS sip:").contains("BYE sip:");
        sotto.awaitNothingHeld(Duration.ofSeconds(5));
        JsonNode metadata = SottoUnderTest.metadataOf(sotto.onlyWav());
        assertThat(metadata.path("endReason").asText()).isEqualTo("error");
    }
}
