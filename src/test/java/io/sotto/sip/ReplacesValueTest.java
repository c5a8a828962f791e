package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplacesValueTest {

    @Test
    void readsTheDialogAndIgnoresEarlyOnly() {
        assertThat(ReplacesValue.parse(" abc@host ; to-tag=11 ;from-tag=22;early-only"))
                .contains(new ReplacesValue("abc@host", "11", "22"));
    }

    @Test
    void needsACallIdAndBothTags() {
        assertThat(ReplacesValue.parse("abc@host;to-tag=11")).isEmpty();
        assertThat(ReplacesValue.parse("abc@host;to-tag=;from-tag=22")).isEmpty();
        assertThat(ReplacesValue.parse(";to-tag=11;from-tag=22")).isEmpty();
        assertThat(ReplacesValue.parse(null)).isEmpty();
    }

    @Test
    void namesTheDialogWhicheverWayTheSenderOrderedTheTags() {
        ReplacesValue value = new ReplacesValue("abc@host", "11", "22");

        assertThat(value.names("11", "22")).isTrue();
        assertThat(value.names("22", "11")).isTrue();
        assertThat(value.names("11", "33")).isFalse();
    }
}
