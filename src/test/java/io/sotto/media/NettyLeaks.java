package io.sotto.media;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * Collects the LEAK reports of Netty's leak detector (paranoid in the surefire argLine). Reports
 * only appear once the leaked buffer has been garbage collected and another buffer is allocated,
 * so {@link #reportedAfterCanary()} leaks a marked canary buffer and waits until the detector has
 * reported it: every leak collected before it has been reported by then too.
 */
final class NettyLeaks implements AutoCloseable {
    static final String CANARY = "sotto-leak-canary";
    private static final long DEADLINE_NANOS = 10_000_000_000L;

    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

    NettyLeaks() {
        reports.start();
        logger.addAppender(reports);
        // The canary's report is expected: keep it (and any other, which fails the test) off the console.
        logger.setAdditive(false);
    }

    /** The LEAK reports other than the canary's. */
    List<String> reportedAfterCanary() {
        leakCanary();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (messages().stream().noneMatch(message -> message.contains(CANARY))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the leak detector never reported the canary: is it enabled?");
            }
            System.gc();
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            LockSupport.parkNanos(10_000_000L);
        }
        return messages().stream().filter(message -> !message.contains(CANARY)).toList();
    }

    @Override
    public void close() {
        logger.setAdditive(true);
        logger.detachAppender(reports);
        reports.stop();
    }

    private List<String> messages() {
        synchronized (reports) {
            return reports.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.contains("LEAK"))
                    .toList();
        }
    }

    private static void leakCanary() {
        ByteBuf canary = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        canary.touch(CANARY);
    }
}
