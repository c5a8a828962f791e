package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RecordingPathsTest {
    private static final Path ROOT = Path.of("/var/lib/sotto/recordings");

    @Test
    void namesTheDayDirectoryByTheUtcDateOfTheStartWithTwoDigitMonthAndDay() {
        assertThat(RecordingPaths.dayDirectory(ROOT, Instant.parse("2024-03-05T23:30:00Z").toEpochMilli()))
                .isEqualTo(ROOT.resolve("2024/03/05"));
        // 23:30 in New York on the 5th is the 6th in UTC
        assertThat(RecordingPaths.dayDirectory(ROOT, Instant.parse("2024-03-06T04:30:00Z").toEpochMilli()))
                .isEqualTo(ROOT.resolve("2024/03/06"));
        assertThat(RecordingPaths.dayDirectory(ROOT, Instant.parse("2026-12-31T23:59:59.999Z").toEpochMilli()))
                .isEqualTo(ROOT.resolve("2026/12/31"));
    }

    @Test
    void padsTheYearToFourDigits() {
        assertThat(RecordingPaths.dayDirectory(ROOT, Instant.parse("0987-01-09T00:00:00Z").toEpochMilli()))
                .isEqualTo(ROOT.resolve("0987/01/09"));
    }
}
