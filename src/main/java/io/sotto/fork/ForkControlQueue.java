package io.sotto.fork;

import static io.sotto.fork.ForkDescriptor.END_MSG_TYPE_ID;
import static io.sotto.fork.ForkDescriptor.LINK_MSG_TYPE_ID;
import static io.sotto.fork.ForkDescriptor.START_MSG_TYPE_ID;
import static io.sotto.fork.ForkDescriptor.STATE_MSG_TYPE_ID;

import java.util.ArrayDeque;

import org.agrona.collections.Long2LongHashMap;

/**
 * The call conductor's control records (start, state change, end, link) on their way into the
 * fork ring, in the order they were asked for, without the conductor ever waiting for room.
 *
 * <p>A record goes into the ring at once when the ring has room and nothing is queued before it;
 * otherwise it waits here, and {@link #retry()} (on each of the conductor's duty cycles) writes
 * the waiting ones in order until the ring refuses again. Order is global, so a session's
 * records always reach the recorder in the order they were made. While a session has a record
 * waiting ({@link #pending}), its media must not fork audio: audio written after a pause that is
 * still waiting here would reach the recorder before the pause (see {@code CallRecorder}).
 *
 * <p>The queue is bounded: a record offered when {@value #DEFAULT_CAPACITY} are waiting is lost
 * and counted ({@link #lost()}); an end lost so is finished by the start-up repair. Single
 * thread: the conductor's.
 */
public final class ForkControlQueue {
    public static final int DEFAULT_CAPACITY = 16 * 1024;

    private final ForkWriter writer;
    private final int capacity;
    private final ArrayDeque<Record> waiting = new ArrayDeque<>();
    private final Long2LongHashMap waitingBySession = new Long2LongHashMap(0);
    private long deferred;
    private long lost;
    private volatile int size;
    private volatile long lostPublished;

    private record Record(int msgTypeId, long sessionKey, long atNanos, int state, Object body) {
    }

    public ForkControlQueue(ForkWriter writer) {
        this(writer, DEFAULT_CAPACITY);
    }

    public ForkControlQueue(ForkWriter writer, int capacity) {
        this.writer = writer;
        this.capacity = capacity;
    }

    /** The START of a recording, before any of its audio. @return false if lost (queue full) */
    public boolean start(long sessionKey, long atNanos, RecordingStart start) {
        return offer(START_MSG_TYPE_ID, sessionKey, atNanos, 0, start);
    }

    /** A change of state ({@link ForkDescriptor#STATE_PAUSED} ...). @return false if lost */
    public boolean state(long sessionKey, long atNanos, int state, StateChange change) {
        return offer(STATE_MSG_TYPE_ID, sessionKey, atNanos, state, change);
    }

    /** The END of a recording. @return false if lost */
    public boolean end(long sessionKey, long atNanos, RecordingEnd end) {
        return offer(END_MSG_TYPE_ID, sessionKey, atNanos, 0, end);
    }

    /** Asks for a finished recording's metadata to name another. @return false if lost */
    public boolean link(long atNanos, RecordingLink link) {
        return offer(LINK_MSG_TYPE_ID, 0, atNanos, 0, link);
    }

    /**
     * Writes waiting records, oldest first, until the ring refuses one.
     *
     * @return how many were written
     */
    public int retry() {
        int written = 0;
        Record next;
        while ((next = waiting.peekFirst()) != null
                && writer.writeControl(next.msgTypeId, next.sessionKey, next.atNanos, next.state, next.body)) {
            waiting.pollFirst();
            long left = waitingBySession.get(next.sessionKey) - 1;
            if (left == 0) {
                waitingBySession.remove(next.sessionKey);
            } else {
                waitingBySession.put(next.sessionKey, left);
            }
            written++;
        }
        if (written > 0) {
            size = waiting.size();
        }
        return written;
    }

    /** True while a record of {@code sessionKey} waits for room in the ring. */
    public boolean pending(long sessionKey) {
        return waitingBySession.get(sessionKey) != 0;
    }

    /** Records waiting; from any thread. */
    public int size() {
        return size;
    }

    /** Records lost because the queue was full; from any thread. */
    public long lost() {
        return lostPublished;
    }

    /** Records that had to wait for room in the ring, since the start. */
    public long deferred() {
        return deferred;
    }

    private boolean offer(int msgTypeId, long sessionKey, long atNanos, int state, Object body) {
        if (waiting.isEmpty() && writer.writeControl(msgTypeId, sessionKey, atNanos, state, body)) {
            return true;
        }
        if (waiting.size() >= capacity) {
            lostPublished = ++lost;
            return false;
        }
        waiting.addLast(new Record(msgTypeId, sessionKey, atNanos, state, body));
        waitingBySession.put(sessionKey, waitingBySession.get(sessionKey) + 1);
        deferred++;
        size = waiting.size();
        return true;
    }
}
