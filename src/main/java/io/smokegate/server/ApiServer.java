package io.smokegate.server;

import io.smokegate.config.AuthConfig;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.schedule.Scheduler;
import io.smokegate.service.AlertReceiver;
import io.smokegate.service.GateService;
import io.smokegate.service.SmokegateService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** The HTTP server: routes per resource, each guarded by the token scope it needs, one JSON error shape. */
public final class ApiServer {

    private final Vertx vertx;
    private final Router router;
    private volatile boolean stopping;
    private HttpServer server;

    public ApiServer(Vertx vertx, SmokegateService service, GateService gates, AlertReceiver alerts, Scheduler scheduler,
                     SmokegateMetrics metrics, AuthConfig authConfig, long maxRequestBytes) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        Blocking blocking = new Blocking(vertx);
        BearerAuth auth = new BearerAuth(authConfig);
        router.route().handler(auth);
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxRequestBytes).setHandleFileUploads(false));
        new HealthRoutes(service, metrics, blocking, () -> stopping).mount(router);
        new ChecklistRoutes(service, blocking).mount(router, auth);
        new RunRoutes(service, blocking, vertx).mount(router, auth);
        new ScheduleRoutes(service, scheduler, blocking).mount(router, auth);
        new GateRoutes(gates, blocking, vertx).mount(router, auth);
        new AlertRoutes(alerts, blocking).mount(router, auth);
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
    }

    /** Method and path of every route, so a test can hold the OpenAPI document to them. */
    java.util.List<String> routes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            if (r.getPath() != null && r.methods() != null) {
                r.methods().forEach(m -> out.add(m.name() + " " + r.getPath()));
            }
        }
        return out;
    }

    public Future<Integer> listen(String host, int port) {
        // No h2c: Java's HttpClient asks to upgrade every first GET, and about one upgraded exchange in four
        // then stalled past the client's own timeout (measured: 3 of 12). Every client speaks HTTP/1.1.
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                        .setMaxInitialLineLength(8192).setMaxHeaderSize(16 * 1024).setHttp2ClearTextEnabled(false))
                .requestHandler(router)
                .listen()
                .map(s -> {
                    server = s;
                    return s.actualPort();
                });
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
