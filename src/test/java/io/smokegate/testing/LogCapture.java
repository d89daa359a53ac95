package io.smokegate.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every record one class logs while open, to assert exact messages and fields. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        // Every level, whatever a CLI test in the same JVM configured for the root logger.
        this.levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> logging) {
        return new LogCapture(Logger.getLogger(logging.getName()));
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    public List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
        // Records are kept in memory only.
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
