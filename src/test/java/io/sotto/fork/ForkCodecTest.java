package io.sotto.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ForkCodecTest {
    @Test
    void decodesEachControlRecordAsItWasEncoded() {
        SiprecSession siprec = new SiprecSession("s1", List.of(new SiprecSession.Participant("p1", "Ann",
                "sip:ann@example.com", "left")), List.of("s3"), "<recording xmlns='urn:ietf:params:xml:ns:recording:1'/>");
        RecordingStart start = new RecordingStart("01REC", "01CALL", List.of("a@b"), "inbound", "+15550199",
                "+15550100", List.of("alice"), "+15550100", 1_700_000_000_000L, 42L, "PCMU", "PCMA",
                List.of("01PREV"), siprec);
        RecordingEnd end = new RecordingEnd("hangup", 1_700_000_060_000L, 60_000L,
                List.of(Map.of("to", "ended", "how", "hangup")), List.of(), List.of("alice"), siprec);

        assertThat(roundTrip(start)).isEqualTo(start);
        assertThat(roundTrip(end)).isEqualTo(end);
        assertThat(roundTrip(new StateChange(Map.of("to", "paused", "how", "dtmf"))).event())
                .isEqualTo(Map.of("to", "paused", "how", "dtmf"));
        assertThat(roundTrip(new RecordingLink("01A", 5L, "01B"))).isEqualTo(new RecordingLink("01A", 5L, "01B"));
    }

    @Test
    void preparesEveryRecordTypeAtStartupWithoutError() {
        assertThatCode(ForkCodec::prepare).doesNotThrowAnyException();
    }

    private static <T> T roundTrip(T record) {
        byte[] bytes = ForkCodec.encode(record);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        return ForkCodec.decode(new UnsafeBuffer(bytes), 0, bytes.length, type);
    }
}
