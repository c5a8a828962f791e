package io.sotto.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line the runner builds; needs no SIPp installed. */
class SippCommandTest {

    @Test
    void shouldPutEveryOptionOnTheCommandLine() {
        Sipp.Builder builder = Sipp.scenario(Path.of("/s/uac.xml")).remote("127.0.0.1", 5060)
                .local("127.0.0.9", 5070).media("127.0.0.9", 6000).transport(Transport.TCP)
                .calls(3).service("+15550100").set("duration", "6000").globalTimeout(Duration.ofSeconds(20));

        assertThat(String.join(" ", builder.command(Path.of("/logs"))))
                .startsWith("sipp 127.0.0.1:5060 -sf /s/uac.xml -t t1 -i 127.0.0.9 -p 5070 -mi 127.0.0.9 -mp 6000 -m 3 -s +15550100 -set duration 6000 -timeout 20s -timeout_error -nostdin")
                .contains("-trace_err -error_file /logs/errors.log", "-trace_msg -message_file /logs/messages.log");
    }

    @Test
    void shouldLeaveOutTheRemoteForAUasAndMessagesWhenAsked() {
        Sipp.Builder builder = Sipp.scenario(Path.of("/s/uas.xml")).local("127.0.0.1", 5080).traceMessages(false).traceStats(true);

        String command = String.join(" ", builder.command(Path.of("/logs")));

        assertThat(command).startsWith("sipp -sf /s/uas.xml -t u1 -i 127.0.0.1 -p 5080 -mi 127.0.0.1 -m 1 -nostdin")
                .doesNotContain("-trace_msg").contains("-trace_stat -stf /logs/stat.csv -fd 1");
    }

    @Test
    void shouldRefuseToBuildWithoutALocalPort() {
        assertThatThrownBy(() -> Sipp.scenario(Path.of("/s/uas.xml")).command(Path.of("/logs")))
                .isInstanceOf(IllegalStateException.class);
    }
}
