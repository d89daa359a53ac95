package io.smokegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.config.AuthConfig;
import io.smokegate.testing.PostgresCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL pool's series, on the service's own /metrics. */
class PoolMetricsTest {

    @TempDir
    Path root;

    private ApiTestSupport api;

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void thePoolsSeriesAreOnMetricsWithThePoolName() throws Exception {
        api = new ApiTestSupport(root, AuthConfig.NONE, PostgresCluster.shared().newDatabase("poolmetrics"));

        HttpResponse<String> metrics = api.get("/metrics", null);

        assertEquals(200, metrics.statusCode());
        List<String> lines = metrics.body().lines().toList();
        for (String series : List.of("hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
                "hikaricp_connections_max", "hikaricp_connections_timeout_total", "hikaricp_connections_acquire_seconds_count")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(series + "{pool=\"smokegate\"}")), series + " missing");
        }
    }
}
