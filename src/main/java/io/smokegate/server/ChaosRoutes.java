package io.smokegate.server;

import io.smokegate.config.Scope;
import io.smokegate.input.InvalidInputException;
import io.smokegate.run.RunIds;
import io.smokegate.service.ChaosService;
import io.smokegate.store.ExperimentStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Chaos experiments: {@code POST /api/v1/chaos/experiments} starts one, {@code GET} lists them and shows one,
 * {@code DELETE} aborts one. Every route needs the {@code chaos} scope, reads too: what runs against the cluster,
 * and who started it, is for those trusted to inject faults.
 */
final class ChaosRoutes {

    static final String EXPERIMENTS = "/api/v1/chaos/experiments";
    private static final Set<String> START_FIELDS = Set.of("scenario");
    private static final Set<String> LIST_PARAMS = Set.of("limit", "cursor");

    private final ChaosService service;
    private final Blocking blocking;

    ChaosRoutes(ChaosService service, Blocking blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.post(EXPERIMENTS).handler(auth.require(Scope.CHAOS)).handler(this::start);
        router.get(EXPERIMENTS).handler(auth.require(Scope.CHAOS)).handler(this::list);
        router.get(EXPERIMENTS + "/:id").handler(auth.require(Scope.CHAOS)).handler(this::get);
        router.delete(EXPERIMENTS + "/:id").handler(auth.require(Scope.CHAOS)).handler(this::abort);
    }

    private void start(RoutingContext ctx) {
        String scenario;
        try {
            scenario = JsonBodies.text(JsonBodies.object(ctx, START_FIELDS, "{\"scenario\": \"etcd-latency\"}"), "scenario");
            if (scenario == null || scenario.isBlank()) {
                throw new IllegalArgumentException("scenario is required: the metadata.name of a scenario in the "
                        + "chaos.scenarios directory");
            }
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String by = Caller.of(ctx).name();
        blocking.run(ctx, () -> service.start(scenario, by, ChaosService.TRIGGER_API), running -> {
            ctx.response().putHeader("Location", EXPERIMENTS + "/" + running.id());
            Responses.json(ctx, 202, running(running));
        }, ChaosRoutes::errors);
    }

    private void list(RoutingContext ctx) {
        int limit;
        try {
            for (String name : ctx.queryParams().names()) {
                if (!LIST_PARAMS.contains(name)) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: cursor, limit)");
                }
            }
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String cursor = ctx.queryParams().get("cursor");
        blocking.run(ctx, () -> service.list(limit, cursor), page -> Responses.json(ctx, 200, Responses.fields(
                "experiments", page.experiments().stream().map(ChaosRoutes::summary).toList(), "next", page.next())),
                Errors::listing);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!validId(ctx, id)) {
            return;
        }
        blocking.run(ctx, () -> service.get(id), view -> {
            if (view.running() != null) {
                Responses.json(ctx, 200, running(view.running()));
            } else if (view.stored().report() != null) {
                Responses.send(ctx, 200, view.stored().report().getBytes(StandardCharsets.UTF_8));
            } else {
                // Recorded as running by another replica: what the table knows.
                Responses.json(ctx, 200, summary(view));
            }
        }, ChaosRoutes::errors);
    }

    private void abort(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!validId(ctx, id)) {
            return;
        }
        blocking.run(ctx, () -> service.abort(id, Caller.of(ctx).name()), running -> {
            Map<String, Object> body = running(running);
            body.put("state", "aborting");
            Responses.json(ctx, 202, body);
        }, ChaosRoutes::errors);
    }

    private static boolean validId(RoutingContext ctx, String id) {
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + id + "' is not an experiment id (a UUID)");
            return false;
        }
        return true;
    }

    private static boolean errors(RoutingContext ctx, Throwable failure) {
        if (failure instanceof InvalidInputException e) {
            Responses.json(ctx, 400, Responses.fields("error", "invalid_scenario", "message",
                    "the scenario file is invalid; fix it and try again", "problems", ChaosService.problems(e)));
            return true;
        }
        return Errors.standard(ctx, failure);
    }

    private static Map<String, Object> running(ChaosService.Running r) {
        return Responses.fields("id", r.id(), "scenario", r.scenario(), "namespaces", r.namespaces(), "state", "running",
                "phase", r.phase(), "startedAt", r.startedAt().toString(), "startedBy", r.startedBy(), "trigger", r.trigger(),
                "location", EXPERIMENTS + "/" + r.id());
    }

    private static Map<String, Object> summary(ChaosService.View v) {
        if (v.running() != null) {
            return running(v.running());
        }
        ExperimentStore.Experiment e = v.stored();
        return Responses.fields("id", e.id(), "scenario", e.scenario(), "namespaces", e.namespaces(), "state", e.state(),
                "verdict", e.verdict(), "startedAt", e.startedAt().toString(),
                "finishedAt", e.finishedAt() == null ? null : e.finishedAt().toString(), "startedBy", e.startedBy(),
                "trigger", e.trigger(), "location", EXPERIMENTS + "/" + e.id());
    }
}
