package io.smokegate.check;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What checks share across a process: the data directory for state that outlives a run, and a Vert.x
 * instance for the few checks that use its clients (created on first use, so a CLI run without such
 * checks does not pay for it).
 */
public final class CheckContext implements AutoCloseable {

    private final Path dataDir;
    private final Supplier<Vertx> vertxFactory;
    private final boolean ownsVertx;
    private Vertx vertx;

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
        if (vertx == null) {
            vertx = vertxFactory.get();
        }
        return vertx;
    }

    @Override
    public synchronized void close() {
        if (ownsVertx && vertx != null) {
            vertx.close().await();
            vertx = null;
        }
    }
}
