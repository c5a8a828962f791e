package io.sotto.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import gov.nist.core.LogLevels;

class StackLogTest {
    private static final String STACK_NAME = "jainsip.stack-log-test";

    private final Logger logger = (Logger) LoggerFactory.getLogger(STACK_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final StackLog log = new StackLog();

    @BeforeEach
    void logEverything() {
        logger.setLevel(Level.TRACE);
        lines.start();
        logger.addAppender(lines);
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", STACK_NAME);
        log.setStackProperties(properties);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void neverLogsMessagesOrDebugLinesEvenWhenLogbackWouldTakeThem() {
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isFalse();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_INFO)).isFalse();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_TRACE)).isFalse();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_NONE)).isFalse();

        log.logInfo("INFO sip:1001@pbx SIP/2.0 ... Signal=4");
        log.logDebug("setLastResponse");
        log.logDebug("setLastResponse", new Exception());
        log.logTrace("trace");
        log.logStackTrace();
        log.logStackTrace(LogLevels.TRACE_DEBUG);

        assertThat(lines.list).isEmpty();
    }

    @Test
    void passesErrorsAndWarningsToTheStacksLogger() {
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
        assertThat(log.isLoggingEnabled(LogLevels.TRACE_WARN)).isTrue();
        assertThat(log.getLoggerName()).isEqualTo(STACK_NAME);

        log.logError("cannot send");
        log.logWarning("slow");
        log.logException(new IllegalStateException("broken"));

        assertThat(lines.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(Level.ERROR, "cannot send"),
                        tuple(Level.WARN, "slow"),
                        tuple(Level.ERROR, "java.lang.IllegalStateException: broken"));
    }
}
