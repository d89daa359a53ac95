package io.smokegate.check;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What checks share across a process: the data directory for state that outlives a run, a Vert.x instance
 * for the checks that use its clients, and typed shared clients ({@link SharedClient}) such as connection
 * pools and Kubernetes clients. Everything is created on first use, so a CLI run without such checks does not
 * pay for it, and closed with the context, newest first.
 */
public final class CheckContext implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CheckContext.class.getName());

    private final Path dataDir;
    private final Supplier<Vertx> vertxFactory;
    private final boolean ownsVertx;
    private final Map<SharedClient<?>, AutoCloseable> clients = new LinkedHashMap<>();
    private Vertx vertx;
    private boolean closed;

    private CheckContext(Path dataDir, Vertx shared, Supplier<Vertx> factory) {
        this.dataDir = dataDir;
        this.vertx = shared;
        this.vertxFactory = factory;
        this.ownsVertx = shared == null;
    }

    /** A context that creates (and on close, closes) its own Vert.x instance when first needed. */
    public static CheckContext standalone(Path dataDir) {
        return new CheckContext(dataDir, null, Vertx::vertx);
    }

    /** A context using the server's Vert.x instance, which it does not close. */
    public static CheckContext shared(Path dataDir, Vertx vertx) {
        return new CheckContext(dataDir, vertx, () -> vertx);
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized Vertx vertx() {
        requireOpen();
        if (vertx == null) {
            vertx = vertxFactory.get();
        }
        return vertx;
    }

    /** The shared client for {@code key}: opened on the first call, the same instance afterwards. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends AutoCloseable> T client(SharedClient<T> key) {
        requireOpen();
        AutoCloseable existing = clients.get(key);
        if (existing != null) {
            return (T) existing;
        }
        T created = key.open().apply(this);
        clients.put(key, created);
        return created;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the check context is closed");
        }
    }

    /** Closes the shared clients, newest first (a later client may use an earlier one), then an own Vert.x. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Map.Entry<SharedClient<?>, AutoCloseable>> open = new ArrayList<>(clients.entrySet());
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).getValue().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "shared client " + open.get(i).getKey().name() + " did not close cleanly", e);
            }
        }
        clients.clear();
        if (ownsVertx && vertx != null) {
            vertx.close().await();
            vertx = null;
        }
    }
}
