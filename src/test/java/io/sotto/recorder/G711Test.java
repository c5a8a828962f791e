package io.sotto.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void shouldDecodeMuLawBytesToTheirG711Values() {
        // ITU-T G.711 table 2a: 0x00 and 0x80 are the loudest codes, 0xFF and 0x7F the two zeros.
        assertThat(G711.ULAW_TO_LINEAR[0x00]).isEqualTo((short) -32124);
        assertThat(G711.ULAW_TO_LINEAR[0x80]).isEqualTo((short) 32124);
        assertThat(G711.ULAW_TO_LINEAR[0xFF]).isEqualTo((short) 0);
        assertThat(G711.ULAW_TO_LINEAR[0x7F]).isEqualTo((short) 0);
        assertThat(G711.ULAW_TO_LINEAR[0xFE]).isEqualTo((short) 8);
        assertThat(G711.ULAW_TO_LINEAR[0xA0]).isEqualTo((short) 7932);
    }

    @Test
    void shouldDecodeALawBytesToTheirG711Values() {
        // ITU-T G.711 table 1a: even bits inverted (0x55), 0xD5/0x55 are the smallest magnitudes.
        assertThat(G711.ALAW_TO_LINEAR[0xD5]).isEqualTo((short) 8);
        assertThat(G711.ALAW_TO_LINEAR[0x55]).isEqualTo((short) -8);
        assertThat(G711.ALAW_TO_LINEAR[0xAA]).isEqualTo((short) 32256);
        assertThat(G711.ALAW_TO_LINEAR[0x2A]).isEqualTo((short) -32256);
    }

    @Test
    void shouldEncodeEveryDecodedCodeBackToItself() {
        for (int code = 0; code < 256; code++) {
            int ulaw = G711.LINEAR_TO_ULAW[G711.ULAW_TO_LINEAR[code] & 0xFFFF] & 0xFF;
            // μ-law has two zeros; the encoder writes the positive one.
            assertThat(ulaw).as("μ-law %02x", code).isEqualTo(code == 0x7F ? 0xFF : code);
            int alaw = G711.LINEAR_TO_ALAW[G711.ALAW_TO_LINEAR[code] & 0xFFFF] & 0xFF;
            assertThat(alaw).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void shouldEncodeSilenceAsEachLawsZeroCode() {
        assertThat(G711.LINEAR_TO_ULAW[0] & 0xFF).isEqualTo(0xFF);
        assertThat(G711.LINEAR_TO_ALAW[0] & 0xFF).isEqualTo(0xD5);
    }

    @Test
    void shouldTreatOnlyPayloadTypes0And8AsAudio() {
        assertThat(G711.decodeTable(0)).isSameAs(G711.ULAW_TO_LINEAR);
        assertThat(G711.decodeTable(8)).isSameAs(G711.ALAW_TO_LINEAR);
        assertThat(G711.decodeTable(13)).as("comfort noise").isNull();
        assertThat(G711.decodeTable(101)).as("telephone-event").isNull();
    }
}
