package io.smokegate.check;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What checks share across a process: the data directory for state that outlives a run, a Vert.x instance
 * for the checks that use its clients, and typed shared clients ({@link SharedClient}) such as connection
 * pools and Kubernetes clients. Everything is created on first use, so a CLI run without such checks does not
 * pay for it, and closed with the context, newest first.
 *
 * <p>A shared client that needs configuration (the Kubernetes clients need the kubeconfig and the allowed
 * contexts) reads it from the context's typed settings, which the process registers with {@link #with} before
 * checks run. The context only stores them by type: it knows nothing of Kubernetes, Git or any other family.
 */
public final class CheckContext implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CheckContext.class.getName());

    private final Path dataDir;
    private final Supplier<Vertx> vertxFactory;
    private final boolean ownsVertx;
    private final Map<SharedClient<?>, AutoCloseable> clients = new LinkedHashMap<>();
    private final Map<Class<?>, Object> settings = new HashMap<>();
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

    /**
     * Registers the settings of type {@code type} (one value per type) for the shared clients that read them.
     *
     * @return this context, for chaining
     * @throws IllegalStateException once a shared client is open: it would not see settings given later
     */
    public synchronized <T> CheckContext with(Class<T> type, T value) {
        requireOpen();
        if (!clients.isEmpty()) {
            throw new IllegalStateException("settings of the check context are given before its first shared client opens");
        }
        settings.put(type, type.cast(Objects.requireNonNull(value, "value")));
        return this;
    }

    /** The settings registered for {@code type}, if any; a shared client falls back to its own defaults. */
    public synchronized <T> Optional<T> setting(Class<T> type) {
        return Optional.ofNullable(type.cast(settings.get(type)));
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

    /**
     * Closes the shared clients, newest first (a later client may use an earlier one), then an own Vert.x.
     * Idempotent. The clients are closed outside the context's lock: a client busy opening a connection may be
     * asking the context for its Vert.x right now, and must get an answer (that the context is closed) rather
     * than wait for this close to end.
     */
    @Override
    public void close() {
        List<Map.Entry<SharedClient<?>, AutoCloseable>> open;
        Vertx own;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(clients.entrySet());
            clients.clear();
            own = ownsVertx ? vertx : null;
            vertx = null;
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).getValue().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "shared client " + open.get(i).getKey().name() + " did not close cleanly", e);
            }
        }
        if (own != null) {
            own.close().await();
        }
    }
}
