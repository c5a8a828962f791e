package io.sotto.recorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sotto.fork.SiprecSession;

/**
 * A recording's metadata as JSON, written field by field with Jackson's streaming generator:
 * the same bytes that data binding makes of a {@link RecordingMetadata} (its field order, nulls
 * written, {@code siprec} left out when null), without the bean serializer's reflection. The
 * finishers write the metadata twice per recording (interim and final), and data binding was most
 * of their CPU at 600 call setups a second (JFR) and a good part of what the JIT compiled after a
 * start. {@code MetadataJsonTest} holds the two to the same bytes.
 */
final class MetadataJson {
    private static final int EXPECTED_BYTES = 2048;

    private MetadataJson() {
    }

    /** {@code metadata} as {@code mapper} (its pretty printer) would write it. */
    static byte[] bytes(ObjectMapper mapper, RecordingMetadata metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(EXPECTED_BYTES);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            write(g, metadata);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, RecordingMetadata m) throws IOException {
        g.writeStartObject();
        g.writeStringField("recordingId", m.recordingId());
        g.writeStringField("callId", m.callId());
        strings(g, "sipCallIds", m.sipCallIds());
        g.writeStringField("direction", m.direction());
        g.writeStringField("caller", m.caller());
        g.writeStringField("callee", m.callee());
        strings(g, "agents", m.agents());
        g.writeStringField("number", m.number());
        g.writeStringField("startedAt", m.startedAt());
        g.writeStringField("endedAt", m.endedAt());
        g.writeNumberField("durationMs", m.durationMs());
        number(g, "callDurationMs", m.callDurationMs());
        strings(g, "channels", m.channels());
        g.writeStringField("codec", m.codec());
        g.writeStringField("format", m.format());
        g.writeStringField("pauseBehavior", m.pauseBehavior());
        segments(g, m.segments());
        events(g, m.events());
        g.writeStringField("endReason", m.endReason());
        strings(g, "linkedRecordings", m.linkedRecordings());
        g.writeStringField("sha256", m.sha256());
        g.writeStringField("error", m.error());
        if (m.siprec() != null) {
            siprec(g, m.siprec());
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void segments(JsonGenerator g, List<RecordingMetadata.Segment> segments) throws IOException {
        g.writeFieldName("segments");
        if (segments == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (RecordingMetadata.Segment segment : segments) {
            if (segment == null) {
                g.writeNull();
                continue;
            }
            g.writeStartObject();
            g.writeNumberField("startMs", segment.startMs());
            number(g, "endMs", segment.endMs());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void events(JsonGenerator g, List<Map<String, Object>> events) throws IOException {
        g.writeFieldName("events");
        if (events == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (Map<String, Object> event : events) {
            if (event == null) {
                g.writeNull();
                continue;
            }
            g.writeStartObject();
            for (Map.Entry<String, Object> field : event.entrySet()) {
                g.writeFieldName(field.getKey());
                Object value = field.getValue();
                if (value == null || value instanceof String) {
                    g.writeString((String) value);
                } else {
                    // not in events Sotto makes (their values are text); data binding, as before
                    g.writeObject(value);
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void siprec(JsonGenerator g, RecordingMetadata.Siprec siprec) throws IOException {
        g.writeObjectFieldStart("siprec");
        g.writeStringField("sessionId", siprec.sessionId());
        g.writeFieldName("participants");
        if (siprec.participants() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (SiprecSession.Participant participant : siprec.participants()) {
                if (participant == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("id", participant.id());
                g.writeStringField("name", participant.name());
                g.writeStringField("aor", participant.aor());
                g.writeStringField("channel", participant.channel());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        strings(g, "streamsNotRecorded", siprec.streamsNotRecorded());
        g.writeStringField("metadataFile", siprec.metadataFile());
        g.writeEndObject();
    }
}
