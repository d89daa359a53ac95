package io.smokegate.config;

import io.smokegate.input.Durations;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import io.smokegate.kube.KubeConfigException;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.Kubeconfig;
import io.smokegate.slo.PrometheusClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the service configuration file and applies {@code SMOKEGATE_*} environment overrides.
 * <pre>
 * server:    {host: 0.0.0.0, port: 8080, maxRequestBytes: 64KiB, idleTimeout: 30s, requestReadTimeout: 30s,
 *             maxConnections: 10000}     # maxConnections: derived from the open-file limit when absent
 * checklists: ./checklists
 * dataDir:   ./data
 * database:  {url: jdbc:postgresql://db/smokegate, user: smokegate, passwordFile: /run/secrets/db}
 * api:       {tokenFile: /run/secrets/api-token}      # the simple setup: one token, every scope
 * auth:      {anonymousRead: false, tokens: [{name: ci, file: ci-token, scopes: [read, run]}]}
 * runs:      {maxConcurrent: 2, queueCapacity: 16, shutdownGrace: 30s}
 * prometheus: {url: http://prometheus:9090}
 * kubernetes: {kubeconfig: ~/.kube/config, contexts: [staging, prod], callTimeout: 10s}
 * techdebt:  {schedule: {every: 1h}, repos: [./manifests], contexts: [prod], chartRepos: [https://charts.example.com],
 *             targetVersion: v1.32, thresholds: {deprecatedApiFiles: 10}}      # see TechDebtSection
 * chaos:     {enabled: true, scenarios: ./chaos-scenarios, allowedNamespaces: [demo], maxDuration: 30m,
 *             controllerNamespace: chaos-mesh, kubeContext: staging}             # see ChaosSection
 * attribution: {services: {checkout: {repository: ./shop, paths: [services/checkout/**]}}}  # see AttributionSection
 * leaderElection: {mode: auto, leaseName: smokegate-leader, leaseDuration: 15s}  # see LeaderElectionSection

 * </pre>
 * Secrets come from files or the environment, not from the file itself, so the file can live in Git.
 */
public final class ConfigLoader {

    static final Set<String> KUBERNETES_FIELDS = Set.of("kubeconfig", "contexts", "callTimeout");
    static final Duration MIN_KUBE_CALL_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_KUBE_CALL_TIMEOUT = Duration.ofMinutes(10);
    private static final String ENV_KUBECONFIG = "SMOKEGATE_KUBERNETES_KUBECONFIG";
    private static final String ENV_CONTEXTS = "SMOKEGATE_KUBERNETES_CONTEXTS";
    private static final String ENV_CALL_TIMEOUT = "SMOKEGATE_KUBERNETES_CALL_TIMEOUT";
    /** Keys of the positions of the Kubernetes settings: the kubeconfig, and each allowed context by name. */
    private static final String KUBECONFIG = "kubeconfig";
    private static final String CONTEXT = "context:";

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public AppConfig load(Path file) throws InvalidInputException {
        AppConfig c = AppConfig.defaults();
        Map<String, Position> where = new HashMap<>();
        if (file != null) {
            c = fromFile(file, c, where);
        }
        c = fromEnv(c, where);
        checkKubernetes(c.kubernetes(), c.techdebt().contexts(), where);
        TechDebtSection.checkRepos(c.techdebt(), where);
        checkLeaderElection(c, where);
        return c;
    }

    /** The advisory lock needs PostgreSQL: with the embedded SQLite there is one replica and nothing to elect. */
    private static void checkLeaderElection(AppConfig c, Map<String, Position> where) throws InvalidInputException {
        if (c.leaderElection().mode() == LeaderElectionConfig.Mode.POSTGRES && !LeaderElectionConfig.isPostgres(c.databaseUrl())) {
            throw new InvalidInputException(new Problem(where.getOrDefault(LeaderElectionSection.MODE,
                    Position.of(LeaderElectionSection.MODE)), "leaderElection.mode: postgres needs a PostgreSQL database, "
                    + "but the database is " + (c.databaseUrl() == null ? "the embedded SQLite" : "not PostgreSQL"),
                    "set database.url (or SMOKEGATE_DATABASE_URL) to a jdbc:postgresql: URL, or use mode auto or none"));
        }
    }

    /**
     * @param where filled with the positions of the Kubernetes settings, for the problems of checking them
     *              against the kubeconfig once the environment has had its say too
     */
    private AppConfig fromFile(Path file, AppConfig d, Map<String, Position> where) throws InvalidInputException {
        Node root = new SafeYaml(256 * 1024).read(file);
        YamlReader r = new YamlReader(file.toString());
        Mapping top = r.mapping(root, "");
        r.throwIfProblems();
        top.allowOnly(Set.of("server", "checklists", "dataDir", "database", "api", "auth", "runs", "prometheus", "kubernetes",
                "techdebt", "chaos", "attribution", "leaderElection"));
        String host = d.host();
        int port = d.port();
        long maxRequestBytes = d.maxRequestBytes();
        ConnectionLimits connections = d.connections();
        Mapping server = section(r, top, "server",
                Set.of("host", "port", "maxRequestBytes", "idleTimeout", "requestReadTimeout", "maxConnections"));
        if (server != null) {
            host = string(r, server, "host", host);
            port = server.has("port") ? orElse(r.integer(server.get("port"), "server.port", 0, 65535), port) : port;
            maxRequestBytes = server.has("maxRequestBytes")
                    ? orElse(r.size(server.get("maxRequestBytes"), "server.maxRequestBytes", 16L * 1024 * 1024), maxRequestBytes)
                    : maxRequestBytes;
            connections = connections(r, server, connections);
        }
        Path checklists = top.has("checklists") ? path(r, top.get("checklists"), "checklists", file) : d.checklistsDir();
        Path dataDir = top.has("dataDir") ? path(r, top.get("dataDir"), "dataDir", file) : d.dataDir();
        String url = d.databaseUrl();
        String user = d.databaseUser();
        String password = d.databasePassword();
        Mapping db = section(r, top, "database", Set.of("url", "user", "passwordFile"));
        if (db != null) {
            url = string(r, db, "url", url);
            user = string(r, db, "user", user);
            password = db.has("passwordFile") ? secretFile(r, db.get("passwordFile"), "database.passwordFile", file) : password;
        }
        Mapping api = section(r, top, "api", Set.of("tokenFile"));
        Node tokenFile = api == null ? null : api.get("tokenFile");
        String token = tokenFile == null ? null : secretFile(r, tokenFile, "api.tokenFile", file);
        AuthConfig auth = AuthSection.read(r, section(r, top, "auth", AuthSection.FIELDS), file, env, token, tokenFile);
        int maxConcurrent = d.maxConcurrentRuns();
        int queue = d.queueCapacity();
        Duration grace = d.shutdownGrace();
        Mapping runs = section(r, top, "runs", Set.of("maxConcurrent", "queueCapacity", "shutdownGrace"));
        if (runs != null) {
            maxConcurrent = runs.has("maxConcurrent") ? orElse(r.integer(runs.get("maxConcurrent"), "runs.maxConcurrent", 1, 64), maxConcurrent) : maxConcurrent;
            queue = runs.has("queueCapacity") ? orElse(r.integer(runs.get("queueCapacity"), "runs.queueCapacity", 1, 10_000), queue) : queue;
            grace = runs.has("shutdownGrace")
                    ? orElse(r.duration(runs.get("shutdownGrace"), "runs.shutdownGrace", Duration.ZERO, Duration.ofMinutes(30)), grace)
                    : grace;
        }
        String prometheus = d.prometheusUrl();
        Mapping prom = section(r, top, "prometheus", Set.of("url"));
        if (prom != null && prom.has("url")) {
            String text = r.string(prom.get("url"), "prometheus.url");
            try {
                prometheus = text == null ? null : PrometheusClient.parseUrl(text).toString();
            } catch (IllegalArgumentException e) {
                r.problem(prom.get("url"), "prometheus.url: " + e.getMessage());
            }
        }
        KubeSettings kubernetes = kubernetes(r, section(r, top, "kubernetes", KUBERNETES_FIELDS), d.kubernetes(), file, where);
        TechDebtSettings techdebt = TechDebtSection.read(r, section(r, top, "techdebt", TechDebtSection.FIELDS), d.techdebt(),
                file, where);
        ChaosConfig chaos = ChaosSection.read(r, section(r, top, "chaos", ChaosSection.FIELDS), d.chaos(), file);
        AttributionConfig attribution = AttributionSection.read(r, section(r, top, "attribution", AttributionSection.FIELDS),
                d.attribution(), file);
        LeaderElectionConfig leader = LeaderElectionSection.read(r, section(r, top, "leaderElection",
                LeaderElectionSection.FIELDS), d.leaderElection(), where);
        r.throwIfProblems();
        return new AppConfig(host, port, checklists, dataDir, url, user, password, auth, maxConcurrent, queue, grace,
                maxRequestBytes, connections, prometheus, kubernetes, techdebt, chaos, attribution, leader);
    }

    private static KubeSettings kubernetes(YamlReader r, Mapping m, KubeSettings d, Path file, Map<String, Position> where) {
        if (m == null) {
            return d;
        }
        KubeSettings s = d;
        if (m.has("kubeconfig")) {
            Path kubeconfig = path(r, m.get("kubeconfig"), "kubernetes.kubeconfig", file);
            if (kubeconfig != null) {
                s = s.withKubeconfig(kubeconfig);
                where.put(KUBECONFIG, r.position(m.get("kubeconfig")));
            }
        }
        List<String> names = m.has("contexts") ? contexts(r, m.get("contexts"), "kubernetes.contexts", where, CONTEXT) : null;
        if (names != null) {
            s = s.withAllowedContexts(names);
        }
        if (m.has("callTimeout")) {
            Duration timeout = r.duration(m.get("callTimeout"), "kubernetes.callTimeout", MIN_KUBE_CALL_TIMEOUT, MAX_KUBE_CALL_TIMEOUT);
            s = timeout == null ? s : s.withCallTimeout(timeout);
        }
        return s;
    }

    /**
     * A list of context names ({@code field}); each name's position goes to {@code where} under {@code key + name}.
     * Null when it is no list of strings.
     */
    static List<String> contexts(YamlReader r, Node node, String field, Map<String, Position> where, String key) {
        List<String> names = r.strings(node, field);
        if (names == null) {
            return null;
        }
        List<Node> items = r.sequence(node, field);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank()) {
                r.problem(items.get(i), field + "[" + i + "]: a context name cannot be empty");
            }
            where.putIfAbsent(key + names.get(i), r.position(items.get(i)));
        }
        return names;
    }

    private AppConfig fromEnv(AppConfig c, Map<String, Position> where) throws InvalidInputException {
        String port = env.apply("SMOKEGATE_PORT");
        int p = c.port();
        if (port != null) {
            try {
                p = Integer.parseInt(port.trim());
                if (p < 0 || p > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException(Problem.at(Position.of("SMOKEGATE_PORT"), "'" + port + "' is not a port number"));
            }
        }
        return new AppConfig(
                envOr("SMOKEGATE_HOST", c.host()),
                p,
                Path.of(envOr("SMOKEGATE_CHECKLISTS", c.checklistsDir().toString())),
                Path.of(envOr("SMOKEGATE_DATA_DIR", c.dataDir().toString())),
                envOr("SMOKEGATE_DATABASE_URL", c.databaseUrl()),
                envOr("SMOKEGATE_DATABASE_USER", c.databaseUser()),
                envOr("SMOKEGATE_DATABASE_PASSWORD", c.databasePassword()),
                AuthSection.withEnvironment(c.auth(), env),
                c.maxConcurrentRuns(), c.queueCapacity(), c.shutdownGrace(), c.maxRequestBytes(), c.connections(),
                prometheusUrl(env.apply("SMOKEGATE_PROMETHEUS_URL"), c.prometheusUrl()),
                kubernetesFromEnv(c.kubernetes(), where),
                TechDebtSection.withEnvironment(c.techdebt(), env, where),
                c.chaos(), c.attribution(), c.leaderElection());
    }

    private KubeSettings kubernetesFromEnv(KubeSettings c, Map<String, Position> where) throws InvalidInputException {
        KubeSettings s = c;
        String kubeconfig = envOr(ENV_KUBECONFIG, null);
        if (kubeconfig != null) {
            s = s.withKubeconfig(Path.of(kubeconfig.strip()));
            where.put(KUBECONFIG, Position.of(ENV_KUBECONFIG));
        }
        String contexts = envOr(ENV_CONTEXTS, null);
        if (contexts != null) {
            List<String> names = Arrays.stream(contexts.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
            where.keySet().removeIf(key -> key.startsWith(CONTEXT));
            names.forEach(name -> where.put(CONTEXT + name, Position.of(ENV_CONTEXTS)));
            s = s.withAllowedContexts(names);
        }
        String timeout = envOr(ENV_CALL_TIMEOUT, null);
        if (timeout != null) {
            Duration d = Durations.parse(timeout.strip()).orElse(null);
            if (d == null || d.compareTo(MIN_KUBE_CALL_TIMEOUT) < 0 || d.compareTo(MAX_KUBE_CALL_TIMEOUT) > 0) {
                throw new InvalidInputException(Problem.at(Position.of(ENV_CALL_TIMEOUT), "'" + timeout
                        + "' is not a duration from " + Durations.format(MIN_KUBE_CALL_TIMEOUT) + " to "
                        + Durations.format(MAX_KUBE_CALL_TIMEOUT)));
            }
            s = s.withCallTimeout(d);
        }
        return s;
    }

    /**
     * Refuses at start what would otherwise fail every cluster check or tech-debt scan later: an explicit kubeconfig
     * that is not there, an allowed context the kubeconfig does not define, and a context to scan for tech debt that
     * is not allowed or not defined. Without contexts the kubeconfig is not read here: a server without cluster
     * checks never needs one.
     */
    private void checkKubernetes(KubeSettings s, List<String> techdebtContexts, Map<String, Position> where)
            throws InvalidInputException {
        if (s.kubeconfig().isPresent() && !Files.isRegularFile(s.kubeconfig().get())) {
            throw new InvalidInputException(Problem.at(where.getOrDefault(KUBECONFIG, Position.of("kubernetes.kubeconfig")),
                    "kubernetes.kubeconfig: " + s.kubeconfig().get() + " does not exist or is not a file"));
        }
        List<Problem> problems = new ArrayList<>();
        Function<String, Position> scanned = name -> where.getOrDefault(TechDebtSection.CONTEXT + name, Position.of("techdebt.contexts"));
        for (String name : techdebtContexts) {
            if (!s.allowedContexts().isEmpty() && !s.allowedContexts().contains(name)) {
                problems.add(new Problem(scanned.apply(name), "techdebt.contexts: context '" + name + "' is not among kubernetes.contexts",
                        "allowed: " + String.join(", ", s.allowedContexts())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (s.allowedContexts().isEmpty() && techdebtContexts.isEmpty()) {
            return;
        }
        Function<String, Position> at = name -> where.getOrDefault(CONTEXT + name, Position.of("kubernetes.contexts"));
        // Allowed contexts first, then those to scan: with an allowed list, every context to scan is in it already.
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        s.allowedContexts().forEach(name -> fields.put(name, "kubernetes.contexts"));
        techdebtContexts.forEach(name -> fields.putIfAbsent(name, "techdebt.contexts"));
        Function<String, Position> position = name -> fields.get(name).equals("kubernetes.contexts") ? at.apply(name) : scanned.apply(name);
        Kubeconfig kubeconfig;
        try {
            kubeconfig = Kubeconfig.load(s, new KubeEnvironment(env::apply, Path.of(System.getProperty("user.home")),
                    KubeEnvironment.POD_SERVICE_ACCOUNT_DIR));
        } catch (KubeConfigException e) {
            String first = fields.keySet().iterator().next();
            throw new InvalidInputException(Problem.at(position.apply(first), fields.get(first) + ": " + e.getMessage()));
        }
        for (Map.Entry<String, String> context : fields.entrySet()) {
            try {
                kubeconfig.resolve(context.getKey(), List.of());
            } catch (KubeConfigException e) {
                problems.add(Problem.at(position.apply(context.getKey()), context.getValue() + ": " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static ConnectionLimits connections(YamlReader r, Mapping server, ConnectionLimits d) {
        int max = server.has("maxConnections")
                ? orElse(r.integer(server.get("maxConnections"), "server.maxConnections", 1, 1_000_000), d.maxConnections())
                : d.maxConnections();
        return new ConnectionLimits(timeout(r, server, "idleTimeout", d.idleTimeout()),
                timeout(r, server, "requestReadTimeout", d.requestReadTimeout()), max);
    }

    private static Duration timeout(YamlReader r, Mapping m, String key, Duration fallback) {
        return m.has(key) ? orElse(r.duration(m.get(key), m.path(key), Duration.ofSeconds(1), Duration.ofHours(1)), fallback) : fallback;
    }

    private static String prometheusUrl(String fromEnv, String fallback) throws InvalidInputException {
        if (fromEnv == null || fromEnv.isBlank()) {
            return fallback;
        }
        try {
            return PrometheusClient.parseUrl(fromEnv).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Problem.at(Position.of("SMOKEGATE_PROMETHEUS_URL"), e.getMessage()));
        }
    }

    private String envOr(String name, String fallback) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Mapping section(YamlReader r, Mapping top, String name, Set<String> allowed) {
        Node node = top.get(name);
        if (node == null) {
            return null;
        }
        Mapping m = r.mapping(node, name);
        if (m != null) {
            m.allowOnly(allowed);
        }
        return m;
    }

    private static String string(YamlReader r, Mapping m, String key, String fallback) {
        return m.has(key) ? orElse(r.string(m.get(key), m.path(key)), fallback) : fallback;
    }

    /** Relative paths in the file are relative to the file, so a config works from any working directory. */
    static Path path(YamlReader r, Node node, String field, Path file) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        Path p = Path.of(text);
        Path base = file.toAbsolutePath().getParent();
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    static String secretFile(YamlReader r, Node node, String field, Path file) {
        Path p = path(r, node, field, file);
        if (p == null) {
            return null;
        }
        try {
            String secret = Files.readString(p, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                r.problem(node, field + ": " + p + " is empty");
                return null;
            }
            return secret;
        } catch (IOException e) {
            r.problem(node, field + ": cannot read " + p + ": " + e.getMessage());
            return null;
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
