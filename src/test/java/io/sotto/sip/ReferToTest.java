package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ReferToTest {

    @Test
    void readsTheUserOfABlindTransferTarget() {
        assertThat(ReferTo.parse("<sip:1002@pbx.example.com;transport=udp>"))
                .contains(new ReferTo("1002", "pbx.example.com", -1, null));
        assertThat(ReferTo.parse("\"Sales\" <sips:+15550142@10.0.0.1:5061>;method=INVITE"))
                .contains(new ReferTo("+15550142", "10.0.0.1", 5061, null));
        assertThat(ReferTo.parse("sip:1003@host")).contains(new ReferTo("1003", "host", -1, null));
    }

    @Test
    void unescapesTheReplacesHeaderOfAnAttendedTransfer() {
        assertThat(ReferTo.parse("<sip:1002@h?Replaces=abc%40127.0.0.1%3Bto-tag%3D11%3Bfrom-tag%3D22&Require=replaces>"))
                .contains(new ReferTo("1002", "h", -1, "abc@127.0.0.1;to-tag=11;from-tag=22"));
    }

    @Test
    void readsTheAddressTheTargetUriNames() throws Exception {
        ReferTo v4 = ReferTo.parse("<sip:2000@127.0.0.1:5090;transport=tcp?Require=replaces>").orElseThrow();
        assertThat(v4.address()).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(v4.portOrDefault()).isEqualTo(5090);
        ReferTo v6 = ReferTo.parse("<sip:2000@[::1]:5090>").orElseThrow();
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.address()).contains(InetAddress.getByName("::1"));
        assertThat(v6.portOrDefault()).isEqualTo(5090);
        assertThat(ReferTo.parse("sip:2000@[::1]").orElseThrow().portOrDefault()).isEqualTo(5060);
        assertThat(ReferTo.parse("sip:2000@10.0.0.7").orElseThrow().portOrDefault()).isEqualTo(5060);
    }

    @Test
    void neverLooksUpANameOrAnAddressThatIsNoLiteral() {
        assertThat(ReferTo.parse("sip:2000@pbx.example.com:5090").orElseThrow().address()).isEmpty();
        assertThat(ReferTo.parse("sip:2000@300.1.1.1").orElseThrow().address()).isEmpty();
        assertThat(ReferTo.parse("sip:2000@127.0.0.1:99999")).isEmpty();
        assertThat(ReferTo.parse("sip:2000@127.0.0.1:x")).isEmpty();
    }

    @Test
    void refusesWhatCannotBeRoutedLikeACall() {
        assertThat(ReferTo.parse("<tel:+15550142>")).isEmpty();
        assertThat(ReferTo.parse("<sip:pbx.example.com>")).isEmpty();
        assertThat(ReferTo.parse("<sip:@pbx.example.com>")).isEmpty();
        assertThat(ReferTo.parse("")).isEmpty();
    }
}
