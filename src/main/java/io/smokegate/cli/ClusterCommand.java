package io.smokegate.cli;

import io.smokegate.input.Durations;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeConfigException;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.KubeUnreachableException;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Kubernetes connection tools.")
final class ClusterCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: cluster needs a subcommand: info (see smokegate cluster --help)");
        return ExitCode.INVALID;
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Show each context's API server, its version and whether it answers.",
                "Contexts are found like kubectl finds them: --kubeconfig, else",
                "KUBECONFIG (a list, merged), else ~/.kube/config; in a pod,",
                "'in-cluster' is the pod's own cluster."},
            footer = {"", "Exit codes: 0 every context answered, 1 an API server answered with",
                "an error (401 or 403), 2 no or invalid kubeconfig, or an unknown context,",
                "3 an API server could not be reached in time."})
    static final class Info implements Callable<Integer> {

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file (instead of KUBECONFIG).")
        Path kubeconfig;

        @Option(names = "--context", paramLabel = "NAME",
                description = "A context to check (repeatable; default: the current context).")
        List<String> contexts;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
                description = "The most one request may take, connecting included (default: ${DEFAULT-VALUE}).")
        String timeout;

        private final PrintStream out;
        private final PrintStream err;

        Info(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        private record Row(String context, String server, String version, String reachable, KubeException failure) {
        }

        @Override
        public Integer call() {
            Optional<Duration> callTimeout = Durations.parse(timeout).filter(d -> !d.isZero());
            if (callTimeout.isEmpty()) {
                err.println("error: --timeout: '" + timeout + "' is not a positive duration; " + Durations.EXAMPLES);
                return ExitCode.INVALID;
            }
            KubeSettings settings = KubeSettings.defaults().withKubeconfig(kubeconfig).withCallTimeout(callTimeout.get());
            Vertx[] vertx = new Vertx[1];
            try (KubeClients clients = KubeClients.fromEnvironment(settings, () -> vertx[0] = Vertx.vertx())) {
                List<KubeCluster> clusters = new ArrayList<>();
                try {
                    List<String> names = contexts == null || contexts.isEmpty() ? List.of("")
                            : List.copyOf(new LinkedHashSet<>(contexts));
                    for (String name : names) {
                        clusters.add(clients.cluster(name));
                    }
                } catch (KubeConfigException e) {
                    err.println("error: " + e.getMessage());
                    return ExitCode.INVALID;
                }
                List<Row> rows = probe(clusters);
                print(rows);
                boolean unreachable = rows.stream().anyMatch(r -> r.failure() instanceof KubeUnreachableException);
                boolean failed = rows.stream().anyMatch(r -> r.failure() != null);
                rows.stream().filter(r -> r.failure() != null).forEach(r -> err.println("error: " + r.failure().getMessage()));
                return unreachable ? ExitCode.UNREACHABLE : failed ? ExitCode.FAILED : ExitCode.PASSED;
            } finally {
                if (vertx[0] != null) {
                    vertx[0].close().await();
                }
            }
        }

        /** Asks every server at once, so several unreachable ones cost one timeout, not one each. */
        private static List<Row> probe(List<KubeCluster> clusters) {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Row>> answers = new ArrayList<>();
                for (KubeCluster cluster : clusters) {
                    answers.add(threads.submit(() -> {
                        try {
                            return new Row(cluster.context(), cluster.server(), cluster.serverVersion(), "yes", null);
                        } catch (KubeUnreachableException e) {
                            return new Row(cluster.context(), cluster.server(), "-", "no", e);
                        } catch (KubeException e) {
                            return new Row(cluster.context(), cluster.server(), "-", "yes", e);
                        }
                    }));
                }
                List<Row> rows = new ArrayList<>();
                for (Future<Row> answer : answers) {
                    rows.add(answer.get());
                }
                return rows;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        private void print(List<Row> rows) {
            int contextWidth = Math.max("CONTEXT".length(), rows.stream().mapToInt(r -> r.context().length()).max().orElse(0));
            int serverWidth = Math.max("SERVER".length(), rows.stream().mapToInt(r -> r.server().length()).max().orElse(0));
            int versionWidth = Math.max("VERSION".length(), rows.stream().mapToInt(r -> r.version().length()).max().orElse(0));
            String format = "%-" + contextWidth + "s   %-" + serverWidth + "s   %-" + versionWidth + "s   %s%n";
            out.printf(format, "CONTEXT", "SERVER", "VERSION", "REACHABLE");
            rows.forEach(r -> out.printf(format, r.context(), r.server(), r.version(), r.reachable()));
        }
    }
}
