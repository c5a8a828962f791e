package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;

import org.junit.jupiter.api.Test;

/** The user a URI names, as routing, the call's number and the agent of a leg read it. */
class LegMessagesUserTest {
    private final AddressFactory addresses;

    LegMessagesUserTest() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        addresses = factory.createAddressFactory();
    }

    @Test
    void readsTheUserOfASipUri() throws Exception {
        assertThat(LegMessages.userOf(addresses.createURI("sip:+15550100@10.0.0.1:5060"))).isEqualTo("+15550100");
        assertThat(LegMessages.userOf(addresses.createURI("sips:1001@pbx.example.net"))).isEqualTo("1001");
    }

    @Test
    void readsTheNumberOfATelUriWithItsPlusWhenGlobal() throws Exception {
        assertThat(LegMessages.userOf(addresses.createURI("tel:+15550100"))).isEqualTo("+15550100");
        assertThat(LegMessages.userOf(addresses.createURI("tel:1001;phone-context=pbx.example.net"))).isEqualTo("1001");
    }

    @Test
    void answersNullForAUriWithoutUser() throws Exception {
        assertThat(LegMessages.userOf(addresses.createURI("sip:10.0.0.1:5060"))).isNull();
        assertThat(LegMessages.userOf(addresses.createURI("mailto:alice@example.net"))).isNull();
        assertThat(LegMessages.userOf(null)).isNull();
    }
}
