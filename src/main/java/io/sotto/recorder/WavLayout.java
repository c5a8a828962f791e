package io.sotto.recorder;

/**
 * Where the fields of one WAV file's header are, and what they say, as read back from disk by
 * {@link WavHeader#parse}: repair uses it to put the sizes right after a crash.
 *
 * @param factFramesOffset offset of the {@code fact} sample frame count, or -1 if there is no fact chunk
 */
public record WavLayout(
        int formatTag,
        int channels,
        int sampleRate,
        int bitsPerSample,
        int blockAlign,
        long riffSize,
        int dataSizeOffset,
        int dataOffset,
        long dataSize,
        int factFramesOffset,
        long factFrames) {

    public boolean hasFact() {
        return factFramesOffset >= 0;
    }
}
