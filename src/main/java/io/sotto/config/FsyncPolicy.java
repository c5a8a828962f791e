package io.sotto.config;

/**
 * When recording files are forced to the storage device (fsync). A crash of Sotto alone loses
 * nothing in any mode (the kernel still holds what was written); this decides what a power cut or
 * kernel crash may take ({@code docs/recording.md}).
 */
public enum FsyncPolicy {
    /** A finished recording's WAV, JSON and day directory are forced before the catalog hears of it. */
    ON_FINISH,
    /** Nothing is forced; the kernel writes back in its own time (Linux: within about 30 s). */
    NEVER,
    /** As {@code on_finish}, and every open WAV is also forced once a second. */
    INTERVAL
}
