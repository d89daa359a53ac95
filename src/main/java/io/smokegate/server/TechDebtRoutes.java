package io.smokegate.server;

import io.smokegate.config.Scope;
import io.smokegate.service.NotFoundException;
import io.smokegate.service.TechDebtService;
import io.smokegate.store.TechDebtStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tech debt: {@code GET /api/v1/techdebt} (the latest scan with its offending objects), {@code POST
 * /api/v1/techdebt/scans} (scan now, or join the running scan) and {@code GET /api/v1/techdebt/scans} (figures over
 * time).
 */
final class TechDebtRoutes {

    static final String LATEST = "/api/v1/techdebt";
    private static final Set<String> SCAN_PARAMS = Set.of("from", "to", "limit");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,12}");

    private final TechDebtService service;
    private final Blocking blocking;

    TechDebtRoutes(TechDebtService service, Blocking blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    void mount(Router router, BearerAuth auth) {
        router.get(LATEST).handler(auth.require(Scope.READ)).handler(this::latest);
        router.post("/api/v1/techdebt/scans").handler(auth.require(Scope.RUN)).handler(this::scan);
        router.get("/api/v1/techdebt/scans").handler(auth.require(Scope.READ)).handler(this::scans);
    }

    private void latest(RoutingContext ctx) {
        // The document as the scan wrote it (the CLI's --format json), without its final newline: send adds one.
        blocking.run(ctx, service::latest, document -> Responses.send(ctx, 200,
                document.stripTrailing().getBytes(StandardCharsets.UTF_8)), Errors::standard);
    }

    private void scan(RoutingContext ctx) {
        TechDebtService.Requested requested;
        try {
            requested = service.scanNow();
        } catch (NotFoundException | io.smokegate.run.RunRejectedException e) {
            Errors.standard(ctx, e);
            return;
        }
        ctx.response().putHeader("Location", LATEST);
        Responses.json(ctx, 202, Responses.fields("status", "running", "joined", requested.joined(),
                "trigger", requested.trigger().label(), "startedAt", requested.startedAt().toString(), "latest", LATEST));
    }

    private void scans(RoutingContext ctx) {
        Instant from;
        Instant to;
        int limit;
        try {
            for (String name : ctx.queryParams().names()) {
                if (!SCAN_PARAMS.contains(name)) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "' (known: from, limit, to)");
                }
            }
            from = instant(ctx, "from");
            to = instant(ctx, "to");
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
            }
            limit = Limits.parse(ctx.queryParams().get("limit"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        blocking.run(ctx, () -> service.figures(from, to, limit), points -> Responses.json(ctx, 200,
                Responses.fields("scans", points.stream().map(TechDebtRoutes::point).toList())), Errors::standard);
    }

    private static Object point(TechDebtStore.Point p) {
        return Responses.fields("scannedAt", p.scannedAt().toString(), "figures", p.figures(), "partial", p.partial());
    }

    /** An ISO-8601 time with its offset, or Unix seconds: what people paste and what Grafana's $__from / 1000 gives. */
    private static Instant instant(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return null;
        }
        try {
            return EPOCH_SECONDS.matcher(text).matches() ? Instant.ofEpochSecond(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 time such as 2026-01-31T12:00:00Z or Unix "
                    + "seconds such as 1769860800");
        }
    }
}
