package io.smokegate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.chaos.ChaosMesh;
import io.smokegate.chaos.ChaosResources;
import io.smokegate.chaos.ChaosScenario;
import io.smokegate.chaos.ChaosScenarioLoader;
import io.smokegate.chaos.ChaosSettings;
import io.smokegate.chaos.ExperimentControl;
import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentRunner;
import io.smokegate.chaos.Owner;
import io.smokegate.chaos.OwnerLiveness;
import io.smokegate.chaos.Sweeper;
import io.smokegate.chaos.report.ChaosJson;
import io.smokegate.chaos.report.ChaosReport;
import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.kube.Clusters;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.Durations;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.SafeYaml;
import io.smokegate.kube.KubeConfigException;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.KubeUnreachableException;
import io.smokegate.report.ReportFormat;
import io.smokegate.report.TextReport;
import io.smokegate.slo.PrometheusClient;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Chaos experiments with Chaos Mesh.",
            "Steady state, fault, verify, recover, and never a fault left behind."})
final class ChaosCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(10);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: chaos needs a subcommand: run, list, sweep or abort (see smokegate chaos --help)");
        return ExitCode.INVALID;
    }

    /** The cluster to talk to: {@code --kubeconfig} and {@code --context}, as kubectl takes them. */
    static final class ClusterOptions {
        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file (instead of KUBECONFIG).")
        Path kubeconfig;

        @Option(names = "--context", paramLabel = "NAME", description = "The context to use (default: the current context).")
        String context;

        /** A check context whose Kubernetes clients use these options. */
        CheckContext checkContext() {
            CheckContext context = CheckContext.standalone(Path.of(System.getenv().getOrDefault("SMOKEGATE_DATA_DIR", "./data")));
            return context.with(KubeSettings.class, KubeSettings.defaults().withKubeconfig(kubeconfig));
        }

        ChaosMesh mesh(CheckContext checks, ChaosSettings settings) {
            return new ChaosMesh(Clusters.of(checks).cluster(context), settings);
        }
    }

    /** A cluster command's failure as its exit code: 2 for a kubeconfig problem, 3 when the cluster does not answer. */
    private static int failed(KubeException e, PrintStream err) {
        err.println("error: " + e.getMessage());
        return e instanceof KubeConfigException ? ExitCode.INVALID
                : e instanceof KubeUnreachableException ? ExitCode.UNREACHABLE : ExitCode.FAILED;
    }

    /** What {@code list} and {@code sweep} show: one namespace or all, as text or JSON. */
    static final class Listing {
        @Option(names = "--namespace", paramLabel = "NAME", description = "Only this namespace (default: all).")
        String namespace;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        boolean valid(PrintStream err) {
            boolean known = List.of("text", "json").contains(format.toLowerCase(Locale.ROOT));
            if (!known) {
                err.println("error: --format: unknown format '" + TextReport.oneLine(format) + "'; use text or json");
            }
            return known;
        }

        boolean json() {
            return format.equalsIgnoreCase("json");
        }
    }

    private static void printJson(Object value, PrintStream out) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a chaos scenario and print its report.",
                "Preflight, steady state, inject the Chaos Mesh faults",
                "(spec.duration always set), runs under the fault, removal,",
                "recovery.",
                "Progress goes to stderr (not with -q). Ctrl-C or SIGTERM aborts:",
                "the faults are still removed before the process ends.",
                "--dry-run prints the exact objects it would create as YAML",
                "for kubectl apply (JSON with --format json) and, when the",
                "cluster answers, runs the preflight and a server-side dry-run",
                "create."},
            footer = {"", "Exit codes: 0 the objectives held (a dry run: everything passed),",
                "1 they did not, 2 invalid scenario or flags (file:line:col), 3 the",
                "cluster unreachable, preflight failed or a fault could not be",
                "removed (see the manual steps)."})
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SCENARIO",
                description = "A scenario file (kind: ChaosScenario), or the name of one in chaos-scenarios/.")
        String scenarioArg;

        @Option(names = "--dry-run", description = "Print the objects it would create; create nothing.")
        boolean dryRun;

        @Mixin
        ClusterOptions cluster;

        @Mixin
        ReportOptions report;

        @Option(names = "--allow-namespace", paramLabel = "NS",
                description = {"A namespace experiments may target (repeatable; default:",
                    "those annotated chaos-mesh.org/inject=enabled)."})
        List<String> allowNamespaces;

        @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "30m",
                description = "The longest an experiment and its faults may last (default: ${DEFAULT-VALUE}).")
        String maxDuration;

        @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus for the scenario's promql: objectives.")
        String prometheus;

        @Option(names = "--checklists", paramLabel = "DIR", defaultValue = "checklists",
                description = "Where the scenario's spec.checklist is looked up (default: ${DEFAULT-VALUE}).")
        Path checklists;

        // Waits of the engine; hidden: for tests against the fake cluster, not for operators.
        @Option(names = "--inject-timeout", hidden = true, defaultValue = "60s")
        String injectTimeout;

        @Option(names = "--removal-timeout", hidden = true, defaultValue = "60s")
        String removalTimeout;

        @Option(names = "--removal-deadline", hidden = true, defaultValue = "5m")
        String removalDeadline;

        @Option(names = "--poll", hidden = true, defaultValue = "1s")
        String poll;

        private final PrintStream out;
        private final PrintStream err;

        Run(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (!report.valid(err)) {
                return ExitCode.INVALID;
            }
            ChaosSettings settings = settings();
            if (settings == null) {
                return ExitCode.INVALID;
            }
            PrometheusClient client = null;
            if (prometheus != null && !prometheus.isBlank()) {
                try {
                    client = new PrometheusClient(PrometheusClient.parseUrl(prometheus), PROMETHEUS_TIMEOUT);
                } catch (IllegalArgumentException e) {
                    err.println("error: --prometheus " + e.getMessage());
                    return ExitCode.INVALID;
                }
            }
            ChaosScenario scenario;
            try {
                ChecklistLoader loader = new ChecklistLoader(CheckRegistry.standard(), System::getenv);
                scenario = new ChaosScenarioLoader(new ChecklistCatalog(checklists, loader), new SafeYaml()).load(scenarioFile());
            } catch (InvalidInputException e) {
                Inputs.print(e, err);
                return ExitCode.INVALID;
            }
            ExperimentRunner.Start start = ExperimentRunner.Start.now(System.getProperty("user.name", "unknown") + "@"
                    + Owner.thisCli().host(), "cli", Owner.thisCli());
            try (CheckContext checks = cluster.checkContext()) {
                ChaosMesh mesh;
                try {
                    mesh = cluster.mesh(checks, settings);
                } catch (KubeConfigException e) {
                    if (dryRun) {
                        return printDryRun(scenario, start, settings,
                                List.of(new PreflightResult("cluster", false, e.getMessage())));
                    }
                    return failed(e, err);
                }
                ExperimentRunner runner = new ExperimentRunner(mesh, checks, client, settings, Clock.systemUTC(), run -> { });
                if (dryRun) {
                    return printDryRun(scenario, start, settings, runner.dryRun(scenario, start));
                }
                ExperimentControl control = new ExperimentControl();
                ExperimentRunner.Listener progress = report.quiet ? ExperimentRunner.Listener.NONE : new ExperimentRunner.Listener() {
                    @Override
                    public void progress(String experimentId, String line) {
                        err.println("chaos " + experimentId + ": " + TextReport.oneLine(line));
                    }
                };
                return ForegroundRun.guarded(() -> control.abort("interrupted by signal"),
                        settings.removalDeadline().plusSeconds(10), () -> {
                            ExperimentReport done = runner.run(scenario, start, control, progress);
                            boolean written = report.write(stream -> ChaosReport.write(done, report.format(), stream), out, err);
                            return written ? exitCode(done) : Math.max(exitCode(done), ExitCode.UNREACHABLE);
                        });
            }
        }

        static int exitCode(ExperimentReport report) {
            return switch (report.verdict()) {
                case PASS -> ExitCode.PASSED;
                case FAIL -> ExitCode.FAILED;
                case ERROR -> ExitCode.UNREACHABLE;
            };
        }

        /** The file named, or {@code chaos-scenarios/NAME.yaml} for a bare name that is no file. */
        private Path scenarioFile() {
            Path given = Path.of(scenarioArg);
            Path named = Path.of("chaos-scenarios", scenarioArg + ".yaml");
            return !Files.exists(given) && !scenarioArg.contains("/") && Files.isRegularFile(named) ? named : given;
        }

        private ChaosSettings settings() {
            List<Duration> durations = new ArrayList<>();
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("--max-duration", maxDuration);
            flags.put("--inject-timeout", injectTimeout);
            flags.put("--removal-timeout", removalTimeout);
            flags.put("--removal-deadline", removalDeadline);
            flags.put("--poll", poll);
            for (Map.Entry<String, String> flag : flags.entrySet()) {
                Optional<Duration> d = Durations.parse(flag.getValue()).filter(x -> !x.isZero() && !x.isNegative());
                if (d.isEmpty()) {
                    err.println("error: " + flag.getKey() + ": '" + TextReport.oneLine(flag.getValue())
                            + "' is not a positive duration; " + Durations.EXAMPLES);
                    return null;
                }
                durations.add(d.get());
            }
            return ChaosSettings.defaults().withAllowedNamespaces(allowNamespaces == null ? List.of() : allowNamespaces)
                    .withMaxDuration(durations.get(0))
                    .withTimings(durations.get(1), durations.get(2), durations.get(3), durations.get(4));
        }

        /** The objects as kubectl-appliable YAML (or JSON with the preflight); 0 when everything passed, else 3. */
        private int printDryRun(ChaosScenario scenario, ExperimentRunner.Start start, ChaosSettings settings,
                                List<PreflightResult> preflight) {
            List<Object> objects = ExperimentRunner.resources(scenario, start, settings).stream()
                    .map(r -> (Object) JSON.convertValue(r, Map.class)).toList();
            boolean passed = preflight.stream().allMatch(PreflightResult::passed);
            boolean written = report.write(stream -> {
                if (report.format() == ReportFormat.JSON) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("scenario", scenario.name());
                    doc.put("resources", objects);
                    doc.put("preflight", ChaosJson.preflight(preflight));
                    stream.write((JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    stream.write(yaml(objects).getBytes(StandardCharsets.UTF_8));
                }
            }, out, err);
            if (report.format() != ReportFormat.JSON) {
                for (PreflightResult p : preflight) {
                    err.println((p.passed() ? "ok: " : "FAILED: ") + p.check() + ": " + TextReport.oneLine(p.message()));
                }
            }
            return written && passed ? ExitCode.PASSED : ExitCode.UNREACHABLE;
        }

        /** Multi-document YAML, block style, as kubectl apply -f takes it. */
        static String yaml(List<Object> objects) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setExplicitStart(true);
            return new Yaml(options).dumpAll(objects.iterator());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the Chaos Mesh objects smokegate created.",
                "Those labelled app.kubernetes.io/managed-by=smokegate: experiment,",
                "scenario, object, owner and whether it still runs, age, conditions."},
            footer = {"", "Exit codes: 0 listed, 2 invalid flags or kubeconfig, 3 the cluster",
                "could not be reached."})
    static final class ListObjects implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Mixin
        Listing listing;

        private final PrintStream out;
        private final PrintStream err;

        ListObjects(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (!listing.valid(err)) {
                return ExitCode.INVALID;
            }
            OwnerLiveness liveness = OwnerLiveness.fromThisHost(replica -> Optional.empty());
            try (CheckContext checks = cluster.checkContext()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (GenericKubernetesResource r : cluster.mesh(checks, ChaosSettings.defaults()).managed(listing.namespace)) {
                    Map<String, String> labels = r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
                    Map<String, String> annotations = r.getMetadata().getAnnotations() == null ? Map.of()
                            : r.getMetadata().getAnnotations();
                    String owner = annotations.get(ChaosResources.OWNER_ANNOTATION);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("experiment", labels.getOrDefault(ChaosResources.EXPERIMENT_LABEL, ""));
                    row.put("scenario", labels.getOrDefault(ChaosResources.SCENARIO_LABEL, ""));
                    row.put("kind", r.getKind());
                    row.put("namespace", r.getMetadata().getNamespace());
                    row.put("name", r.getMetadata().getName());
                    row.put("owner", owner);
                    row.put("owner alive", Owner.parse(owner).map(liveness::of).map(s -> s.name().toLowerCase(Locale.ROOT))
                            .orElse("dead"));
                    String created = r.getMetadata().getCreationTimestamp();
                    row.put("age", created == null ? "" : Durations.format(Duration.ofSeconds(
                            Duration.between(Instant.parse(created), Instant.now()).toSeconds())));
                    Map<String, Boolean> conditions = new LinkedHashMap<>();
                    ChaosMesh.conditions(r).forEach((type, c) -> conditions.put(type, c.status()));
                    row.put("conditions", conditions);
                    rows.add(row);
                }
                if (listing.json()) {
                    printJson(rows, out);
                } else if (rows.isEmpty()) {
                    out.println("no chaos objects of smokegate" + (listing.namespace == null ? "" : " in " + listing.namespace));
                } else {
                    for (Map<String, Object> row : rows) {
                        out.println(row.get("experiment") + "  " + row.get("scenario") + "  " + row.get("kind") + " "
                                + row.get("namespace") + "/" + row.get("name") + "  owner " + TextReport.oneLine(String.valueOf(
                                row.get("owner"))) + " (" + row.get("owner alive") + ")  age " + row.get("age") + "  "
                                + row.get("conditions"));
                    }
                }
                return ExitCode.PASSED;
            } catch (KubeException e) {
                return failed(e, err);
            }
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = {"Remove chaos objects whose owner is gone.",
                "The owner is the process that created them (a killed chaos run,",
                "a crashed serve); objects of live experiments are left alone."},
            footer = {"", "Exit codes: 0 nothing orphaned is left, 1 a removal failed (the",
                "manual steps are printed), 2 invalid flags or kubeconfig, 3 the",
                "cluster could not be reached."})
    static final class Sweep implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Mixin
        Listing listing;

        private final PrintStream out;
        private final PrintStream err;

        Sweep(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (!listing.valid(err)) {
                return ExitCode.INVALID;
            }
            try (CheckContext checks = cluster.checkContext()) {
                ChaosSettings settings = ChaosSettings.defaults();
                List<Sweeper.Swept> swept = new Sweeper(cluster.mesh(checks, settings), settings,
                        OwnerLiveness.fromThisHost(replica -> Optional.empty()), Clock.systemUTC()).sweep(listing.namespace);
                printSwept(swept, listing.json(), out);
                return swept.stream().anyMatch(s -> s.decision() == Sweeper.Decision.FAILED) ? ExitCode.FAILED : ExitCode.PASSED;
            } catch (KubeException e) {
                return failed(e, err);
            }
        }
    }

    /** Each decision on one line, or a JSON array of {kind, namespace, name, experiment, owner, decision, removal, message}. */
    static void printSwept(List<Sweeper.Swept> swept, boolean json, PrintStream out) {
        if (json) {
            printJson(swept.stream().map(s -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kind", s.kind());
                row.put("namespace", s.namespace());
                row.put("name", s.name());
                row.put("experiment", s.experiment());
                row.put("owner", s.owner());
                row.put("decision", s.decision().name().toLowerCase(Locale.ROOT));
                row.put("removal", s.removal() == null ? null : s.removal().name().toLowerCase(Locale.ROOT));
                row.put("message", s.message());
                return row;
            }).toList(), out);
            return;
        }
        for (Sweeper.Swept s : swept) {
            out.println(s.decision().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "  " + s.kind() + " " + s.namespace()
                    + "/" + s.name() + "  experiment " + s.experiment() + "  " + TextReport.oneLine(s.message()));
        }
        long removed = swept.stream().filter(s -> s.decision() == Sweeper.Decision.REMOVED).count();
        out.println(Plural.count(swept.size(), "object") + " looked at, " + removed + " removed");
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = {"Abort an experiment by deleting its Chaos Mesh objects.",
                "Those labelled smokegate.io/experiment=ID, wherever it runs. Its",
                "own process sees the fault gone and ends with an error."},
            footer = {"", "Exit codes: 0 removed, 1 no object of that experiment or a removal",
                "failed, 2 invalid flags or kubeconfig, 3 the cluster could not be",
                "reached."})
    static final class Abort implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "The experiment id (from the report or chaos list).")
        String id;

        @Mixin
        ClusterOptions cluster;

        private final PrintStream out;
        private final PrintStream err;

        Abort(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            try (CheckContext checks = cluster.checkContext()) {
                ChaosSettings settings = ChaosSettings.defaults();
                List<Sweeper.Swept> removed = new Sweeper(cluster.mesh(checks, settings), settings,
                        OwnerLiveness.fromThisHost(replica -> Optional.empty()), Clock.systemUTC()).abort(id);
                if (removed.isEmpty()) {
                    err.println("error: no chaos object of experiment " + TextReport.oneLine(id) + " in the cluster"
                            + " (see smokegate chaos list)");
                    return ExitCode.FAILED;
                }
                printSwept(removed, false, out);
                return removed.stream().anyMatch(s -> s.decision() == Sweeper.Decision.FAILED) ? ExitCode.FAILED : ExitCode.PASSED;
            } catch (KubeException e) {
                return failed(e, err);
            }
        }
    }
}
