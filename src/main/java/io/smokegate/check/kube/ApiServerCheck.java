package io.smokegate.check.kube;

import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.input.Durations;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.text.Plural;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The prepared {@code kube.apiserver} check; see {@link ApiServerCheckType}. */
final class ApiServerCheck implements KubeCheck.Body {

    /** The latency limits; null where none is set. */
    record Thresholds(Duration maxP50, Duration maxP95, Duration maxP99) {
    }

    private static final String READYZ = "/readyz";
    // One line per check in the verbose answer (k8s.io/apiserver/pkg/server/healthz): "[-]etcd failed: reason withheld".
    private static final Pattern FAILED_CHECK = Pattern.compile("(?m)^\\[-\\](\\S+) failed");
    private static final Pattern CHECK_LINE = Pattern.compile("(?m)^\\[[+-]\\]\\S+");

    private final int requests;
    private final String path;
    private final KubeOp op;
    private final Thresholds limits;
    private final boolean readyz;

    ApiServerCheck(int requests, String path, KubeOp op, Thresholds limits, boolean readyz) {
        this.requests = requests;
        this.path = path;
        this.op = op;
        this.limits = limits;
        this.readyz = readyz;
    }

    @Override
    public Outcome run(KubeCluster cluster, Probe probe) {
        Duration timeout = Clusters.of(probe.context()).settings().callTimeout();
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            if (probe.deadline().expired()) {
                return Outcome.fail("the check's timeout of " + Durations.format(probe.deadline().budget()) + " ran out after "
                        + i + " of " + Plural.count(requests, "request") + " to " + path);
            }
            nanos[i] = cluster.call(op, c -> {
                RawGet.Answer answer = RawGet.get(c, path, timeout);
                if (!answer.ok()) {
                    throw RawGet.failure(c, answer);
                }
                return answer.nanos();
            });
        }
        Arrays.sort(nanos);
        long p50 = quantile(nanos, 0.50);
        long p95 = quantile(nanos, 0.95);
        long p99 = quantile(nanos, 0.99);
        probe.measure(KubeFamily.APISERVER_LATENCY, p50 / 1e9, "0.5");
        probe.measure(KubeFamily.APISERVER_LATENCY, p95 / 1e9, "0.95");
        probe.measure(KubeFamily.APISERVER_LATENCY, p99 / 1e9, "0.99");
        probe.detail("path", path);
        probe.detail("requests", requests);
        probe.detail("p50Ms", millis(p50));
        probe.detail("p95Ms", millis(p95));
        probe.detail("p99Ms", millis(p99));
        List<String> failures = new ArrayList<>();
        exceeds(failures, "p50", p50, limits.maxP50(), "maxP50");
        exceeds(failures, "p95", p95, limits.maxP95(), "maxP95");
        exceeds(failures, "p99", p99, limits.maxP99(), "maxP99");
        String latency = Plural.count(requests, "request") + " to " + path + ": p50 " + format(p50) + ", p95 " + format(p95)
                + ", p99 " + format(p99);
        String health = "";
        if (readyz) {
            Readyz ready = readyz(cluster, timeout);
            probe.detail("readyzChecks", ready.checks());
            probe.detail("readyzFailed", ready.failed());
            probe.measure(KubeFamily.APISERVER_READYZ_FAILED, ready.failed().size());
            if (!ready.failed().isEmpty()) {
                failures.add("/readyz lists " + ready.failed().size() + " failed: " + String.join(", ", ready.failed()));
            }
            health = "; /readyz: " + ready.checks() + " checks ok";
        }
        if (!failures.isEmpty()) {
            probe.detail("failures", List.copyOf(failures));
            return Outcome.fail(String.join("; ", failures) + " (" + latency + ")");
        }
        return Outcome.pass(latency + health);
    }

    private record Readyz(int checks, List<String> failed) {
    }

    /** The API server's own readiness checks; an error answer without the list fails as any error answer does. */
    private static Readyz readyz(KubeCluster cluster, Duration timeout) {
        return cluster.call(KubeOp.path("get", READYZ), c -> {
            RawGet.Answer answer = RawGet.get(c, READYZ + "?verbose", timeout);
            List<String> failed = new ArrayList<>();
            Matcher m = FAILED_CHECK.matcher(answer.body());
            while (m.find()) {
                failed.add(m.group(1));
            }
            if (!answer.ok() && failed.isEmpty()) {
                throw RawGet.failure(c, answer);
            }
            return new Readyz((int) CHECK_LINE.matcher(answer.body()).results().count(), List.copyOf(failed));
        });
    }

    /** Nearest-rank quantile of sorted values. */
    static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static void exceeds(List<String> failures, String name, long nanos, Duration limit, String param) {
        if (limit != null && nanos > limit.toNanos()) {
            failures.add(name + " " + format(nanos) + " exceeds " + param + " " + Durations.format(limit));
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static String format(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
