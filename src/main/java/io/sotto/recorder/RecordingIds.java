package io.sotto.recorder;

import com.github.f4b6a3.ulid.UlidCreator;

/** Recording ids for the call layer: monotonic ULIDs, time-sortable and unique (README, "Recordings on disk"). */
public final class RecordingIds {
    private RecordingIds() {
    }

    /** A new id, greater than every id returned before it in this process. */
    public static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
