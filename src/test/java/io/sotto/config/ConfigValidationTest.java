package io.sotto.config;

import org.junit.jupiter.api.Test;

import static io.sotto.config.ConfigFixtures.defaults;
import static io.sotto.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fixture holds one mistake; the message must name its key and say what is wrong, on one line. */
class ConfigValidationTest {

    @Test
    void shouldRejectAnUnknownKey() {
        assertRejected("unknown-key.yaml", "sip.listne: unknown key");
    }

    @Test
    void shouldRejectAnUnknownSection() {
        assertRejected("unknown-section.yaml", "recordings: unknown key");
    }

    @Test
    void shouldRejectAnUnknownKeyInAListEntry() {
        assertRejected("unknown-peer-key.yaml", "peers[0].adress: unknown key");
    }

    @Test
    void shouldRejectAListenAddressWithoutPort() {
        assertRejected("listen-no-port.yaml", "sip.listen: \"127.0.0.1\" is not host:port (the port is missing)");
    }

    @Test
    void shouldRejectAPortAbove65535() {
        assertRejected("listen-port-too-high.yaml", "http.listen: \"127.0.0.1:70000\": port 70000 is outside 1-65535");
    }

    @Test
    void shouldRejectAnIpv4AddressWithAnOctetAbove255() {
        assertRejected("listen-bad-ipv4.yaml",
                "sip.listen: \"256.0.0.1:5060\": \"256.0.0.1\" is not an IPv4 address");
    }

    @Test
    void shouldRejectAHostNameWithCharactersRfc1123DoesNotAllow() {
        assertRejected("listen-bad-host.yaml",
                "sip.listen: \"sip_server:5060\": \"sip_server\" is not a host name (RFC 1123: letters, digits, hyphens)");
    }

    @Test
    void shouldRejectAnIpv6ListenAddressWithoutBrackets() {
        assertRejected("listen-ipv6-unbracketed.yaml",
                "sip.listen: \"::1:5060\" is not host:port (write an IPv6 address in brackets: [::1]:5060)");
    }

    @Test
    void shouldRejectAnAdvertisedHostWithAPort() {
        assertRejected("advertise-with-port.yaml",
                "sip.advertise: \"203.0.113.7:5060\" is not a host: remove the port");
    }

    @Test
    void shouldRejectAMediaAddressThatIsNotAnIpAddress() {
        assertRejected("media-address-hostname.yaml", "media.address: \"media.example.com\" is not an IP address");
    }

    @Test
    void shouldRejectAReversedPortRange() {
        assertRejected("ports-reversed.yaml",
                "media.ports: \"30000-20000\" is not a range first-last with first <= last");
    }

    @Test
    void shouldRejectAPortRangeWithoutAnRtpAndRtcpPair() {
        assertRejected("ports-no-pair.yaml",
                "media.ports: \"20001-20002\" holds no even RTP port with its odd RTCP port above it");
    }

    @Test
    void shouldRejectAPortRangeOutside1To65535() {
        assertRejected("ports-outside.yaml", "media.ports: \"0-100\" goes outside 1-65535");
    }

    @Test
    void shouldRejectASinglePortAsRange() {
        assertRejected("ports-number.yaml", "media.ports: \"20000\" is not a range first-last with first <= last");
    }

    @Test
    void shouldRejectAnUnknownCodec() {
        assertRejected("codec-unknown.yaml",
                "media.codecs[1]: unknown codec \"G729\" (expected PCMU, PCMA, telephone-event)");
    }

    @Test
    void shouldRequireAnAudioCodec() {
        assertRejected("codec-no-audio.yaml", "media.codecs: needs at least one audio codec (PCMU, PCMA)");
    }

    @Test
    void shouldRejectACodecListedTwice() {
        assertRejected("codec-twice.yaml", "media.codecs[1]: \"pcmu\" is listed twice");
    }

    @Test
    void shouldRejectAnUnknownRecordingFormat() {
        assertRejected("format-unknown.yaml", "recording.format: unknown value \"mp3\" (expected pcm16, g711)");
    }

    @Test
    void shouldRejectAnUnknownPauseBehavior() {
        assertRejected("pause-behavior-unknown.yaml",
                "recording.pause_behavior: unknown value \"mute\" (expected skip, silence)");
    }

    @Test
    void shouldRejectAnUnknownFsyncPolicy() {
        assertRejected("fsync-unknown.yaml",
                "recording.fsync: unknown value \"always\" (expected on_finish, never, interval)");
    }

    @Test
    void shouldRejectAnEnumValueNotInLowerCase() {
        assertRejected("control-upper-case.yaml",
                "company.control: unknown value \"PAUSE_RESUME\" (expected always, pause_resume, on_demand, on_demand_full)");
    }

    @Test
    void shouldRejectAMisspelledPeerKind() {
        assertRejected("peer-kind-typo.yaml", "peers[1].kind: unknown value \"carier\" (expected trunk, pbx, src)");
    }

