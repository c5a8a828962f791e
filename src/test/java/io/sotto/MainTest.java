package io.sotto;

import io.sotto.config.ConfigLoader;
import io.sotto.config.HostPort;
import io.sotto.config.SottoConfig;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<SottoConfig> launched = new AtomicReference<>();

    @Test
    void shouldHandTheLoadedConfigToTheLauncher() {
        int exitCode = run("--config", "config/sotto.yaml", "--set", "sip.listen=127.0.0.1:5062",
                "--set", "media.codecs=[PCMA]");

        assertThat(exitCode).isZero();
        assertThat(launched.get().sip().listen()).isEqualTo(new HostPort("127.0.0.1", 5062));
        assertThat(launched.get().media().codecs()).containsExactly("PCMA");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldUseTheBuiltInDefaultWithoutConfigOption() {
        assertThat(run()).isZero();
        assertThat(launched.get()).isEqualTo(ConfigLoader.load(null, List.of()));
    }

    @Test
    void shouldExitTwoWithOneLineNamingTheKeyOnABadConfig() {
        int exitCode = run("--set", "media.ports=30000-20000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("sotto: config error: media.ports: \"30000-20000\" is not a range "
                + "first-last with first <= last" + System.lineSeparator());
        assertThat(launched.get()).isNull();
    }

    @Test
    void shouldExitTwoNamingAConfigFileThatDoesNotExist() {
        int exitCode = run("--config", "missing.yaml");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("sotto: config error: missing.yaml: file not found" + System.lineSeparator());
    }

    @Test
    void shouldExitTwoWithUsageOnAnUnknownOption() {
        int exitCode = run("--confg", "x.yaml");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("sotto: Unknown options: '--confg', 'x.yaml'" + System.lineSeparator())
                .contains("--config")
                .endsWith("Try 'sotto --help' for the options." + System.lineSeparator());
        assertThat(launched.get()).isNull();
    }

    @Test
    void shouldPrintHelpAndExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: sotto").contains("--config=FILE").contains("--set=KEY=VALUE");
        assertThat(launched.get()).isNull();
    }

    @Test
    void shouldDescribeWhatStartedInOneLine() {
        String line = Main.startedLine(ConfigLoader.load(null, List.of()));

        assertThat(line).isEqualTo("Sotto started: SIP 127.0.0.1:5060 (UDP+TCP), HTTP 127.0.0.1:8080, "
                + "RTP 127.0.0.1 20000-29999, recordings " + Path.of("recordings").toAbsolutePath());
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), (config, errors) -> {
            launched.set(config);
            return 0;
        });
    }
}
