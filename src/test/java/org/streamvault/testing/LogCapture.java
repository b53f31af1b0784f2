package org.streamvault.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what this JVM logs while open (every logger, through log4j's root), so a test can
 * check that expected conditions were one line each and that no stack trace was printed.
 */
public final class LogCapture implements AutoCloseable {
    /** One log event, as text. */
    public record Line(String level, String logger, String message, String thrown) {
        @Override
        public String toString() {
            return level + " " + logger + " " + message + (thrown == null ? "" : "\n" + thrown);
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final Appender appender = new Appender();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.appender.start();
        LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(capture.appender, null, null);
        ctx.updateLoggers();
        return capture;
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The events that carried a stack trace. */
    public List<Line> withStackTraces() {
        return lines().stream().filter(l -> l.thrown() != null).toList();
    }

    /** The events whose message contains {@code text}. */
    public List<Line> containing(String text) {
        return lines().stream().filter(l -> l.message().contains(text)).toList();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
        ctx.updateLoggers();
        appender.stop();
    }

    private final class Appender extends AbstractAppender {
        Appender() {
            super("test-capture-" + System.identityHashCode(LogCapture.this), null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            Throwable t = event.getThrown();
            Line line = new Line(event.getLevel().name(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                    t == null ? null : t.toString());
            synchronized (LogCapture.this) {
                lines.add(line);
            }
        }
    }
}
