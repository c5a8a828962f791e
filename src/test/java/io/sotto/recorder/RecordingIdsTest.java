package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.f4b6a3.ulid.Ulid;

import org.junit.jupiter.api.Test;

class RecordingIdsTest {

    @Test
    void shouldBeUniqueTimeSortableAndSafeAsFileNames() {
        Instant before = Instant.now().minusMillis(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RecordingIds.next());
        }

        assertThat(ids).doesNotHaveDuplicates().isSorted();
        assertThat(ids).allSatisfy(id -> assertThat(RecordingPaths.isSafeId(id)).isTrue());
        Instant stamped = Ulid.from(ids.get(0)).getInstant();
        assertThat(Duration.between(before, stamped)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
    }
}
