package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

/**
 * A WAV file as a test reads it: by fixed offsets written out here, not through the code under test.
 */
record WavFile(Path path, ByteBuffer bytes) {

    static WavFile read(Path path) {
        try {
            return new WavFile(path, ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int formatTag() {
        return bytes.getShort(20);
    }

    boolean isPcm() {
        return formatTag() == 1;
    }

    int dataOffset() {
        return isPcm() ? 44 : 58;
    }

    int blockAlign() {
        return isPcm() ? 4 : 2;
    }

    int frames() {
        return (bytes.limit() - dataOffset()) / blockAlign();
    }

    long durationMs() {
        return frames() / 8L;
    }

    short left(int frame) {
        return bytes.getShort(dataOffset() + frame * 4);
    }

    short right(int frame) {
        return bytes.getShort(dataOffset() + frame * 4 + 2);
    }

    int leftByte(int frame) {
        return bytes.get(dataOffset() + frame * 2) & 0xFF;
    }

    int rightByte(int frame) {
        return bytes.get(dataOffset() + frame * 2 + 1) & 0xFF;
    }

    /** The sizes in the header describe exactly this file, and Java Sound accepts it. */
    WavFile assertConsistent() {
        int length = bytes.limit();
        assertThat(new String(bytes.array(), 0, 4)).isEqualTo("RIFF");
        assertThat(bytes.getInt(4)).as("RIFF size").isEqualTo(length - 8);
        assertThat(bytes.getInt(dataOffset() - 4)).as("data size").isEqualTo(length - dataOffset());
        assertThat((length - dataOffset()) % blockAlign()).as("whole frames").isZero();
        if (!isPcm()) {
            assertThat(bytes.getInt(46)).as("fact sample frames").isEqualTo(frames());
        }
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(path.toFile());
            assertThat(format.getFormat().getChannels()).isEqualTo(2);
            assertThat(format.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(format.getFrameLength()).isEqualTo(frames());
        } catch (Exception e) {
            throw new AssertionError("Java Sound cannot read " + path, e);
        }
        return this;
    }
}
