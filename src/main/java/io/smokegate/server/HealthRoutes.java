package io.smokegate.server;

import io.smokegate.metrics.PrometheusText;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.service.ReadinessService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process serves), {@code /readyz} (it can do its job), {@code /metrics}: open to all. */
final class HealthRoutes {

    private final ReadinessService service;
    private final SmokegateMetrics metrics;
    private final Blocking blocking;
    private final BooleanSupplier stopping;

    HealthRoutes(ReadinessService service, SmokegateMetrics metrics, Blocking blocking, BooleanSupplier stopping) {
        this.service = service;
        this.metrics = metrics;
        this.blocking = blocking;
        this.stopping = stopping;
    }

    void mount(Router router) {
        router.get("/healthz").handler(ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        router.get("/readyz").handler(ctx -> {
            if (stopping.getAsBoolean()) {
                Responses.json(ctx, 503, Responses.fields("status", "stopping", "leader", service.leader()));
                return;
            }
            blocking.run(ctx, service::notReadyBecause, (Optional<ReadinessService.NotReady> notReady) -> {
                if (notReady.isEmpty()) {
                    Responses.json(ctx, 200, Responses.fields("status", "ready", "leader", service.leader()));
                } else {
                    Responses.json(ctx, 503, Responses.fields("status", "not ready", "reason", reason(ctx, notReady.get()),
                            "leader", service.leader()));
                }
            }, Errors::standard);
        });
        router.get("/metrics").handler(ctx -> blocking.run(ctx, metrics::scrape, text -> ctx.response()
                .putHeader("Content-Type", PrometheusText.CONTENT_TYPE)
                .end(Buffer.buffer(text)), Errors::standard));
    }

    /** Details name the database URL or the checklist directory: only for callers with a valid token. */
    private static String reason(RoutingContext ctx, ReadinessService.NotReady notReady) {
        if (Caller.of(ctx).authenticated()) {
            return notReady.part() + ": " + notReady.detail();
        }
        return notReady.part() + ": " + (notReady.part().equals("database") ? "the database cannot be used"
                : "the checklist directory cannot be read") + " (a request with a valid token shows why)";
    }
}
