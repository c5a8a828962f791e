package io.sotto.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command from another thread that waits for its answer (a REST request): it always completes,
 * with the work's result or, if the work throws, exceptionally. A throw on the call thread is a
 * bug; it is logged here, once, with its stack trace and what was asked, so the waiting side only
 * answers its client and never hangs until a timeout.
 */
final class AnsweredCommand<T> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AnsweredCommand.class);

    private final String what;
    private final Supplier<T> work;
    private final CompletableFuture<T> answer = new CompletableFuture<>();

    private AnsweredCommand(String what, Supplier<T> work) {
        this.what = what;
        this.work = work;
    }

    /**
     * Queues {@code work} on the conductor. The future fails at once with
     * {@link RejectedExecutionException} when the conductor's queue is full.
     *
     * @param what names the command in the log line of a failure (no customer data)
     */
    static <T> CompletableFuture<T> submit(CallConductor conductor, String what, Supplier<T> work) {
        AnsweredCommand<T> command = new AnsweredCommand<>(what, work);
        if (!conductor.submit(command)) {
            command.answer.completeExceptionally(new RejectedExecutionException("the call conductor is overloaded"));
        }
        return command.answer;
    }

    @Override
    public void run() {
        try {
            answer.complete(work.get());
        } catch (Throwable failure) {
            // also Errors: the agent runner would log and carry on too, but leave the request unanswered
            LOG.error("{} failed on the call thread", what, failure);
            answer.completeExceptionally(failure);
        }
    }
}
