package io.sotto.fork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** JSON encoding of the control records' bodies; used off the audio path only. */
public final class ForkCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** A reader per record type: resolving the type again for each record showed in the recorder's profile. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private ForkCodec() {
    }

    /**
     * Encodes and decodes one record of each type, so that Jackson has built its serializers
     * before the first call is answered. Otherwise that call's thread spends about 0.3 s on it
     * (measured in a fresh JVM) between the answer and the start of the fork, and the first
     * recording after a restart loses that much of its beginning. Called once at startup.
     */
    public static void prepare() {
        SiprecSession siprec = new SiprecSession("session", List.of(new SiprecSession.Participant("p", "Name",
                "sip:p@example.com", "left")), List.of(), "<recording/>");
        Object[] samples = {
            new RecordingStart("id", "call", List.of("sip-call"), "inbound", "caller", "callee", List.of("agent"),
                    "number", 0L, 0L, "PCMU", "PCMU", List.of(), siprec),
            new StateChange(Map.of("to", "recording")),
            new RecordingEnd("hangup", 0L, 0L, List.of(Map.of("to", "ended")), List.of(), List.of(), siprec),
            new RecordingLink("id", 0L, "next"),
        };
        for (Object sample : samples) {
            byte[] bytes = encode(sample);
            decode(new UnsafeBuffer(bytes), 0, bytes.length, sample.getClass());
        }
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T decode(DirectBuffer buffer, int offset, int length, Class<T> type) {
        byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        try {
            return READERS.get(type).readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
