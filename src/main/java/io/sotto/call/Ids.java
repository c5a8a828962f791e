package io.sotto.call;

import com.github.f4b6a3.ulid.UlidCreator;

/** Time-sortable unique ids (monotonic ULIDs) for calls and recordings. */
public final class Ids {
    private Ids() {
    }

    public static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
