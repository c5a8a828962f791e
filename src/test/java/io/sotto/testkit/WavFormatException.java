package io.sotto.testkit;

import java.io.IOException;

/** A file that cannot be read as RIFF/WAVE at all: not RIFF, a chunk cut short, no audio. */
public final class WavFormatException extends IOException {
    public WavFormatException(String message) {
        super(message);
    }
}
