package io.sotto.fork;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * The bodies of the control records ({@link RecordingStart}, {@link StateChange},
 * {@link RecordingEnd}, {@link RecordingLink}), handed from the call conductor to the recorder by
 * reference, beside the ring.
 *
 * <p>The ring record keeps the order (a pause at its place among the packets); its body, an
 * immutable record, comes from here. Both ends stay in one process, so encoding the body as JSON
 * for the ring and parsing it back only cost CPU on the two threads that can least spare it: at
 * 600 call setups a second the parse was a third of the recorder's own work, and Jackson's
 * (de)serializers a good part of what the JIT compiler had to compile after a start.
 *
 * <p>One producer (the thread that writes control records: the conductor) and one consumer (the
 * recorder). The producer offers a body and then commits its ring record, which carries the
 * body's number; the consumer takes one body for each control record it reads, so both run in
 * the same order, and the number proves it.
 */
public final class ControlBodies {
    /** Far more than the control records a full ring holds in practice; a full queue refuses like a full ring. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private final OneToOneConcurrentArrayQueue<Object> queue;
    private long offered;
    private long taken;

    public ControlBodies() {
        this(DEFAULT_CAPACITY);
    }

    public ControlBodies(int capacity) {
        this.queue = new OneToOneConcurrentArrayQueue<>(capacity);
    }

    /**
     * Producer side: queues {@code body}, before its ring record is committed.
     *
     * @return the body's number, for its ring record; -1 when the queue is full
     */
    long offer(Object body) {
        if (!queue.offer(body)) {
            return -1;
        }
        return ++offered;
    }

    /**
     * Consumer side: the body of the control record just read, numbered {@code number}. Take one
     * for every control record read, whatever is then done with it, or the two fall out of step.
     *
     * @return the body, or null when that record has none here (it was not written by
     *         {@link ForkWriter#writeControl})
     */
    public Object take(long number) {
        Object body = queue.poll();
        if (body == null) {
            return null;
        }
        taken++;
        return taken == number ? body : null;
    }
}
