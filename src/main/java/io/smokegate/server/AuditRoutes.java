package io.smokegate.server;

import io.smokegate.config.Scope;
import io.smokegate.service.AuditTrail;
import io.smokegate.store.AuditEvent;
import io.smokegate.store.AuditStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The audit trail: who changed what through the API, newest first. */
final class AuditRoutes {

    private static final Set<String> PARAMS = Set.of("actor", "target", "limit", "cursor");

    private final AuditTrail audit;
    private final Blocking blocking;

    AuditRoutes(AuditTrail audit, Blocking blocking) {
        this.audit = audit;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.get("/api/v1/audit").handler(auth.require(Scope.ADMIN)).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        int limit;
        try {
            for (String name : ctx.queryParams().names()) {
                if (!PARAMS.contains(name)) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: actor, cursor, limit, target)");
                }
            }
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> audit.list(ctx.queryParams().get("actor"), ctx.queryParams().get("target"), limit,
                ctx.queryParams().get("cursor")), (AuditStore.Page page) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("events", page.events().stream().map(AuditRoutes::event).toList());
            body.put("next", page.next());
            Responses.json(ctx, 200, body);
        }, Errors::listing);
    }

    private static Map<String, Object> event(AuditEvent e) {
        return Responses.fields("id", e.id(), "at", e.at().toString(), "actor", e.actor(), "action", e.action(),
                "target", e.target(), "detail", e.detail());
    }
}