    @Test
    void shouldRejectAPeerNameUsedTwice() {
        assertRejected("peer-name-twice.yaml", "peers[1].name: \"pbx\" is already the name of peers[0]");
    }

    @Test
    void shouldRequireAtLeastOnePeer() {
        assertRejected("peers-empty.yaml", "peers: at least one peer is required (calls are taken only from peers)");
    }

    @Test
    void shouldRejectACidrPrefixLongerThanTheAddress() {
        assertRejected("peer-cidr-prefix.yaml",
                "peers[0].address: \"10.0.0.0/33\" is not a CIDR block: the prefix length must be 0-32");
    }

    @Test
    void shouldRejectAPeerHostThatDoesNotResolve() {
        assertRejected("peer-unresolvable.yaml", "peers[1].address: cannot resolve host \"pbx.invalid\"");
    }

    @Test
    void shouldRejectAUserIdUsedTwice() {
        assertRejected("user-id-twice.yaml", "users[1].id: \"alice\" is already the id of users[0]");
    }

    @Test
    void shouldRejectAnExtensionUsedTwice() {
        assertRejected("user-extension-twice.yaml", "users[1].extension: \"1001\" is already the extension of users[0]");
    }

    @Test
    void shouldRejectAnUnquotedExtensionThatYamlReadsAsANumber() {
        assertRejected("user-extension-unquoted.yaml", "users[0].extension: expected a string, got the number 65"
                + " (put it in quotes: YAML reads unquoted digits as a number and drops a leading + or 0)");
    }

    @Test
    void shouldRejectATokenHashThatIsNot64HexDigits() {
        assertRejected("user-token-short.yaml",
                "users[0].token_sha256: expected the SHA-256 of the token as 64 hex digits, got 63 characters");
    }

    @Test
    void shouldRejectATokenHashSharedByTwoUsers() {
        assertRejected("user-token-twice.yaml", "users[1].token_sha256: is the same as the token of users[0]");
    }

    @Test
    void shouldRejectAnUnknownRole() {
        assertRejected("user-role-unknown.yaml",
                "users[0].role: unknown value \"boss\" (expected admin, supervisor, analyst, agent)");
    }

    @Test
    void shouldRejectANumberConfiguredTwice() {
        assertRejected("number-twice.yaml", "numbers[1].number: \"+15550100\" is already configured in numbers[0]");
    }

    @Test
    void shouldRejectAnUnquotedNumberThatLostItsPlus() {
        assertRejected("number-unquoted.yaml", "numbers[0].number: expected a string, got the number 15550100"
                + " (put it in quotes: YAML reads unquoted digits as a number and drops a leading + or 0)");
    }

    @Test
    void shouldExplainThatAnUnquotedDtmfCodeIsAComment() {
        assertRejected("dtmf-unquoted.yaml", "company.dtmf.pause: missing (put codes in quotes: \"#11#\")");
    }

    @Test
    void shouldRejectADtmfCodeWithAKeyThatIsNoDtmfEvent() {
        assertRejected("dtmf-bad-digit.yaml",
                "company.dtmf.pause: \"#1x#\" has \"x\"; codes use only 0-9 * # A-D");
    }

    @Test
    void shouldRejectTheSameCodeForPauseAndResume() {
        assertRejected("dtmf-same-codes.yaml", "company.dtmf.resume: \"#11#\" is also the pause code");
    }

    @Test
    void shouldRejectAResumeCodeThatEndsThePauseCode() {
        assertRejected("dtmf-resume-ends-pause.yaml",
                "company.dtmf.resume: \"1#\" is the end of the pause code \"#11#\", so pausing would also resume");
    }

    @Test
    void shouldRejectAnInterDigitTimeOutsideItsRange() {
        assertRejected("dtmf-inter-digit-too-short.yaml", "company.dtmf.inter_digit_ms: 50 is outside 100-60000");
    }

    @Test
    void shouldRejectARingTimeoutOutsideItsRange() {
        assertThatThrownBy(() -> defaults("sip.ring_timeout=0"))
                .hasMessage("sip.ring_timeout: 0 is outside 1-3600");
        assertThatThrownBy(() -> defaults("sip.ring_timeout=3601"))
                .hasMessage("sip.ring_timeout: 3601 is outside 1-3600");
        assertThatThrownBy(() -> defaults("sip.ring_timeout=2.5"))
                .hasMessageStartingWith("sip.ring_timeout: expected a whole number");
    }

    @Test
    void shouldRejectADialogProbeOutsideItsRange() {
        assertThatThrownBy(() -> defaults("sip.dialog_probe=-1"))
                .hasMessage("sip.dialog_probe: -1 is outside 0-86400 (seconds; 0 for never)");
        assertThatThrownBy(() -> defaults("sip.dialog_probe=86401"))
                .hasMessage("sip.dialog_probe: 86401 is outside 0-86400 (seconds; 0 for never)");
        assertThat(defaults("sip.dialog_probe=0").sip().dialogProbeSeconds()).isZero();
    }

