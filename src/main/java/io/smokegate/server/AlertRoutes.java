package io.smokegate.server;

import io.smokegate.alerts.AlertReceiver;
import io.smokegate.alerts.AlertmanagerPayload;
import io.smokegate.config.Scope;
import io.smokegate.run.RunIds;
import io.smokegate.store.AlertStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alertmanager's webhook receiver ({@code POST /api/v1/alerts}, a {@code webhook_config} with the API token
 * as bearer credentials) and the notifications received, newest first, each as it arrived.
 */
final class AlertRoutes {

    private final AlertReceiver receiver;
    private final Blocking blocking;

    AlertRoutes(AlertReceiver receiver, Blocking blocking) {
        this.receiver = receiver;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.post("/api/v1/alerts").handler(auth.require(Scope.RUN)).handler(this::receive);
        router.get("/api/v1/alerts").handler(auth.require(Scope.READ)).handler(this::list);
        router.get("/api/v1/alerts/:id").handler(auth.require(Scope.READ)).handler(this::get);
    }

    private void receive(RoutingContext ctx) {
        String body = ctx.body().asString();
        AlertmanagerPayload payload;
        try {
            payload = AlertmanagerPayload.parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", "not an Alertmanager notification: " + e.getMessage());
            return;
        }
        blocking.run(ctx, () -> receiver.receive(payload, body), id -> Responses.json(ctx, 200,
                Responses.fields("id", id, "status", payload.status(), "alerts", payload.alerts().size())), Errors::standard);
    }

    private void list(RoutingContext ctx) {
        int limit;
        try {
            for (String name : ctx.queryParams().names()) {
                if (!name.equals("limit")) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: limit)");
                }
            }
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> receiver.recent(limit), received -> Responses.json(ctx, 200,
                Map.of("notifications", received.stream().map(AlertRoutes::summary).toList())), Errors::standard);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + id + "' is not a notification id (a UUID)");
            return;
        }
        blocking.run(ctx, () -> receiver.payload(id), payload -> {
            if (payload.isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no notification with id " + id);
            } else {
                ctx.response().putHeader("Content-Type", "application/json").setStatusCode(200).end(payload.get());
            }
        }, Errors::standard);
    }

    private static Map<String, Object> summary(AlertStore.Received r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("receivedAt", r.receivedAt().toString());
        out.put("status", r.status());
        out.put("receiver", r.receiver());
        out.put("groupKey", r.groupKey());
        out.put("alerts", r.alerts());
        return out;
    }
}
