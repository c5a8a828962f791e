package io.sotto.testkit.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferTargetTest {

    @Test
    void shouldSplitTheEscapedReplacesHeaderFromTheTarget() {
        ReferTarget target = ReferTarget.parse("<sip:2000@127.0.0.1:5090?Replaces=a1%40host%3Bto-tag%3D12%3Bfrom-tag%3D34>");

        assertThat(target.uri()).isEqualTo("sip:2000@127.0.0.1:5090");
        assertThat(target.replaces()).isEqualTo("a1@host;to-tag=12;from-tag=34");
    }

    @Test
    void shouldReadBackTheReplacesItWrites() {
        String referTo = ReferTarget.withReplaces("sip:2000@127.0.0.1:5090", "x+y@h;to-tag=1;from-tag=2");

        assertThat(referTo).doesNotContain(";to-tag").doesNotContain("@h");
        assertThat(ReferTarget.parse(referTo)).isEqualTo(new ReferTarget("sip:2000@127.0.0.1:5090", "x+y@h;to-tag=1;from-tag=2"));
    }

    @Test
    void shouldTakeAPlainUriWithoutHeaders() {
        assertThat(ReferTarget.parse("sip:2000@127.0.0.1;user=phone")).isEqualTo(new ReferTarget("sip:2000@127.0.0.1", null));
    }
}
