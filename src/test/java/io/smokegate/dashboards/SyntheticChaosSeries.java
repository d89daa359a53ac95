package io.smokegate.dashboards;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A /metrics endpoint on loopback with the chaos series of a replica that ran experiments, for the live dashboard test:
 * a chaos experiment needs a cluster with Chaos Mesh and minutes, so the test scrapes this beside the real service.
 * The names and labels are those of io.smokegate.metrics; counters grow by one each scrape so that increase() sees
 * experiments, injections and sweeps. Scenario demo is under way with its fault in place; proxy-latency held its
 * objectives during the fault at 75 % and recovered in 12.5 s; sumdb-loss did not recover (NaN).
 */
final class SyntheticChaosSeries implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger scrapes = new AtomicInteger();

    SyntheticChaosSeries() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = text(scrapes.incrementAndGet(), System.currentTimeMillis() / 1000).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** host:port for a scrape config. */
    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static String text(int n, long nowSeconds) {
        return """
                # TYPE smokegate_chaos_experiments_active gauge
                smokegate_chaos_experiments_active{scenario="demo"} 1
                smokegate_chaos_experiments_active{scenario="proxy-latency"} 0
                # TYPE smokegate_chaos_fault_active gauge
                smokegate_chaos_fault_active{scenario="demo"} 1
                smokegate_chaos_fault_active{scenario="proxy-latency"} 0
                # TYPE smokegate_chaos_experiment_deadline_timestamp_seconds gauge
                smokegate_chaos_experiment_deadline_timestamp_seconds{scenario="demo"} %2$d
                # TYPE smokegate_chaos_experiments_total counter
                smokegate_chaos_experiments_total{scenario="proxy-latency",verdict="pass"} %1$d
                smokegate_chaos_experiments_total{scenario="sumdb-loss",verdict="fail"} %1$d
                # TYPE smokegate_chaos_injections_total counter
                smokegate_chaos_injections_total{scenario="proxy-latency",result="injected"} %1$d
                smokegate_chaos_injections_total{scenario="sumdb-loss",result="skipped"} %1$d
                # TYPE smokegate_chaos_recovery_seconds gauge
                smokegate_chaos_recovery_seconds{scenario="proxy-latency"} 12.5
                smokegate_chaos_recovery_seconds{scenario="sumdb-loss"} NaN
                # TYPE smokegate_chaos_resilience_score gauge
                smokegate_chaos_resilience_score{scenario="proxy-latency"} 0.875
                smokegate_chaos_resilience_score{scenario="sumdb-loss"} 0.5
                # TYPE smokegate_chaos_phase_success_ratio gauge
                smokegate_chaos_phase_success_ratio{scenario="proxy-latency",phase="steadyState"} 1
                smokegate_chaos_phase_success_ratio{scenario="proxy-latency",phase="during"} 0.75
                smokegate_chaos_phase_success_ratio{scenario="proxy-latency",phase="recovery"} 1
                # TYPE smokegate_chaos_orphans_swept_total counter
                smokegate_chaos_orphans_swept_total{result="removed"} %1$d
                smokegate_chaos_orphans_swept_total{result="failed"} 0
                # TYPE smokegate_chaos_orphans_left gauge
                smokegate_chaos_orphans_left 0
                """.formatted(n, nowSeconds + 120);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
