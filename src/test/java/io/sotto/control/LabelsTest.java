package io.sotto.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelsTest {

    @ParameterizedTest
    @CsvSource({"OFF, off", "RECORDING, recording", "PAUSED, paused", "STOPPED, stopped", "ENDED, ended"})
    void shouldLabelStatesAsSpecNamesThem(RecordingState state, String label) {
        assertThat(state.label()).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource({"DTMF, dtmf", "INFO, info", "API, api", "POLICY, policy", "TRANSFER, transfer", "HANGUP, hangup"})
    void shouldLabelTriggersAsSpecNamesThem(Trigger trigger, String label) {
        assertThat(trigger.label()).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource({"PAUSE, pause", "RESUME, resume", "TOGGLE, toggle", "START, start", "STOP, stop"})
    void shouldLabelActionsAsTheRestPathNamesThem(RecordingAction action, String label) {
        assertThat(action.label()).isEqualTo(label);
        assertThat(RecordingAction.parse(label)).contains(action);
    }

    @ParameterizedTest
    @CsvSource({"Pause, PAUSE", "RESUME, RESUME", "toGGle, TOGGLE", "START, START", "Stop, STOP"})
    void shouldParseActionsCaseInsensitively(String text, RecordingAction action) {
        assertThat(RecordingAction.parse(text)).contains(action);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"record", "pause ", "paused", "end", "PAUSE_RESUME", "0"})
    void shouldNotParseUnknownActions(String text) {
        assertThat(RecordingAction.parse(text)).isEqualTo(Optional.empty());
    }

    @Test
    void shouldParseIndependentlyOfTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(RecordingAction.parse("RESUME")).contains(RecordingAction.RESUME);
            assertThat(RecordingAction.parse("PAUSE")).contains(RecordingAction.PAUSE);
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
