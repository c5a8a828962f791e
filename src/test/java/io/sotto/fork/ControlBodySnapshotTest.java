package io.sotto.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A control record's body reaches the recorder by reference ({@link ControlBodies}): what the
 * conductor changes in its own lists and maps after sending it must not show in the record.
 */
class ControlBodySnapshotTest {
    @Test
    void anEndKeepsTheEventsAgentsAndLinksItWasMadeWith() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("to", "ended");
        event.put("how", "hangup");
        event.put("who", null);
        List<Map<String, Object>> events = new ArrayList<>(List.of(event));
        List<String> agents = new ArrayList<>(Arrays.asList("alice", null));
        List<String> links = new ArrayList<>(List.of("01PREV"));

        RecordingEnd end = new RecordingEnd("hangup", 1L, 2L, events, links, agents);
        event.put("to", "paused");
        events.add(Map.of("to", "recording"));
        agents.set(0, "bob");
        links.clear();

        assertThat(end.events()).hasSize(1);
        assertThat(end.events().get(0)).containsExactly(Map.entry("to", "ended"), Map.entry("how", "hangup"),
                new AbstractMap.SimpleEntry<>("who", null));
        assertThat(end.agents()).containsExactly("alice", null);
        assertThat(end.linkedRecordings()).containsExactly("01PREV");
        assertThatThrownBy(() -> end.agents().add("carol")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aStartAndAStateChangeKeepWhatTheyWereMadeWith() {
        List<String> sipCallIds = new ArrayList<>(List.of("a@carrier", "b@sotto"));
        Map<String, Object> change = new LinkedHashMap<>(Map.of("to", "paused"));
        RecordingStart start = new RecordingStart("01REC", "01CALL", sipCallIds, "inbound", "+15550199",
                "+15550100", List.of(), "+15550100", 1L, 2L, "PCMU", "PCMU", null);
        StateChange state = new StateChange(change);

        sipCallIds.set(1, "c@sotto");
        change.put("to", "recording");

        assertThat(start.sipCallIds()).containsExactly("a@carrier", "b@sotto");
        assertThat(start.linkedRecordings()).as("a null list stays null").isNull();
        assertThat(state.event()).containsExactly(Map.entry("to", "paused"));
    }
}
