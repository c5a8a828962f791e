package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WavHeaderTest {

    @Test
    void shouldWritePcm16HeaderMatchingGolden() throws IOException {
        assertThat(header(WavEncoding.PCM16, 0)).isEqualTo(golden("pcm16-header-empty.bin"));
    }

    @Test
    void shouldWriteMuLawHeaderWithFactChunkMatchingGolden() throws IOException {
        assertThat(header(WavEncoding.MULAW, 3200)).isEqualTo(golden("g711-mulaw-header-1600-frames.bin"));
    }

    @Test
    void shouldWriteALawHeaderMatchingGolden() throws IOException {
        assertThat(header(WavEncoding.ALAW, 0)).isEqualTo(golden("g711-alaw-header-empty.bin"));
    }

    @Test
    void shouldParseWhereEveryFieldOfItsOwnHeaderIs() {
        WavLayout pcm = WavHeader.parse(ByteBuffer.wrap(header(WavEncoding.PCM16, 400)));
        assertThat(pcm).isEqualTo(new WavLayout(1, 2, 8000, 16, 4, 436, 40, 44, 400, -1, 0));

        WavLayout mulaw = WavHeader.parse(ByteBuffer.wrap(header(WavEncoding.MULAW, 3200)));
        assertThat(mulaw).isEqualTo(new WavLayout(7, 2, 8000, 8, 2, 3250, 54, 58, 3200, 46, 1600));
    }

    @Test
    void shouldRejectWhatIsNotRiffWave() {
        byte[] notWav = "ID3\u0004 this is an mp3 file, not a wave".getBytes();
        assertThatThrownBy(() -> WavHeader.parse(ByteBuffer.wrap(notWav)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a RIFF/WAVE");
    }

    @Test
    void shouldRejectHeaderCutOffBeforeDataChunk() {
        byte[] full = header(WavEncoding.MULAW, 0);
        byte[] cut = Arrays.copyOf(full, 40);
        assertThatThrownBy(() -> WavHeader.parse(ByteBuffer.wrap(cut)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no data chunk");
    }

    private static byte[] header(WavEncoding encoding, long dataLength) {
        ByteBuffer buffer = ByteBuffer.allocate(encoding.headerLength()).order(ByteOrder.LITTLE_ENDIAN);
        WavHeader.write(buffer, encoding, dataLength);
        return buffer.array();
    }

    static byte[] golden(String name) throws IOException {
        try (InputStream in = WavHeaderTest.class.getResourceAsStream("/recorder/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
