package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.config.Scope;
import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.Scheduler;
import io.smokegate.schedule.ScheduleOverride;
import io.smokegate.service.ScheduleService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schedules: {@code GET /api/v1/schedules}; {@code PUT|DELETE /api/v1/checklists/{name}/schedule} to
 * override a checklist file's schedule for every replica, or switch it off with {@code {"enabled": false}}.
 */
final class ScheduleRoutes {

    private static final Set<String> FIELDS = Set.of("every", "cron", "timezone", "enabled");

    private final ScheduleService service;
    private final Scheduler scheduler;
    private final Blocking blocking;

    ScheduleRoutes(ScheduleService service, Scheduler scheduler, Blocking blocking) {
        this.service = service;
        this.scheduler = scheduler;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.get("/api/v1/schedules").handler(auth.require(Scope.READ)).handler(this::list);
        router.put("/api/v1/checklists/:name/schedule").handler(auth.require(Scope.ADMIN)).handler(this::put);
        router.delete("/api/v1/checklists/:name/schedule").handler(auth.require(Scope.ADMIN)).handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        blocking.run(ctx, () -> {
            Map<String, ScheduleOverride> overrides = service.overrides();
            List<Object> out = new ArrayList<>();
            for (Scheduler.Status s : scheduler.status()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("checklist", s.checklist());
                row.put("schedule", s.schedule().describe());
                row.put("source", overrides.containsKey(s.checklist()) ? "api" : "file");
                row.put("nextRunAt", s.nextRunAt() == null ? null : s.nextRunAt().toString());
                row.put("lastFiredAt", s.lastFiredAt() == null ? null : s.lastFiredAt().toString());
                row.put("lastOutcome", s.lastOutcome() == null ? null : s.lastOutcome().name().toLowerCase(java.util.Locale.ROOT));
                out.add(row);
            }
            overrides.forEach((name, override) -> {
                if (override instanceof ScheduleOverride.Disabled) {
                    out.add(Responses.fields("checklist", name, "enabled", false, "source", "api"));
                }
            });
            return Map.of("schedules", out);
        }, body -> Responses.json(ctx, 200, body), Errors::standard);
    }

    private void put(RoutingContext ctx) {
        ScheduleOverride override;
        try {
            JsonNode body = JsonBodies.object(ctx, FIELDS, "{\"every\": \"5m\"}");
            JsonNode enabled = body.get("enabled");
            if (enabled != null && !enabled.isBoolean()) {
                throw new IllegalArgumentException("enabled must be true or false");
            }
            boolean disable = enabled != null && !enabled.booleanValue();
            if (disable && body.size() > 1) {
                throw new IllegalArgumentException("{\"enabled\": false} takes no other fields");
            }
            override = disable ? ScheduleOverride.DISABLED : new ScheduleOverride.Replaced(Schedule.of(
                    JsonBodies.text(body, "every"), JsonBodies.text(body, "cron"), JsonBodies.text(body, "timezone")));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String name = ctx.pathParam("name");
        blocking.run(ctx, () -> {
            service.override(name, override, Caller.of(ctx).name());
            scheduler.reconcile();
            return null;
        }, ignored -> Responses.json(ctx, 200, switch (override) {
            case ScheduleOverride.Replaced r -> Responses.fields("checklist", name, "schedule", r.schedule().describe());
            case ScheduleOverride.Disabled d -> Responses.fields("checklist", name, "enabled", false);
            case ScheduleOverride.Unreadable u -> throw new IllegalStateException("a request never makes an unreadable override");
        }), Errors::standard);
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        blocking.run(ctx, () -> {
            boolean removed = service.clearOverride(name, Caller.of(ctx).name());
            scheduler.reconcile();
            return removed;
        }, removed -> {
            if (removed) {
                ctx.response().setStatusCode(204).end();
            } else {
                Responses.error(ctx, 404, "not_found", "checklist '" + name + "' has no schedule set through the API");
            }
        }, Errors::standard);
    }
}
