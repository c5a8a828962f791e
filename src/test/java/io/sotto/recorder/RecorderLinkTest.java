package io.sotto.recorder;

import static io.sotto.recorder.RecorderFixture.STARTED_AT_EPOCH_MS;
import static io.sotto.recorder.RecorderFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sotto.config.PauseBehavior;
import io.sotto.config.RecordingFormat;
import io.sotto.fork.RecordingLink;

/** A finished recording's metadata gains the link to the recording that continued its call later. */
class RecorderLinkTest {
    private static final long KEY = 7;
    private static final String ID = "01HRECORDING0000000000000L";
    private static final String LATER = "01HLATERRECORDING000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void addsTheLaterRecordingToTheFinishedMetadataOnceAndLeavesTheChecksumAlone() throws Exception {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.start(KEY, ID, "PCMU", "PCMU");
            fixture.clock(at(1000));
            fixture.end(KEY, at(1000), "transferred");
            fixture.drain();
            JsonNode before = JSON.readTree(fixture.jsonOf(ID).toFile());

            fixture.link(at(2000), new RecordingLink(ID, STARTED_AT_EPOCH_MS, LATER));
            fixture.link(at(2001), new RecordingLink(ID, STARTED_AT_EPOCH_MS, LATER));
            fixture.drain();

            JsonNode after = JSON.readTree(fixture.jsonOf(ID).toFile());
            assertThat(after.path("linkedRecordings")).extracting(JsonNode::asText)
                    .containsExactly("01PREVIOUSRECORDING0000000", "01NEXTRECORDING00000000000", LATER);
            assertThat(after.path("sha256").asText()).isEqualTo(before.path("sha256").asText());
            assertThat(after.path("endReason").asText()).isEqualTo("transferred");
            assertThat(after.path("endedAt").asText()).isEqualTo(before.path("endedAt").asText());
        }
    }

    @Test
    void countsALinkToARecordingThatIsNotOnDiskAndGoesOn() {
        try (RecorderFixture fixture = new RecorderFixture(dir, RecordingFormat.PCM16, PauseBehavior.SKIP)) {
            fixture.link(at(0), new RecordingLink("01HNOSUCHRECORDING00000000", STARTED_AT_EPOCH_MS, LATER));
            fixture.link(at(0), new RecordingLink("../../etc/passwd", STARTED_AT_EPOCH_MS, LATER));
            fixture.drain();

            assertThat(fixture.agent.counters().writeErrors()).isEqualTo(1);
            assertThat(fixture.agent.counters().malformedRecords()).isEqualTo(1);
            fixture.start(KEY, ID, "PCMU", "PCMU");
            assertThat(fixture.agent.activeRecordings()).isEqualTo(1);
        }
    }
}
