package io.smokegate.testing;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x HTTPS server on 127.0.0.1 that speaks the HTTP versions it is given over ALPN: HTTP/2 (h2) and/or
 * HTTP/1.1, the way Go proxies and most servers in front of them negotiate.
 */
public final class H2Server implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private H2Server(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Serves {@code handler} with {@code identity}'s certificate, offering {@code versions} (in preference order). */
    public static H2Server start(Certificates.Identity identity, List<HttpVersion> versions,
                                 Handler<HttpServerRequest> handler) {
        Vertx vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setSsl(true)
                .setUseAlpn(true)
                .setAlpnVersions(versions)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(identity.certificatePem()))
                        .setKeyValue(Buffer.buffer(identity.pkcs8KeyPem())));
        try {
            HttpServer server = vertx.createHttpServer(options).requestHandler(handler).listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new H2Server(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot start the HTTP/2 test server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