    @Test
    void shouldRejectAMaxPauseOutsideItsRange() {
        assertThatThrownBy(() -> defaults("company.max_pause=0"))
                .hasMessage("company.max_pause: 0 is outside 1-86400 (seconds; null for no limit)");
        assertThatThrownBy(() -> defaults("company.max_pause=86401"))
                .hasMessage("company.max_pause: 86401 is outside 1-86400 (seconds; null for no limit)");
        assertThatThrownBy(() -> defaults("company.max_pause=5m"))
                .hasMessage("company.max_pause: expected a whole number, got the string \"5m\"");
    }

    @Test
    void shouldRejectAFeedbackSettingThatIsNoBoolean() {
        assertThatThrownBy(() -> defaults("company.dtmf.feedback=beep"))
                .hasMessage("company.dtmf.feedback: expected true or false, got the string \"beep\"");
    }

    @Test
    void shouldReadAMaxPauseInSecondsAndNullAsNoLimit() {
        assertThat(defaults("company.max_pause=600").company().maxPauseSeconds()).isEqualTo(600);
        assertThat(defaults().company().maxPauseSeconds()).isNull();
        assertThat(defaults("company.dtmf.feedback=false").company().dtmf().feedback()).isFalse();
    }

    @Test
    void shouldRejectAStringWhereABooleanBelongs() {
        assertRejected("record-not-boolean.yaml",
                "company.record.internal: expected true or false, got the string \"no\"");
    }

    @Test
    void shouldRejectAnInvalidIpv6Literal() {
        assertThatThrownBy(() -> defaults("sip.listen=\"[zz::1]:5060\""))
                .hasMessage("sip.listen: \"[zz::1]:5060\": \"zz::1\" is not an IPv6 address");
    }

    @Test
    void shouldExplainHowToWriteAnIpv6AddressThatYamlReadAsAList() {
        assertRejected("advertise-ipv6-unquoted.yaml",
                "sip.advertise: expected an address, got a list (put an IPv6 address in quotes: \"[::1]:5060\")");
    }

    @Test
    void shouldRejectTheShortIpv4FormThatJavaWouldAccept() {
        assertThatThrownBy(() -> defaults("peers[0].address=127.1"))
                .hasMessage("peers[0].address: \"127.1\": \"127.1\" is not an IPv4 address");
    }

    @Test
    void shouldRejectAScalarWhereASectionBelongs() {
        assertThatThrownBy(() -> defaults("sip=5"))
                .hasMessage("sip: expected a mapping of listen, advertise, ring_timeout, dialog_probe, got the number 5");
    }

    @Test
    void shouldRejectTextWhereAWholeNumberBelongs() {
        assertThatThrownBy(() -> defaults("company.dtmf.inter_digit_ms=fast"))
                .hasMessage("company.dtmf.inter_digit_ms: expected a whole number, got the string \"fast\"");
    }

    @Test
    void shouldRejectAScalarWhereAListBelongs() {
        assertThatThrownBy(() -> defaults("media.codecs=PCMU"))
                .hasMessage("media.codecs: expected a list, got the string \"PCMU\"");
    }

    @Test
    void shouldRejectANumberRoutedToAUserThatIsNotConfigured() {
        assertThatThrownBy(() -> defaults("users=[{id: alice}]", "numbers=[{number: '+15550100', users: [alice, bob]}]"))
                .hasMessage("numbers[0].users[1]: \"bob\" is no configured user id");
    }

    @Test
    void shouldRejectAGroupListedTwiceForANumber() {
        assertThatThrownBy(() -> defaults("numbers=[{number: '+15550100', groups: [sales, sales]}]"))
                .hasMessage("numbers[0].groups[1]: \"sales\" is listed twice");
    }

    @Test
    void shouldRejectAnUnknownCatalogDatabase() {
        assertThatThrownBy(() -> defaults("catalog.database=mysql"))
                .hasMessage("catalog.database: unknown value \"mysql\" (expected sqlite, postgresql)");
    }

    @Test
    void shouldRequireAUrlForAPostgresqlCatalog() {
        assertThatThrownBy(() -> defaults("catalog.database=postgresql"))
                .hasMessage("catalog.url: missing (catalog.database postgresql needs a JDBC URL such as"
                        + " jdbc:postgresql://db.example.net:5432/sotto)");
    }

    @Test
    void shouldRejectAUrlOfAnotherDatabaseThanTheCatalogs() {
        assertThatThrownBy(() -> defaults("catalog.database=postgresql", "catalog.url=jdbc:sqlite:/tmp/x.db"))
                .hasMessage("catalog.url: \"jdbc:sqlite:/tmp/x.db\" is no postgresql JDBC URL (expected jdbc:postgresql:...)");
    }

    @Test
    void shouldRejectAnUnknownCatalogKey() {
        assertThatThrownBy(() -> defaults("catalog.host=db"))
                .hasMessage("catalog.host: unknown key");
    }

    private static void assertRejected(String fixture, String message) {
        assertThatThrownBy(() -> load(fixture))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }
}
