package io.smokegate.cli;

import io.smokegate.metrics.PushgatewayPublisher;
import io.smokegate.metrics.SmokegateMetrics;
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

    /** Pushes what {@code record} puts into fresh metrics; a failed push turns a pass into 3. */
    int push(String checklist, Consumer<SmokegateMetrics> record, int code, PrintStream err) {
        if (publisher == null) {
            return code;
        }
        SmokegateMetrics metrics = new SmokegateMetrics(Cli.version());
        record.accept(metrics);
        try {
            publisher.push(metrics, checklist);
            return code;
        } catch (IOException e) {
            err.println("error: cannot push metrics to " + publisher + ": " + e.getMessage());
            return code == ExitCode.PASSED ? ExitCode.UNREACHABLE : code;
        }
    }
}
