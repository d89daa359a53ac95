package io.smokegate.server;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs database and file-system work on a worker thread and continues on the event loop; anything
 * thrown that the handler did not translate becomes a 500 without leaking details.
 */
final class Blocking {

    private final Vertx vertx;

    Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Work that may fail with an exception the {@code onError} handler turns into a response. */
    <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> onResult, ErrorMapper onError) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                try {
                    onResult.accept(ar.result());
                } catch (RuntimeException e) {
                    Responses.internal(ctx, e);
                }
            } else if (!onError.handle(ctx, ar.cause())) {
                Responses.internal(ctx, ar.cause());
            }
        });
    }

    /** Answers a failure and returns true, or returns false to let it become a 500. */
    @FunctionalInterface
    interface ErrorMapper {
        boolean handle(RoutingContext ctx, Throwable failure);
    }
}
