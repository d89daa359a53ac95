package io.smokegate.server;

import io.smokegate.check.CheckResult;
import io.smokegate.config.Scope;
import io.smokegate.report.JsonReport;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.run.RunTicket;
import io.smokegate.service.RunView;
import io.smokegate.service.RunService;
import io.smokegate.store.AcceptedRun;
import io.smokegate.store.RunPage;
import io.smokegate.store.RunQuery;
import io.smokegate.store.RunSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Starting, watching, listing and cancelling runs. */
final class RunRoutes {

    private static final Set<String> LIST_PARAMS = Set.of("checklist", "status", "since", "until", "limit", "cursor");

    private final RunService service;
    private final Blocking blocking;
    private final Vertx vertx;

    RunRoutes(RunService service, Blocking blocking, Vertx vertx) {
        this.service = service;
        this.blocking = blocking;
        this.vertx = vertx;
    }

    void mount(Router router, BearerAuth auth) {
        router.post("/api/v1/checklists/:name/runs").handler(auth.require(Scope.RUN)).handler(this::start);
        router.get("/api/v1/runs").handler(auth.require(Scope.READ)).handler(this::list);
        router.get("/api/v1/runs/:id").handler(auth.require(Scope.READ)).handler(this::get);
        router.delete("/api/v1/runs/:id").handler(auth.require(Scope.RUN)).handler(this::cancel);
    }

