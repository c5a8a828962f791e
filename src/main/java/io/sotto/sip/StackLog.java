package io.sotto.sip;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.StackLogger;

/**
 * JAIN-SIP's own logging (its {@code gov.nist.javax.sip.STACK_LOGGER}), through SLF4J under the
 * stack's name, errors and warnings only.
 *
 * <p>The RI's default logger, {@code LogWriter}, builds a stack trace for every debug line before
 * it looks at the level, and the RI writes two such lines per call without checking the level
 * first ({@code SIPDialog.setLastResponse}): two exceptions with their stack traces per call, on
 * the SIP threads, that nobody read (JFR, 600 setups a second). Here a line checks its level
 * first.
 *
 * <p>Info, debug and trace are never enabled, whatever the logback configuration says: the RI
 * logs whole messages at its info level ({@code TRACE_MESSAGES}), and a customer's DTMF digits
 * travel in INFO bodies, which must never reach a log (PCI).
 */
public final class StackLog implements StackLogger {
    private Logger log = LoggerFactory.getLogger("jainsip");

    @Override
    public void setStackProperties(Properties properties) {
        log = LoggerFactory.getLogger(properties.getProperty("javax.sip.STACK_NAME", "jainsip"));
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isWarnEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level == TRACE_NONE) {
            return false;
        }
        if (level <= TRACE_ERROR) {
            return log.isErrorEnabled();
        }
        return level <= TRACE_WARN && log.isWarnEnabled();
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message, Exception e) {
        log.error(message, e);
    }

    @Override
    public void logException(Throwable e) {
        log.error(String.valueOf(e), e);
    }

    @Override
    public void logWarning(String message) {
        log.warn(message);
    }

    @Override
    public void logInfo(String message) {
        // never: see the class comment
    }

    @Override
    public void logDebug(String message) {
        // never: see the class comment
    }

    @Override
    public void logDebug(String message, Exception e) {
        // never: see the class comment
    }

    @Override
    public void logTrace(String message) {
        // never: see the class comment
    }

    @Override
    public void logStackTrace() {
        // debug output of the RI: never
    }

    @Override
    public void logStackTrace(int traceLevel) {
        // debug output of the RI: never
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void disableLogging() {
        // the levels are logback's (logback.xml)
    }

    @Override
    public void enableLogging() {
        // the levels are logback's (logback.xml)
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // the RI writes its build time as its first log line; nothing to keep
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
