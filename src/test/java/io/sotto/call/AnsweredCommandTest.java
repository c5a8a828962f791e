package io.sotto.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A command whose caller waits for the answer completes whatever the work does on the call
 * thread, and a throw there is logged once, with its stack trace; the conductor goes on.
 */
class AnsweredCommandTest {
    private final CallConductor conductor = new CallConductor(4, SystemNanoClock.INSTANCE);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
    }

    @Test
    void answersWithTheResultOfTheWork() throws Exception {
        CompletableFuture<String> answer = AnsweredCommand.submit(conductor, "a test command", () -> "done");

        conductor.doWork();

        assertThat(answer.get()).isEqualTo("done");
        assertThat(logs.list).isEmpty();
    }

    @Test
    void failsTheAnswerWithWhatTheWorkThrewLogsItOnceAndRunsTheNextCommand() throws Exception {
        CompletableFuture<String> broken = AnsweredCommand.submit(conductor, "recording pause of call X by alice",
                () -> {
                    throw new NullPointerException("Cannot invoke \"Object.equals(Object)\" because \"o\" is null");
                });
        AtomicInteger after = new AtomicInteger();
        conductor.submit(after::incrementAndGet);

        conductor.doWork();

        assertThat(broken).isCompletedExceptionally();
        assertThat(causeOf(broken)).isInstanceOf(NullPointerException.class);
        assertThat(after).hasValue(1);
        List<ILoggingEvent> errors = logs.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains("recording pause of call X by alice");
        assertThat(errors.get(0).getThrowableProxy().getClassName()).isEqualTo(NullPointerException.class.getName());
        assertThat(errors.get(0).getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void failsTheAnswerOnAnErrorToo() throws Exception {
        CompletableFuture<String> broken = AnsweredCommand.submit(conductor, "a command that asserts", () -> {
            throw new AssertionError("a broken invariant");
        });

        conductor.doWork();

        assertThat(causeOf(broken)).isInstanceOf(AssertionError.class);
    }

    @Test
    void failsAtOnceWhenTheConductorsQueueIsFull() {
        for (int i = 0; i < 4; i++) {
            assertThat(conductor.submit(() -> { })).isTrue();
        }

        CompletableFuture<String> refused = AnsweredCommand.submit(conductor, "one too many", () -> "never");

        assertThat(causeOf(refused)).isInstanceOf(RejectedExecutionException.class);
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("completed normally");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
