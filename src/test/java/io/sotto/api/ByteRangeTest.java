package io.sotto.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long LENGTH = 1000;

    @Test
    void readsAClosedRangeAndClampsItsEndToTheFile() {
        assertThat(ByteRange.of("bytes=10-19", LENGTH)).isEqualTo(new ByteRange.Part(new ByteRange(10, 19)));
        assertThat(ByteRange.of("bytes=990-5000", LENGTH)).isEqualTo(new ByteRange.Part(new ByteRange(990, 999)));
    }

    @Test
    void readsAnOpenRangeAndASuffix() {
        assertThat(ByteRange.of("bytes=900-", LENGTH)).isEqualTo(new ByteRange.Part(new ByteRange(900, 999)));
        assertThat(ByteRange.of("bytes=-100", LENGTH)).isEqualTo(new ByteRange.Part(new ByteRange(900, 999)));
        assertThat(ByteRange.of("bytes=-5000", LENGTH)).isEqualTo(new ByteRange.Part(new ByteRange(0, 999)));
    }

    @Test
    void findsARangeOutsideTheFileUnsatisfiable() {
        assertThat(ByteRange.of("bytes=1000-", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=-0", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=0-0", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void ignoresWhatIsNotOneValidByteRange() {
        for (String header : new String[] {null, "bytes=5-1", "bytes=0-1,4-5", "items=0-1", "bytes=", "bytes=-",
                "bytes=a-b", "bytes=99999999999999999999-"}) {
            assertThat(ByteRange.of(header, LENGTH)).as(String.valueOf(header)).isInstanceOf(ByteRange.Whole.class);
        }
    }

    @Test
    void writesTheContentRangeOfAPart() {
        assertThat(new ByteRange(10, 19).contentRange(LENGTH)).isEqualTo("bytes 10-19/1000");
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
    }
}
