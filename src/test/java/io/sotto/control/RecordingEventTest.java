package io.sotto.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordingEventTest {

    @Test
    void shouldMapToTheSpecEventKeysInOrder() {
        RecordingEvent event = new RecordingEvent(Instant.parse("2024-05-01T10:15:30.250Z"),
                RecordingState.RECORDING, RecordingState.PAUSED, Trigger.DTMF, "alice", "card number");

        Map<String, Object> map = event.toMap();

        assertThat(map).containsExactly(
                Map.entry("at", "2024-05-01T10:15:30.250Z"),
                Map.entry("from", "recording"),
                Map.entry("to", "paused"),
                Map.entry("how", "dtmf"),
                Map.entry("who", "alice"),
                Map.entry("reason", "card number"));
    }

    @Test
    void shouldKeepNullWhoAndReasonAsNullValues() {
        RecordingEvent event = new RecordingEvent(Instant.parse("2024-05-01T10:15:30Z"),
                RecordingState.OFF, RecordingState.RECORDING, Trigger.POLICY, null, null);

        Map<String, Object> map = event.toMap();

        assertThat(map.keySet()).containsExactly("at", "from", "to", "how", "who", "reason");
        assertThat(map).containsEntry("who", null).containsEntry("reason", null);
        assertThat(map.get("at")).isEqualTo("2024-05-01T10:15:30Z");
    }

    @Test
    void shouldWriteTheTimeInUtc() {
        Instant at = java.time.OffsetDateTime.parse("2024-05-01T12:00:00+02:00").toInstant();

        Object written = new RecordingEvent(at, RecordingState.PAUSED, RecordingState.ENDED, Trigger.HANGUP,
                null, null).toMap().get("at");

        assertThat(written).isEqualTo("2024-05-01T10:00:00Z");
    }

    @Test
    void shouldLabelEveryStateAndTrigger() {
        for (RecordingState state : RecordingState.values()) {
            for (Trigger how : Trigger.values()) {
                Map<String, Object> map = new RecordingEvent(Instant.EPOCH, state, state, how, null, null).toMap();
                assertThat(map.get("from")).isEqualTo(state.label());
                assertThat(map.get("how")).isEqualTo(how.label());
                assertThat(Arrays.asList(map.values().toArray())).doesNotContain(state, how);
            }
        }
    }
}
