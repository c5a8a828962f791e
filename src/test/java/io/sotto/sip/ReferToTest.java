package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferToTest {

    @Test
    void readsTheUserOfABlindTransferTarget() {
        assertThat(ReferTo.parse("<sip:1002@pbx.example.com;transport=udp>"))
                .contains(new ReferTo("1002", null));
        assertThat(ReferTo.parse("\"Sales\" <sips:+15550142@10.0.0.1:5061>;method=INVITE"))
                .contains(new ReferTo("+15550142", null));
        assertThat(ReferTo.parse("sip:1003@host")).contains(new ReferTo("1003", null));
    }

    @Test
    void unescapesTheReplacesHeaderOfAnAttendedTransfer() {
        assertThat(ReferTo.parse("<sip:1002@h?Replaces=abc%40127.0.0.1%3Bto-tag%3D11%3Bfrom-tag%3D22&Require=replaces>"))
                .contains(new ReferTo("1002", "abc@127.0.0.1;to-tag=11;from-tag=22"));
    }

    @Test
    void refusesWhatCannotBeRoutedLikeACall() {
        assertThat(ReferTo.parse("<tel:+15550142>")).isEmpty();
        assertThat(ReferTo.parse("<sip:pbx.example.com>")).isEmpty();
        assertThat(ReferTo.parse("<sip:@pbx.example.com>")).isEmpty();
        assertThat(ReferTo.parse("")).isEmpty();
    }
}
