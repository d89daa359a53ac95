package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.config.Scope;
import io.smokegate.input.Durations;
import io.smokegate.report.AnalysisJson;
import io.smokegate.run.RunIds;
import io.smokegate.service.AnalysisService;
import io.smokegate.store.AnalysisStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Analyses over a window: {@code POST /api/v1/analyses} starts one (202, it runs in the background), {@code GET} shows
 * one with its measurements so far and lists them, {@code DELETE} aborts one. Starting and aborting need the
 * {@code run} scope, reading {@code read}.
 */
final class AnalysisRoutes {

    static final String ANALYSES = "/api/v1/analyses";
    private static final Set<String> START_FIELDS = Set.of("checklist", "for", "interval", "failureLimit",
            "inconclusiveLimit", "failOnWarning");
    private static final Set<String> LIST_PARAMS = Set.of("checklist", "limit", "cursor");
    private static final String EXAMPLE = "{\"checklist\": \"shop\", \"for\": \"15m\", \"interval\": \"1m\"}";

    private final AnalysisService service;
    private final Blocking blocking;

    AnalysisRoutes(AnalysisService service, Blocking blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.post(ANALYSES).handler(auth.require(Scope.RUN)).handler(this::start);
        router.get(ANALYSES).handler(auth.require(Scope.READ)).handler(this::list);
        router.get(ANALYSES + "/:id").handler(auth.require(Scope.READ)).handler(this::get);
        router.delete(ANALYSES + "/:id").handler(auth.require(Scope.RUN)).handler(this::abort);
    }

    private void start(RoutingContext ctx) {
        AnalysisSpec spec;
        try {
            spec = spec(JsonBodies.object(ctx, START_FIELDS, EXAMPLE));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> service.start(spec, Caller.of(ctx).name()), started -> {
            ctx.response().putHeader("Location", ANALYSES + "/" + started.id());
            Responses.send(ctx, 202, json(started));
        }, Errors::standard);
    }

    /** The spec a request body asks for; field-named IllegalArgumentExceptions for what is wrong. */
    static AnalysisSpec spec(JsonNode body) {
        String checklist = JsonBodies.text(body, "checklist");
        if (checklist == null || checklist.isBlank()) {
            throw new IllegalArgumentException("checklist is required: the name of the checklist to gate, e.g. " + EXAMPLE);
        }
        return new AnalysisSpec(checklist, duration(body, "for"), duration(body, "interval"), limit(body, "failureLimit"),
                limit(body, "inconclusiveLimit"), flag(body, "failOnWarning"));
    }

    private static Duration duration(JsonNode body, String field) {
        String text = JsonBodies.text(body, field);
        if (text == null) {
            throw new IllegalArgumentException(field + " is required: a duration such as 15m; " + Durations.EXAMPLES);
        }
        return GateRoutes.window(field + ":", text);
    }

    /** A limit: a whole number, 0 when absent; negative ones are refused by the spec with its own message. */
    private static int limit(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(field + ": must be a whole number of measurements, not " + v);
        }
        return v.intValue();
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + ": must be true or false, not " + v);
        }
        return v.booleanValue();
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!validId(ctx, id)) {
            return;
        }
        blocking.run(ctx, () -> service.find(id).map(AnalysisRoutes::json), found -> {
            if (found.isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no analysis with id " + id);
            } else {
                Responses.send(ctx, 200, found.get());
            }
        }, Errors::standard);
    }

    private void list(RoutingContext ctx) {
        int limit;
        try {
            for (String name : ctx.queryParams().names()) {
                if (!LIST_PARAMS.contains(name)) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: checklist, cursor, limit)");
                }
            }
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        String checklist = ctx.queryParams().get("checklist");
        String cursor = ctx.queryParams().get("cursor");
        blocking.run(ctx, () -> {
            AnalysisStore.Page page = service.list(checklist, limit, cursor);
            return AnalysisJson.page(page.analyses(), page.next());
        }, body -> Responses.send(ctx, 200, body), Errors::listing);
    }

    private void abort(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!validId(ctx, id)) {
            return;
        }
        blocking.run(ctx, () -> json(service.abort(id, Caller.of(ctx).name())), body -> Responses.send(ctx, 202, body),
                Errors::standard);
    }

    /** An analysis's document, written where the database was read: up to 1,000 measurements, not on the event loop. */
    private static byte[] json(Analysis analysis) {
        return AnalysisJson.document(analysis).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean validId(RoutingContext ctx, String id) {
        if (!RunIds.isValid(id)) {
            Responses.error(ctx, 400, "bad_request", "'" + id + "' is not an analysis id (a UUID)");
            return false;
        }
        return true;
    }
}