    private void start(RoutingContext ctx) {
        for (String param : ctx.queryParams().names()) {
            if (!param.equals("wait")) {
                Responses.error(ctx, 400, "bad_request", "unknown query parameter '" + param + "' (only wait=true)");
                return;
            }
        }
        String waitParam = ctx.queryParams().get("wait");
        if (waitParam != null && !waitParam.equals("true") && !waitParam.equals("false")) {
            Responses.error(ctx, 400, "bad_request", "wait must be true or false");
            return;
        }
        if (ctx.body().length() > 0 && !ctx.body().asString().isBlank() && !ctx.body().asString().strip().equals("{}")) {
            Responses.error(ctx, 400, "bad_request", "runs take no request body: only checklists stored on the server can run");
            return;
        }
        boolean wait = "true".equals(waitParam);
        blocking.run(ctx, () -> service.start(ctx.pathParam("name"), "api", Caller.of(ctx).name()), ticket -> {
            if (!wait) {
                ctx.response().putHeader("Location", "/api/v1/runs/" + ticket.runId());
                Responses.json(ctx, 202, active(ticket));
                return;
            }
            // The report is rendered while the worker stores it; it is sent once stored.
            Future<byte[]> rendered = Future.fromCompletionStage(ticket.ended(), vertx.getOrCreateContext())
                    .map(report -> Responses.render(JsonReport.of(report)));
            Future<RunReport> stored = Future.fromCompletionStage(ticket.completion(), vertx.getOrCreateContext());
            Future.all(rendered, stored)
                    .onSuccess(both -> Responses.send(ctx, 200, rendered.result()))
                    .onFailure(t -> Responses.internal(ctx, t));
        }, Errors::standard);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + id + "' is not a run id (a UUID)");
            return;
        }
        blocking.run(ctx, () -> service.run(id), view -> {
            if (view.isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no run with id " + id);
            } else {
                Responses.json(ctx, 200, switch (view.get()) {
                    case RunView.Finished finished -> JsonReport.of(finished.report());
                    case RunView.Active active -> active(active.ticket());
                    case RunView.Elsewhere elsewhere -> elsewhere(elsewhere.run());
                });
            }
        }, Errors::standard);
    }

    private void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + id + "' is not a run id (a UUID)");
            return;
        }
        blocking.run(ctx, () -> service.cancel(id, Caller.of(ctx).name()), cancel -> {
            switch (cancel) {
                case CANCELLING -> Responses.json(ctx, 202, Responses.fields("runId", id, "status", "cancelling"));
                case ALREADY_FINISHED -> Responses.error(ctx, 409, "conflict", "run " + id + " has already finished");
                case OWNED_ELSEWHERE -> Responses.error(ctx, 409, "conflict", "run " + id
                        + " belongs to another smokegate replica; cancel it there (GET /api/v1/runs/" + id + " names it)");
            }
        }, Errors::standard);
    }

    private void list(RoutingContext ctx) {
        RunQuery query;
        try {
            query = query(ctx);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String status = ctx.queryParams().get("status");
        if ("queued".equals(status) || "running".equals(status)) {
            List<Object> runs = new ArrayList<>();
            service.activeRuns().stream()
                    .filter(t -> t.state().name().equalsIgnoreCase(status))
                    .filter(t -> query.checklist() == null || t.checklist().name().equals(query.checklist()))
                    .forEach(t -> runs.add(active(t)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runs", runs);
            body.put("next", null);
            Responses.json(ctx, 200, body);
            return;
        }
        blocking.run(ctx, () -> service.runs(query), (RunPage page) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runs", page.runs().stream().map(RunRoutes::summary).toList());
            body.put("next", page.next());
            Responses.json(ctx, 200, body);
        }, Errors::listing);
    }

    private static RunQuery query(RoutingContext ctx) {
        for (String name : ctx.queryParams().names()) {
            if (!LIST_PARAMS.contains(name)) {
                throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: "
                        + String.join(", ", LIST_PARAMS.stream().sorted().toList()) + ")");
            }
        }
        String status = ctx.queryParams().get("status");
        RunStatus runStatus = null;
        if (status != null && !status.equals("queued") && !status.equals("running")) {
            try {
                runStatus = RunStatus.fromLabel(status);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be passed, failed, error, aborted, queued or running");
            }
        }
        int limit = Limits.parse(ctx.queryParams().get("limit"));
        return new RunQuery(ctx.queryParams().get("checklist"), runStatus, instant(ctx, "since"), instant(ctx, "until"),
                limit, ctx.queryParams().get("cursor"));
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    static Map<String, Object> active(RunTicket t) {
        List<CheckResult> done = t.finishedChecks();
        return inProgress(t.runId(), t.checklist().name(), t.state() == RunTicket.State.RUNNING, t.trigger(),
                t.submittedAt(), t.startedAt(), done.size(), t.checklist().checks().size(), JsonReport.checks(done));
    }

    /** A run another replica is running: its progress lives in that replica's memory, so only its state is known. */
    private static Map<String, Object> elsewhere(AcceptedRun run) {
        Map<String, Object> out = inProgress(run.id(), run.checklist(), run.running(), run.trigger(), run.acceptedAt(),
                run.startedAt(), null, run.checks().size(), List.of());
        out.put("replica", run.owner());
        return out;
    }

    private static Map<String, Object> inProgress(String runId, String checklist, boolean running, String trigger,
                                                  Instant submittedAt, Instant startedAt, Integer finished, int total,
                                                  Object checks) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", runId);
        out.put("checklist", checklist);
        out.put("status", running ? "running" : "queued");
        out.put("trigger", trigger);
        out.put("submittedAt", submittedAt.toString());
        out.put("startedAt", startedAt == null ? null : startedAt.toString());
        out.put("progress", Responses.fields("finished", finished, "total", total));
        out.put("checks", checks);
        out.put("links", Map.of("self", "/api/v1/runs/" + runId));
        return out;
    }

    private static Map<String, Object> summary(RunSummary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", s.runId());
        out.put("checklist", s.checklist());
        out.put("status", s.status().label());
        out.put("trigger", s.trigger());
        out.put("startedAt", s.startedAt().toString());
        out.put("durationMs", s.duration().toMillis());
        out.put("summary", Responses.fields("passed", s.passed(), "failed", s.failed(), "error", s.errors(), "skipped", s.skipped()));
        return out;
    }
}
