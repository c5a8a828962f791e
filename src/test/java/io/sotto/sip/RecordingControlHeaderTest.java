package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingControlHeaderTest {

    @Test
    void readsTheActionAndTheQuotedReason() {
        assertThat(RecordingControlHeader.parse("pause;reason=\"card number\""))
                .contains(new RecordingControlHeader("pause", "card number"));
    }

    @Test
    void readsAnActionAloneInAnyCase() {
        assertThat(RecordingControlHeader.parse(" Resume ")).contains(new RecordingControlHeader("resume", null));
    }

    @Test
    void toleratesSpacesAndAnUnquotedReason() {
        assertThat(RecordingControlHeader.parse("stop ; reason = done")).contains(new RecordingControlHeader("stop", "done"));
    }

    @Test
    void hasNoActionWhenTheValueIsEmpty() {
        assertThat(RecordingControlHeader.parse("")).isEmpty();
        assertThat(RecordingControlHeader.parse(";reason=\"x\"")).isEmpty();
        assertThat(RecordingControlHeader.parse(null)).isEmpty();
    }
}
