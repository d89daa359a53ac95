package io.smokegate.cli;

import io.smokegate.metrics.PushgatewayPublisher;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.AfterRun;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code --push-gateway}: how one-shot CLI results reach Prometheus and Grafana. */
final class PushOptions {

    @Option(names = "--push-gateway", paramLabel = "URL",
            description = {"Push the metrics of this run (and gate) to a", "Prometheus Pushgateway, e.g. http://pushgateway:9091"})
    String pushGateway;

    private PushgatewayPublisher publisher;
    private SmokegateMetrics metrics;

    /** Checks the URL; prints the problem and returns false when it is not usable. */
    boolean valid(PrintStream err) {
        try {
            publisher = pushGateway == null ? null : new PushgatewayPublisher(pushGateway);
            return true;
        } catch (IllegalArgumentException e) {
            err.println("error: --push-gateway " + e.getMessage());
            return false;
        }
    }

    /**
     * Adds the push to a command's steps, when there is a Pushgateway: series go into fresh metrics (with
     * {@code recordRun}, the run's own first), which are pushed last.
     */
    AfterRun.Steps addTo(AfterRun.Steps steps, boolean recordRun) {
        if (publisher == null) {
            return steps;
        }
        metrics = new SmokegateMetrics(Cli.version());
        if (recordRun) {
            steps.metrics(metrics::record);
        }
        return steps.push(run -> {
            try {
                publisher.push(metrics, run.checklist());
            } catch (IOException e) {
                throw new IOException("cannot push metrics to " + publisher + ": " + e.getMessage(), e);
            }
        });
    }

    /** Adds what else the push carries (a gate's verdict); nothing without a Pushgateway. */
    void record(Consumer<SmokegateMetrics> more) {
        if (metrics != null) {
            more.accept(metrics);
        }
    }

    /** Prints why the push failed, if it did; a failed push turns a pass into 3. */
    static int exitCode(AfterRun.Outcome outcome, int code, PrintStream err) {
        if (outcome.notPushed().isEmpty()) {
            return code;
        }
        err.println("error: " + outcome.notPushed().get().getMessage());
        return code == ExitCode.PASSED ? ExitCode.UNREACHABLE : code;
    }
}
