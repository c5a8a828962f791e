package io.sotto.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sotto.config.ConfigFixtures.defaults;
import static io.sotto.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetOverrideTest {

    @Test
    void shouldOverrideAScalar() {
        assertThat(defaults("sip.listen=0.0.0.0:5062").sip().listen()).isEqualTo(new HostPort("0.0.0.0", 5062));
    }

    @Test
    void shouldReadTheValueAsYaml() {
        SottoConfig config = defaults("company.download=true", "company.dtmf.inter_digit_ms=1200");

        assertThat(config.company().download()).isTrue();
        assertThat(config.company().dtmf().interDigitMs()).isEqualTo(1200);
    }

    @Test
    void shouldReplaceAList() {
        assertThat(defaults("media.codecs=[PCMU]").media().codecs()).containsExactly("PCMU");
    }

    @Test
    void shouldOverrideOneKeyOfAnIndexedListEntry() {
        SottoConfig config = defaults("peers[0].address=127.0.0.1:5071");

        assertThat(config.peers().get(0).address()).isEqualTo("127.0.0.1:5071");
        assertThat(config.peers().get(0).name()).isEqualTo("carrier");
        assertThat(config.peers().get(1)).isEqualTo(defaults().peers().get(1));
    }

    @Test
    void shouldAppendAnEntryOnePastTheEndOfAList() {
        SottoConfig config = defaults("users[0]={id: alice, extension: \"1001\"}");

        assertThat(config.users()).extracting(UserConfig::id).containsExactly("alice");
    }

    @Test
    void shouldMergeAMappingValueIntoTheMappingThere() {
        assertThat(defaults("company.dtmf={pause: \"*1\"}").company().dtmf())
                .isEqualTo(new DtmfConfig("*1", "#12#", 3000, true));
    }

    @Test
    void shouldTakeAValueStartingWithHashAsText() {
        assertThat(defaults("company.dtmf.pause=#21#").company().dtmf().pause()).isEqualTo("#21#");
    }

    @Test
    void shouldTakeABracketedIpv6AddressAsText() {
        SottoConfig config = defaults("sip.listen=[::1]:5062", "peers[1].address=[2001:db8::1]");

        assertThat(config.sip().listen()).isEqualTo(new HostPort("::1", 5062));
        assertThat(config.peers().get(1).address()).isEqualTo("[2001:db8::1]");
        assertThat(config.peers().get(1).match().port()).isZero();
    }

    @Test
    void shouldSetNullWithAnEmptyValue() {
        assertThat(load("full.yaml", "sip.advertise=").sip().advertise()).isNull();
    }

    @Test
    void shouldApplyAfterTheFileInOrder() {
        SottoConfig config = load("partial.yaml", "sip.listen=127.0.0.1:6000", "sip.listen=127.0.0.1:6001");

        assertThat(config.sip().listen()).isEqualTo(new HostPort("127.0.0.1", 6001));
        assertThat(config.company().dtmf().interDigitMs()).isEqualTo(2000);
    }

    @Test
    void shouldValidateAnOverriddenValueLikeAFileValue() {
        assertThatThrownBy(() -> defaults("media.ports=30000-20000"))
                .hasMessage("media.ports: \"30000-20000\" is not a range first-last with first <= last");
    }

    @Test
    void shouldRejectAnUnknownKeyGivenOnTheCommandLine() {
        assertThatThrownBy(() -> defaults("sip.listne=127.0.0.1:5060")).hasMessage("sip.listne: unknown key");
    }

    @Test
    void shouldRejectAnItemWithoutEquals() {
        assertThatThrownBy(() -> defaults("sip.listen"))
                .hasMessage("--set \"sip.listen\": expected key=value, e.g. sip.listen=0.0.0.0:5060");
    }

    @Test
    void shouldRejectAMalformedKeyPath() {
        assertThatThrownBy(() -> defaults("sip..listen=1"))
                .hasMessage("--set \"sip..listen\": not a key path such as media.ports or peers[0].address");
    }

    @Test
    void shouldRejectAnIndexPastTheEnd() {
        assertThatThrownBy(() -> defaults("peers[5].address=127.0.0.1"))
                .hasMessage("--set peers[5].address: index 5 is past the end of peers (2 entries)");
    }

    @Test
    void shouldRejectAnIndexIntoAMapping() {
        assertThatThrownBy(() -> defaults("sip[0]=x")).hasMessage("--set sip[0]: sip is not a list");
    }

    @Test
    void shouldRejectAKeyUnderAScalar() {
        assertThatThrownBy(() -> defaults("sip.listen.port=5060"))
                .hasMessage("--set sip.listen.port: sip.listen is not a mapping");
    }

    @Test
    void shouldRejectAValueThatIsNotYaml() {
        assertThatThrownBy(() -> defaults("media.codecs=[PCMU"))
                .hasMessage("--set media.codecs: value \"[PCMU\" is not YAML: line 1, column 6: "
                        + "expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 1)");
    }

    @Test
    void shouldLeaveTheBuiltInDefaultUnchangedForTheNextLoad() {
        defaults("peers[0].address=127.0.0.1:5071");

        assertThat(ConfigLoader.load(null, List.of()).peers().get(0).address()).isEqualTo("127.0.0.1:5070");
    }
}
