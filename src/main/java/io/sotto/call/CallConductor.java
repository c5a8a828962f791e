package io.sotto.call;

import java.util.PriorityQueue;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

/**
 * The one thread that changes calls. SIP events, media notifications and API commands arrive as
 * commands from other threads and run here in order, so call state needs no locks.
 */
public final class CallConductor implements Agent {
    private static final int COMMAND_LIMIT = 64;

    private final ManyToOneConcurrentArrayQueue<Runnable> commands;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final NanoClock clock;
    private volatile Thread thread;
    private long timerSequence;

    public CallConductor(int capacity, NanoClock clock) {
        this.commands = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.clock = clock;
    }

    /**
     * Queues a command from any thread.
     *
     * @return false when the queue is full; the caller sheds the work (SIP retransmits over UDP)
     */
    public boolean submit(Runnable command) {
        return commands.offer(command);
    }

    /** Runs {@code task} on this thread after {@code delayNanos}; only callable from this thread. */
    public Timer schedule(long delayNanos, Runnable task) {
        Timer timer = new Timer(clock.nanoTime() + delayNanos, timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    /** True on the conductor thread: lets shared code assert it is not called from elsewhere. */
    public boolean onConductorThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void onStart() {
        thread = Thread.currentThread();
    }

    @Override
    public int doWork() {
        int work = commands.drain(Runnable::run, COMMAND_LIMIT);
        long now = clock.nanoTime();
        Timer next;
        while ((next = timers.peek()) != null && next.deadline - now <= 0) {
            timers.poll();
            if (!next.cancelled) {
                next.task.run();
                work++;
            }
        }
        return work;
    }

    @Override
    public String roleName() {
        return "sotto-calls";
    }

    /** A scheduled task; cancelling it is cheap and leaves it in the queue until due. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private final Runnable task;
        private boolean cancelled;

        private Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
