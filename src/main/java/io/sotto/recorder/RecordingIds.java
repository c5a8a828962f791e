package io.sotto.recorder;

import com.github.f4b6a3.ulid.UlidCreator;

/** Recording ids for the call layer: monotonic ULIDs, time-sortable and unique (SPEC 8). */
public final class RecordingIds {
    private RecordingIds() {
    }

    /** A new id, greater than every id returned before it in this process. */
    public static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
