package org.streamvault.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what the node logs (level and formatted message, as the console shows it) while it
 * is open, for tests of what an operator reads: one warning, never a secret.
 */
public final class LogCapture implements AutoCloseable {
    /** One logged line: its level name and message, and the stack trace's exception if one was logged. */
    public record Line(String level, String logger, String message, String thrown) {
        @Override
        public String toString() {
            return level + " " + logger + " " + message + (thrown == null ? "" : " [" + thrown + "]");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerConfig root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel().name(), event.getLoggerName(),
                        event.getMessage().getFormattedMessage(),
                        event.getThrown() == null ? null : event.getThrown().toString()));
            }
        };
        appender.start();
        root = config.getRootLogger();
        root.addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    /** Starts collecting; close to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines of {@code level} (e.g. "WARN") whose logger name ends with {@code loggerSuffix}. */
    public List<Line> lines(String level, String loggerSuffix) {
        return lines.stream().filter(l -> l.level().equals(level) && l.logger().endsWith(loggerSuffix)).toList();
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
        root.removeAppender(appender.getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        appender.stop();
    }
}
