package io.smokegate.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback for checks to probe: {@code /ok} answers 200 "ok", {@code /fail} 500,
 * {@code /sleep/<ms>} answers after that many milliseconds, {@code /json/<text>} answers {@code {"value": "<text>"}}
 * (a JSON document whose value a URL chooses, e.g. per Kubernetes context). Counts the requests it served.
 */
public final class TargetServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public TargetServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body = "ok";
            if (path.equals("/fail")) {
                status = 500;
                body = "broken on purpose";
            } else if (path.startsWith("/sleep/")) {
                try {
                    Thread.sleep(Long.parseLong(path.substring("/sleep/".length())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (path.startsWith("/json/") && path.substring("/json/".length()).matches("[\\w.-]+")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                body = "{\"value\": \"" + path.substring("/json/".length()) + "\"}";
            } else if (!path.equals("/ok")) {
                status = 404;
                body = "not found";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
