package io.smokegate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesExactlyWhatTheClientLibraryWritesForEveryMeterKindMicrometerProduces() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("demo.requests").tag("path", "/a\"b\\c\nd").description("Requests\nwith \"quotes\" and \\")
                .register(registry).increment(3);
        Gauge.builder("demo.temperature", () -> -1.5e-7).tag("room", "lab").register(registry);
        Gauge.builder("demo.broken", () -> Double.NaN).register(registry);
        Gauge.builder("demo.build.info", () -> 1).tag("version", "1.2.3").register(registry);
        Gauge.builder("demo.limit", () -> Double.POSITIVE_INFINITY).register(registry);
        Timer timer = Timer.builder("demo.latency").tags("check", "a", "type", "http")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofSeconds(1)).register(registry);
        timer.record(Duration.ofMillis(3));
        timer.record(Duration.ofMillis(700));
        timer.record(Duration.ofSeconds(3));
        Timer.builder("demo.plain").register(registry).record(Duration.ofMillis(12));
        DistributionSummary.builder("demo.sizes").baseUnit("bytes").publishPercentiles(0.5, 0.99)
                .register(registry).record(1024);
        Meter.builder("demo.custom", Meter.Type.OTHER,
                List.of(new Measurement(() -> 42, Statistic.VALUE))).register(registry);

        MetricSnapshots snapshots = registry.getPrometheusRegistry().scrape();
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(reference, snapshots);

        String ours = new String(PrometheusText.write(snapshots), StandardCharsets.UTF_8);
        assertEquals(reference.toString(StandardCharsets.UTF_8), ours);
        assertTrue(ours.contains("demo_latency_seconds_bucket{check=\"a\",type=\"http\",le=\"+Inf\"} 3"), ours);
    }
}
