package io.sotto.testkit;

import static io.sotto.testkit.WavDescriptor.FORMAT_PCM;
import static io.sotto.testkit.WavDescriptor.FORMAT_ULAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {
    private static final short[] LEFT = {100, -200, 300, -400};
    private static final short[] RIGHT = {-1, 2, -3, 4};

    @Test
    void shouldReadPcm16ChannelsLeftFirst() throws IOException {
        WavFile file = WavFile.parse(WavBytes.pcm16(8000, LEFT, RIGHT));

        assertThat(file.formatCode()).isEqualTo(FORMAT_PCM);
        assertThat(file.channels()).isEqualTo(2);
        assertThat(file.bitsPerSample()).isEqualTo(16);
        assertThat(file.frames()).isEqualTo(4);
        assertThat(file.channel(0)).containsExactly(LEFT);
        assertThat(file.channel(1)).containsExactly(RIGHT);
        assertThat(file.factFrames()).isEqualTo(-1);
        assertThat(file.headerConsistent()).as("%s", file.inconsistencies()).isTrue();
    }

    @Test
    void shouldDecodeUlawWithItsFactChunk() throws IOException {
        byte[] left = {G711.linearToUlaw((short) 1000), G711.ULAW_SILENCE};
        byte[] right = {G711.linearToUlaw((short) -1000), G711.linearToUlaw((short) 8000)};

        WavFile file = WavFile.parse(WavBytes.g711(FORMAT_ULAW, 8000, left, right));

        assertThat(file.factFrames()).isEqualTo(2);
        assertThat(file.channel(0)).containsExactly(G711.ulawToLinear(left[0]), (short) 0);
        assertThat(file.channel(1)).containsExactly(G711.ulawToLinear(right[0]), G711.ulawToLinear(right[1]));
        assertThat(file.headerConsistent()).as("%s", file.inconsistencies()).isTrue();
    }

    @Test
    void shouldReadChunksInAnyOrderAndSkipUnknownOnes() throws IOException {
        byte[] interleaved = {G711.linearToUlaw((short) 500), G711.linearToUlaw((short) -500)};
        byte[] wav = WavBytes.riff(
                WavBytes.chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}),
                WavBytes.data(interleaved),
                WavBytes.fact(1),
                WavBytes.fmt(FORMAT_ULAW, 2, 8000, 8));

        WavFile file = WavFile.parse(wav);

        assertThat(file.frames()).isEqualTo(1);
        assertThat(file.channel(1)).containsExactly(G711.ulawToLinear(interleaved[1]));
        assertThat(file.headerConsistent()).as("%s", file.inconsistencies()).isTrue();
    }

    @Test
    void shouldRejectAHeaderCutShort() {
        byte[] wav = WavBytes.pcm16(8000, LEFT, RIGHT);

        assertThatThrownBy(() -> WavFile.parse(Arrays.copyOf(wav, 8)))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> WavFile.parse(Arrays.copyOf(wav, 30)))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("'fmt ' chunk truncated");
        assertThatThrownBy(() -> WavFile.parse(Arrays.copyOf(wav, 36)))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("no 'data' chunk");
    }

    @Test
    void shouldNameTheFileWhenItCannotBeRead(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(WavBytes.pcm16(8000, LEFT), 20));

        assertThatThrownBy(() -> WavFile.read(file))
                .isInstanceOf(WavFormatException.class).hasMessageStartingWith(file.toString());
    }

    @Test
    void shouldRejectWhatIsNotRiffWave() {
        byte[] wav = WavBytes.pcm16(8000, LEFT);
        wav[8] = 'A';

        assertThatThrownBy(() -> WavFile.parse(wav)).isInstanceOf(WavFormatException.class).hasMessageContaining("not RIFF/WAVE");
    }

    @Test
    void shouldRejectFormatsSottoNeverWrites() {
        byte[] float32 = WavBytes.riff(WavBytes.fmt(3, 1, 8000, 32), WavBytes.data(new byte[8]));

        assertThatThrownBy(() -> WavFile.parse(float32)).isInstanceOf(WavFormatException.class)
                .hasMessageContaining("unsupported format tag 3");
    }

    @Test
    void shouldReadTheAudioOfAFileCutShortButFlagItsHeader() throws IOException {
        byte[] wav = WavBytes.pcm16(8000, LEFT, RIGHT);
        byte[] cut = Arrays.copyOf(wav, wav.length - 5);

        WavFile file = WavFile.parse(cut);

        assertThat(file.frames()).isEqualTo(2);
        assertThat(file.channel(0)).containsExactly(LEFT[0], LEFT[1]);
        assertThat(file.headerConsistent()).isFalse();
        assertThat(file.inconsistencies()).anyMatch(p -> p.startsWith("RIFF size"))
                .anyMatch(p -> p.startsWith("data size 16 but 11 bytes present"));
    }

    @Test
    void shouldFlagARiffSizeThatDisagreesWithTheFileLength() throws IOException {
        byte[] wav = WavBytes.pcm16(8000, LEFT, RIGHT);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(WavDescriptor.RIFF_SIZE_OFFSET, 36);

        WavFile file = WavFile.parse(wav);

        assertThat(file.headerConsistent()).isFalse();
        assertThat(file.inconsistencies()).containsExactly("RIFF size 36 + 8 != file length " + wav.length);
    }

    @Test
    void shouldFlagG711WithoutFactOrWithAStaleOne() throws IOException {
        byte[] data = WavBytes.data(new byte[] {1, 2, 3, 4});
        WavFile withoutFact = WavFile.parse(WavBytes.riff(WavBytes.fmt(FORMAT_ULAW, 2, 8000, 8), data));
        WavFile staleFact = WavFile.parse(WavBytes.riff(WavBytes.fmt(FORMAT_ULAW, 2, 8000, 8), WavBytes.fact(1), data));

        assertThat(withoutFact.inconsistencies()).containsExactly("format 7 without a 'fact' chunk");
        assertThat(staleFact.inconsistencies()).containsExactly("fact frames 1 != 2 frames of data");
    }

    @Test
    void shouldSkipThePadByteOfAnOddChunk() throws IOException {
        byte[] wav = WavBytes.riff(
                WavBytes.fmt(FORMAT_PCM, 1, 8000, 16),
                WavBytes.chunk("note", new byte[] {1, 2, 3}),
                WavBytes.data(new byte[] {0x10, 0x00}));

        WavFile file = WavFile.parse(wav);

        assertThat(file.channel(0)).containsExactly((short) 0x10);
        assertThat(file.headerConsistent()).as("%s", file.inconsistencies()).isTrue();
    }

    @Test
    void shouldRefuseAChannelItDoesNotHave() throws IOException {
        WavFile file = WavFile.parse(WavBytes.pcm16(8000, LEFT));

        assertThatThrownBy(() -> file.channel(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
