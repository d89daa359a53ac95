package io.smokegate.server;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.smokegate.alerts.AlertReceiver;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.ConnectionLimits;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.schedule.Scheduler;
import io.smokegate.service.AnalysisService;
import io.smokegate.service.AttributionService;
import io.smokegate.service.AuditTrail;
import io.smokegate.service.ChaosService;
import io.smokegate.service.GateService;
import io.smokegate.service.ReadinessService;
import io.smokegate.service.RunService;
import io.smokegate.service.ScheduleService;
import io.smokegate.service.TechDebtService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The HTTP server: routes per resource, each guarded by the token scope it needs, one JSON error shape. */
public final class ApiServer {

    private static final int MAX_REQUEST_LINE = 8192;
    private static final int MAX_HEADERS = 16 * 1024;

    private final Vertx vertx;
    private final Router router;
    private final ConnectionGuard connections;
    private volatile boolean stopping;
    private HttpServer server;

    public ApiServer(Vertx vertx, RunService runs, ScheduleService schedules, ReadinessService readiness,
                     GateService gates, AlertReceiver alerts, AuditTrail audit, Scheduler scheduler, TechDebtService techdebt,
                     ChaosService chaos, AttributionService attribution, AnalysisService analyses,
                     SmokegateMetrics metrics, AuthConfig authConfig, long maxRequestBytes, ConnectionLimits limits) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        this.connections = new ConnectionGuard(limits);
        Blocking blocking = new Blocking(vertx);
        BearerAuth auth = new BearerAuth(authConfig);
        router.route().handler(connections::request);
        router.route().handler(ApiServer::readFormsAsTheyAre);
        router.route().handler(ApiServer::headLikeGet);
        router.route().handler(auth);
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxRequestBytes).setHandleFileUploads(false));
        new HealthRoutes(readiness, metrics, blocking, () -> stopping).mount(router);
        new ChecklistRoutes(runs, blocking).mount(router, auth);
        new RunRoutes(runs, blocking, vertx).mount(router, auth);
        new ScheduleRoutes(schedules, scheduler, blocking).mount(router, auth);
        GateRoutes gateRoutes = new GateRoutes(gates, blocking, vertx);
        gateRoutes.mount(router, auth);
        new FlaggerRoutes(gateRoutes).mount(router, auth);
        new AnalysisRoutes(analyses, blocking).mount(router, auth);
        new AlertRoutes(alerts, blocking).mount(router, auth);
        new AuditRoutes(audit, blocking).mount(router, auth);
        new TechDebtRoutes(techdebt, blocking).mount(router, auth);
        new ChaosRoutes(chaos, blocking).mount(router, auth);
        new AttributionRoutes(attribution, blocking, java.time.Clock.systemUTC()).mount(router, auth);
        byte[] openApi = resource("/openapi.yaml");
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").end(io.vertx.core.buffer.Buffer.buffer(openApi)));
        router.errorHandler(404, ctx -> Responses.error(ctx, 404, "not_found",
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + " (see /api/v1/openapi.yaml)"));
        router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method_not_allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> Responses.error(ctx, 413, "payload_too_large",
                "request body is larger than " + maxRequestBytes + " bytes"));
        router.errorHandler(400, ctx -> Responses.error(ctx, 400, "bad_request", "malformed request"));
        router.errorHandler(500, ctx -> Responses.internal(ctx, ctx.failure()));
        // BodyHandler fails with "200" when the request breaks off mid-body (the client went away, or its read
        // deadline closed the connection): nobody is left to answer, and it is no server error to log as one.
        router.errorHandler(200, ctx -> { });
        // HEAD is GET without the body, which Vert.x leaves out (see headLikeGet for its length).
        for (Route r : router.getRoutes()) {
            if (r.methods() != null && r.methods().contains(HttpMethod.GET)) {
                r.method(HttpMethod.HEAD);
            }
        }
    }

    /**
     * Every body the API takes is JSON, whatever Content-Type says. A form type (curl -d's default) would make
     * Vert.x decode the body as form fields, which failed as "malformed request" beyond 8 KB: drop it and read
     * the bytes as they are.
     */
    private static void readFormsAsTheyAre(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/form-data")) {
                ctx.request().headers().remove(HttpHeaders.CONTENT_TYPE);
            }
        }
        ctx.next();
    }

    /** HEAD must announce the length GET would send; Vert.x drops the body of a HEAD answer and its length with it. */
    private static void headLikeGet(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.HEAD) {
            HttpServerResponse response = ctx.response();
            // When the head is written, the whole body has been handed over: every answer here ends with one buffer.
            ctx.addHeadersEndHandler(v -> {
                if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && !response.isChunked()) {
                    response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(response.bytesWritten()));
                }
            });
        }
        ctx.next();
    }

    /** Requests Vert.x cannot parse get the one error shape too; the connection then closes (its bytes are out of step). */
    private static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            Responses.error(request.response(), 414, "uri_too_long",
                    "the request line (method, path and query) is longer than " + MAX_REQUEST_LINE + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            Responses.error(request.response(), 431, "headers_too_large",
                    "the request headers are larger than " + MAX_HEADERS + " bytes");
        } else {
            Responses.error(request.response(), 400, "bad_request", "malformed HTTP request");
        }
        request.connection().close();
    }

    /** Method and path of every route, so a test can hold the OpenAPI document to them. */
    java.util.List<String> routes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            if (r.getPath() != null && r.methods() != null) {
                // HEAD answers every GET route; the document says so once instead of listing it for each.
                r.methods().stream().filter(m -> !m.equals(HttpMethod.HEAD)).forEach(m -> out.add(m.name() + " " + r.getPath()));
            }
        }
        return out;
    }

    public Future<Integer> listen(String host, int port) {
        // No h2c: Java's HttpClient asks to upgrade every first GET, and about one upgraded exchange in four
        // then stalled past the client's own timeout (measured: 3 of 12). Every client speaks HTTP/1.1.
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                        .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS).setHttp2ClearTextEnabled(false))
                .connectionHandler(connections::accept)
                .invalidRequestHandler(ApiServer::invalidRequest)
                .requestHandler(router)
                .listen()
                .map(s -> {
                    server = s;
                    return s.actualPort();
                });
    }

    /** Open connections at most: {@code server.maxConnections}, or derived from the open-file limit. */
    public int maxConnections() {
        return connections.maxConnections();
    }

    /** Readiness answers 503 from now on, so load balancers move away before the listener closes. */
    public void markStopping() {
        stopping = true;
    }

    /** Stops listening; requests in flight get {@code graceSeconds} to finish. */
    public Future<Void> stop(long graceSeconds) {
        stopping = true;
        return server == null ? Future.succeededFuture() : server.shutdown(graceSeconds, TimeUnit.SECONDS);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
