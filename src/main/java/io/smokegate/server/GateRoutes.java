package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.config.Scope;
import io.smokegate.input.Durations;
import io.smokegate.report.JsonReport;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.service.GateService;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.Verdict;
import io.smokegate.store.VerdictStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Release gates: {@code POST /api/v1/gates} with {@code {"checklist": NAME}} (run it now) or
 * {@code {"runId": ID}} (a stored run) answers the run report with its SLO and verdict: 200 for pass,
 * warning and fail alike (the verdict is in the body), 503 when Prometheus could not be asked.
 */
final class GateRoutes {

    private static final Set<String> FIELDS = Set.of("checklist", "runId", "window");

    private final GateService gates;
    private final Blocking blocking;
    private final Vertx vertx;

    GateRoutes(GateService gates, Blocking blocking, Vertx vertx) {
        this.gates = gates;
        this.blocking = blocking;
        this.vertx = vertx;
    }

    void mount(Router router, BearerAuth auth) {
        router.post("/api/v1/gates").handler(auth.require(Scope.RUN)).handler(this::gate);
        router.get("/api/v1/gates").handler(auth.require(Scope.READ)).handler(this::list);
        router.get("/api/v1/gates/:id").handler(auth.require(Scope.READ)).handler(this::get);
    }

    private void gate(RoutingContext ctx) {
        String checklist;
        String runId;
        Duration window;
        try {
            JsonNode body = JsonBodies.object(ctx, FIELDS, "{\"checklist\": \"goproxy-public\"}");
            checklist = JsonBodies.text(body, "checklist");
            runId = JsonBodies.text(body, "runId");
            if ((checklist == null) == (runId == null)) {
                throw new IllegalArgumentException("give exactly one of checklist (run it now) and runId (a stored run)");
            }
            if (runId != null && !RunIds.isValid(runId)) {
                throw new IllegalArgumentException("runId '" + runId + "' is not a run id (a UUID)");
            }
            window = window("window", JsonBodies.text(body, "window"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        if (runId != null) {
            blocking.run(ctx, () -> gates.judgeStored(runId, window, Caller.of(ctx).name()), judged -> answer(ctx, judged.run(), judged.verdict()),
                    Errors::standard);
            return;
        }
        gateNow(ctx, checklist, window, Map.of(), (run, verdict) -> answer(ctx, run, verdict));
    }

    /** A release window given as {@code field}: null when absent, else a duration of at least a second. */
    static Duration window(String field, String text) {
        return text == null ? null : Durations.parse(text).filter(d -> d.toSeconds() >= 1)
                .orElseThrow(() -> new IllegalArgumentException(field + " '" + text
                        + "' is not a duration of at least 1s; " + Durations.EXAMPLES));
    }

    /**
     * Runs {@code checklist} now for the caller, waits for the run without blocking and judges it; {@code answer}
     * gets the run and its stored verdict, failures get the {@link Errors#standard} answers.
     *
     * @param about recorded with the audit event of the verdict
     */
    void gateNow(RoutingContext ctx, String checklist, Duration window, Map<String, String> about,
                 BiConsumer<RunReport, Verdict> answer) {
        String caller = Caller.of(ctx).name();
        blocking.run(ctx, () -> gates.start(checklist, caller), started ->
                Future.fromCompletionStage(started.ticket().completion(), vertx.getOrCreateContext()).onComplete(ran -> {
                    if (ran.failed()) {
                        Responses.internal(ctx, ran.cause());
                        return;
                    }
                    blocking.run(ctx, () -> gates.judge(started.checklist(), ran.result(), window, caller, about),
                            verdict -> answer.accept(ran.result(), verdict), Errors::standard);
                }), Errors::standard);
    }

    private static void answer(RoutingContext ctx, RunReport run, Verdict verdict) {
        ctx.response().putHeader("Location", "/api/v1/gates/" + verdict.id());
        Responses.json(ctx, verdict.result() == GateResult.ERROR ? 503 : 200, JsonReport.of(run, verdict));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + id + "' is not a verdict id (a UUID)");
            return;
        }
        blocking.run(ctx, () -> gates.verdict(id), stored -> {
            if (stored.isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no verdict with id " + id);
            } else {
                ctx.response().putHeader("Content-Type", "application/json").setStatusCode(200).end(stored.get().document());
            }
        }, Errors::standard);
    }

    private void list(RoutingContext ctx) {
        int limit;
        try {
            for (String name : ctx.queryParams().names()) {
                if (!name.equals("checklist") && !name.equals("limit")) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: checklist, limit)");
                }
            }
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String checklist = ctx.queryParams().get("checklist");
        blocking.run(ctx, () -> gates.verdicts(checklist, limit), verdicts -> Responses.json(ctx, 200,
                Map.of("gates", verdicts.stream().map(GateRoutes::summary).toList())), Errors::standard);
    }

    private static Map<String, Object> summary(VerdictStore.Stored v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("checklist", v.checklist());
        out.put("runId", v.runId());
        out.put("result", v.result().label());
        out.put("score", v.result() == GateResult.ERROR ? null : Math.round(v.score() * 100) / 100.0);
        out.put("evaluatedAt", v.evaluatedAt().toString());
        return out;
    }
}
