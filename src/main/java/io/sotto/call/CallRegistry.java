package io.sotto.call;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The live calls, by id. Written on the conductor thread; its size may be read from anywhere. */
public final class CallRegistry {
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private volatile int size;

    public void add(Call call) {
        calls.put(call.id(), call);
        size = calls.size();
    }

    public void remove(Call call) {
        calls.remove(call.id());
        size = calls.size();
    }

    public Call get(String id) {
        return calls.get(id);
    }

    public Collection<Call> all() {
        return Collections.unmodifiableCollection(calls.values());
    }

    public int size() {
        return size;
    }
}
