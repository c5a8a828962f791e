package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sotto.fork.SiprecSession;

/** The streaming writer and Jackson's data binding make the same bytes of every kind of metadata. */
class MetadataJsonTest {

    @Test
    void writesAFinishedB2buaRecordingAsDataBindingDoes() throws Exception {
        assertSameAsDataBinding(new RecordingMetadata("01HRECORDING0000000000000A", "01HCALL", List.of("a@x", "b@y"),
                "inbound", "+15550199", "1001", List.of("alice"), "+15550100", "2024-03-05T10:00:00Z",
                "2024-03-05T10:00:30.250Z", 30_250, 31_000L, RecordingMetadata.CHANNELS, "PCMU", "pcm16", "skip",
                List.of(new RecordingMetadata.Segment(0, 12_000L), new RecordingMetadata.Segment(15_000, 31_000L)),
                List.of(event("recording", "paused", "dtmf", "alice", null),
                        event("paused", "recording", "api", null, "card \"number\" done")),
                "hangup", List.of("01HNEXT"), "ab12", null));
    }

    @Test
    void writesTheInterimJsonOfARunningRecordingWithItsNullsAsDataBindingDoes() throws Exception {
        assertSameAsDataBinding(new RecordingMetadata("01HRECORDING0000000000000B", "01HCALL", null, "internal",
                "1001", "1002", List.of(), null, "2024-03-05T10:00:00Z", null, 0, null, RecordingMetadata.CHANNELS,
                "PCMA", "g711", "silence", List.of(new RecordingMetadata.Segment(0, null)),
                List.of(event("not_recording", "recording", "policy", null, null)), null, List.of(), null,
                "cannot write: ünïcödé ✓ \u0001"));
    }

    @Test
    void writesEmptyAndMissingListsAndNullElementsAsDataBindingDoes() throws Exception {
        assertSameAsDataBinding(new RecordingMetadata("01HRECORDING0000000000000C", null, Arrays.asList("a@x", null),
                null, null, null, null, null, null, null, 0, 0L, List.of(), null, null, null, null, null, null, null,
                null, null));
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(null);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("count", 3);
        numbers.put("nested", Map.of("k", "v"));
        events.add(numbers);
        assertSameAsDataBinding(new RecordingMetadata("01HRECORDING0000000000000D", "c", List.of(), "outbound", "a",
                "b", List.of(), null, "s", "e", 1, 2L, RecordingMetadata.CHANNELS, "PCMU", "pcm16", "skip",
                Arrays.asList(new RecordingMetadata.Segment(0, 1L), null), events, "stopped", null, "ff", null));
    }

    @Test
    void writesASiprecRecordingAsDataBindingDoes() throws Exception {
        RecordingMetadata.Siprec siprec = new RecordingMetadata.Siprec("session-1",
                Arrays.asList(new SiprecSession.Participant("p1", "Alice", "sip:alice@example.com", "caller"),
                        new SiprecSession.Participant("p2", null, "sip:bob@example.com", null), null),
                List.of("m=2"), "01HRECORDING0000000000000E.metadata.xml");
        assertSameAsDataBinding(new RecordingMetadata("01HRECORDING0000000000000E", "01HCALL", List.of("src@x"),
                "inbound", "alice", "bob", List.of(), null, "2024-03-05T10:00:00Z", "2024-03-05T10:01:00Z", 60_000,
                60_000L, RecordingMetadata.CHANNELS, "PCMU", "pcm16", "skip", List.of(), List.of(), "hangup",
                List.of(), "cd34", null, siprec));
        assertSameAsDataBinding(new RecordingMetadata("01HRECORDING0000000000000F", "c", List.of(), "inbound", "a",
                "b", List.of(), null, "s", null, 0, null, RecordingMetadata.CHANNELS, "PCMU", "pcm16", "skip",
                List.of(), List.of(), null, List.of(), null, null,
                new RecordingMetadata.Siprec(null, null, null, null)));
    }

    private static Map<String, Object> event(String from, String to, String how, String who, String reason) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", "2024-03-05T10:00:12Z");
        event.put("from", from);
        event.put("to", to);
        event.put("how", how);
        event.put("who", who);
        event.put("reason", reason);
        return event;
    }

    private static void assertSameAsDataBinding(RecordingMetadata metadata) throws Exception {
        String streamed = new String(MetadataJson.bytes(MetadataFiles.MAPPER, metadata), StandardCharsets.UTF_8);
        assertThat(streamed).isEqualTo(MetadataFiles.MAPPER.writeValueAsString(metadata));
    }
}
