package io.smokegate.server;

import io.smokegate.metrics.PrometheusText;
import io.smokegate.metrics.SmokegateMetrics;
import io.vertx.core.buffer.Buffer;
import io.smokegate.service.SmokegateService;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process serves), {@code /readyz} (it can do its job), {@code /metrics}. */
final class HealthRoutes {

    private final SmokegateService service;
    private final SmokegateMetrics metrics;
    private final Blocking blocking;
    private final BooleanSupplier stopping;

    HealthRoutes(SmokegateService service, SmokegateMetrics metrics, Blocking blocking, BooleanSupplier stopping) {
        this.service = service;
        this.metrics = metrics;
        this.blocking = blocking;
        this.stopping = stopping;
    }

    void mount(Router router) {
        router.get("/healthz").handler(ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        router.get("/readyz").handler(ctx -> {
            if (stopping.getAsBoolean()) {
                Responses.json(ctx, 503, Map.of("status", "stopping"));
                return;
            }
            blocking.run(ctx, service::notReadyBecause, (Optional<String> reason) -> {
                if (reason.isEmpty()) {
                    Responses.json(ctx, 200, Map.of("status", "ready"));
                } else {
                    Responses.json(ctx, 503, Responses.fields("status", "not ready", "reason", reason.get()));
                }
            }, Errors::standard);
        });
        router.get("/metrics").handler(ctx -> blocking.run(ctx, metrics::scrape, text -> ctx.response()
                .putHeader("Content-Type", PrometheusText.CONTENT_TYPE)
                .end(Buffer.buffer(text)), Errors::standard));
    }
}
