package io.smokegate.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Process-wide logging: terse warnings on stderr for the CLI, JSON lines on stdout for the service
 * (one object per event, so log pipelines need no parsing rules).
 */
final class Logging {

    // Held here: the log manager keeps loggers only weakly, and a collected logger forgets its level.
    private static final Logger NETTY = Logger.getLogger("io.netty");
    private static final Logger FABRIC8_VERSION_USAGE =
            Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");

    private Logging() {
    }

    static void forCli() {
        install(new KeepOpen(System.err), Level.WARNING, new Formatter() {
            @Override
            public String format(LogRecord r) {
                return "smokegate: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                        + formatMessage(r) + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")") + "\n";
            }
        });
    }

    static void forService(PrintStream out) {
        install(new KeepOpen(out), Level.INFO, new JsonLogFormatter());
    }

    /**
     * Writes each record at once and survives the JDK's log shutdown hook, which closes handlers while
     * our own shutdown hook is still logging how the graceful stop went.
     */
    private static final class KeepOpen extends StreamHandler {
        KeepOpen(PrintStream out) {
            super(out, new java.util.logging.SimpleFormatter());
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            flush();
        }
    }

    private static void install(Handler handler, Level level, Formatter formatter) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        handler.setFormatter(formatter);
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
        // Netty and Vert.x are chatty at INFO about internals an operator cannot act on.
        NETTY.setLevel(Level.WARNING);
        // Fabric8 warns on every use of a v1alpha1 resource; Chaos Mesh's kinds are all v1alpha1, by design.
        FABRIC8_VERSION_USAGE.setLevel(Level.SEVERE);
    }
}
