package io.sotto.call;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;

/**
 * The one thread that changes calls. SIP events, media notifications and API commands arrive as
 * commands from other threads and run here in order, so call state needs no locks.
 *
 * <p>It never waits on another thread. Work it hands to another thread (binding a media session's
 * ports, say) comes back as a <em>completion</em>: a task queued by that thread through
 * {@link #completions()} and run here like any command. The two queues differ in what overload
 * does to them: commands (new SIP events, API calls) are refused when their bounded queue is full,
 * and their sender sheds the work (a UDP request is retransmitted); completions answer work the
 * conductor already started and own resources (bound ports, a session), so they are never refused
 * and run first in each duty cycle. Their number is bounded by the work in flight, not by the
 * offered load.
 */
public final class CallConductor implements Agent {
    private static final int COMMAND_LIMIT = 64;

    private final ManyToOneConcurrentArrayQueue<Runnable> commands;
    private final ManyToOneConcurrentLinkedQueue<Runnable> completions = new ManyToOneConcurrentLinkedQueue<>();
    private final Executor completionExecutor = this::complete;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final NanoClock clock;
    private IntSupplier[] duties = new IntSupplier[0];
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

    /** Queues the completion of work this thread started elsewhere; from any thread, never refused. */
    public void complete(Runnable completion) {
        completions.offer(completion);
    }

    /** {@link #complete} as an {@link Executor}, for the parts that report back to whoever asked. */
    public Executor completions() {
        return completionExecutor;
    }

    /**
     * Adds work done on every duty cycle after the commands (retrying fork control records, say):
     * it returns how much it did. Before the conductor starts only.
     */
    public void addDuty(IntSupplier duty) {
        IntSupplier[] more = Arrays.copyOf(duties, duties.length + 1);
        more[duties.length] = duty;
        duties = more;
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

    /** Commands queued and not yet run (a gauge of how far behind the conductor is). */
    public int commandsQueued() {
        return commands.size();
    }

    /** Completions queued and not yet run. */
    public int completionsQueued() {
        return completions.size();
    }

    /** Timers scheduled, cancelled ones included until they fall due. */
    public int timersScheduled() {
        return timers.size();
    }

    @Override
    public void onStart() {
        thread = Thread.currentThread();
    }

    @Override
    public int doWork() throws Exception {
        int work = 0;
        Runnable completion;
        while ((completion = completions.poll()) != null) {
            completion.run();
            work++;
        }
        work += commands.drain(Runnable::run, COMMAND_LIMIT);
        for (IntSupplier duty : duties) {
            work += duty.getAsInt();
        }
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

    /**
     * A scheduled task. Cancelling it is cheap: it stays in the queue until due, but lets go of
     * its task at once, so that a call's ring timeout (180 s by default, cancelled when the call
     * is answered or ends) does not keep the whole call reachable for minutes at a high call rate.
     */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private Runnable task;
        private boolean cancelled;

        private Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
            task = null;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
