package io.smokegate.config;

import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.Durations;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import io.smokegate.schedule.Schedule;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.TechDebtFigures;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.techdebt.helm.ChartRepositories;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code techdebt} section and its {@code SMOKEGATE_TECHDEBT_*} overrides:
 * <pre>
 * techdebt:
 *   schedule: {every: 1h}                 # or {cron: "0 6 * * 1-5", timezone: Europe/Berlin}; default every 1h
 *   repos: [./manifests, /srv/git/platform]
 *   contexts: [staging, prod]
 *   chartRepos: [https://charts.example.com]
 *   helmNamespaces: [shop, payments]      # where Helm release records are read; default every namespace
 *   targetVersion: v1.32                  # or a list: [v1.32, cert-manager=v1.14]
 *   thresholds: {helmOutdatedRatio: 0.3, statefulSetsWithoutPdb: 0, deprecatedApiFiles: 10}
 * </pre>
 * An environment variable replaces the file's value as a whole; lists are comma-separated.
 */
final class TechDebtSection {

    static final Set<String> FIELDS = Set.of("schedule", "repos", "contexts", "chartRepos", "helmNamespaces", "targetVersion", "thresholds");
    static final String ENV_SCHEDULE = "SMOKEGATE_TECHDEBT_SCHEDULE";
    static final String ENV_REPOS = "SMOKEGATE_TECHDEBT_REPOS";
    static final String ENV_CONTEXTS = "SMOKEGATE_TECHDEBT_CONTEXTS";
    static final String ENV_CHART_REPOS = "SMOKEGATE_TECHDEBT_CHART_REPOS";
    static final String ENV_HELM_NAMESPACES = "SMOKEGATE_TECHDEBT_HELM_NAMESPACES";
    static final String ENV_TARGET_VERSION = "SMOKEGATE_TECHDEBT_TARGET_VERSION";
    static final String ENV_THRESHOLDS = "SMOKEGATE_TECHDEBT_THRESHOLDS";
    /** Keys of positions: each repo by path and each context by name, for the problems of checking them at start. */
    static final String REPO = "techdebt.repo:";
    static final String CONTEXT = "techdebt.context:";

    private TechDebtSection() {
    }

    /** The section over {@code d}; problems go to the reader, positions of repos and contexts to {@code where}. */
    static TechDebtSettings read(YamlReader r, Mapping m, TechDebtSettings d, Path file, Map<String, Position> where) {
        if (m == null) {
            return d;
        }
        TechDebtSettings s = d;
        if (m.has("schedule")) {
            Schedule schedule = ChecklistLoader.schedule(r, m.get("schedule"), "techdebt.schedule");
            s = schedule == null ? s : s.withSchedule(schedule);
        }
        List<Node> repoNodes = m.has("repos") ? r.sequence(m.get("repos"), "techdebt.repos") : null;
        if (repoNodes != null) {
            List<Path> repos = new ArrayList<>();
            for (int i = 0; i < repoNodes.size(); i++) {
                Path repo = ConfigLoader.path(r, repoNodes.get(i), "techdebt.repos[" + i + "]", file);
                if (repo != null) {
                    repos.add(repo);
                    where.putIfAbsent(REPO + repo, r.position(repoNodes.get(i)));
                }
            }
            s = s.withRepos(repos);
        }
        List<String> contexts = m.has("contexts") ? ConfigLoader.contexts(r, m.get("contexts"), "techdebt.contexts", where, CONTEXT) : null;
        if (contexts != null) {
            s = s.withContexts(contexts);
        }
        List<String> urls = m.has("chartRepos") ? r.strings(m.get("chartRepos"), "techdebt.chartRepos") : null;
        if (urls != null) {
            List<Node> items = r.sequence(m.get("chartRepos"), "techdebt.chartRepos");
            List<URI> parsed = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                try {
                    parsed.add(ChartRepositories.url(urls.get(i)));
                } catch (IllegalArgumentException e) {
                    r.problem(items.get(i), "techdebt.chartRepos[" + i + "]: " + e.getMessage());
                }
            }
            s = s.withChartRepos(parsed);
        }
        List<String> helmNamespaces = m.has("helmNamespaces") ? r.strings(m.get("helmNamespaces"), "techdebt.helmNamespaces") : null;
        if (helmNamespaces != null) {
            s = s.withHelmNamespaces(helmNamespaces);
        }
        if (m.has("targetVersion")) {
            s = s.withTargetVersions(targetVersions(r, m.get("targetVersion")));
        }
        if (m.has("thresholds")) {
            s = s.withThresholds(thresholds(r, m.get("thresholds")));
        }
        return s;
    }

    private static Map<String, ReleaseVersion> targetVersions(YamlReader r, Node node) {
        List<Node> items = node instanceof SequenceNode ? r.sequence(node, "techdebt.targetVersion") : List.of(node);
        Map<String, ReleaseVersion> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "techdebt.targetVersion" + (node instanceof SequenceNode ? "[" + i + "]" : "");
            String text = r.string(items.get(i), field);
            if (text != null) {
                try {
                    put(out, text);
                } catch (IllegalArgumentException e) {
                    r.problem(items.get(i), field + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static Thresholds thresholds(YamlReader r, Node node) {
        Mapping m = r.mapping(node, "techdebt.thresholds");
        if (m == null) {
            return Thresholds.NONE;
        }
        Map<String, Double> limits = new LinkedHashMap<>();
        for (Mapping.Entry e : m.entries()) {
            if (!TechDebtFigures.isKnown(e.name())) {
                r.problem(e.key(), m.path(e.name()) + ": unknown figure", TechDebtFigures.hint(e.name()));
                continue;
            }
            Double max = r.number(e.value(), m.path(e.name()), 0, Double.MAX_VALUE);
            if (max != null) {
                limits.put(e.name(), max);
            }
        }
        return new Thresholds(limits);
    }

    /** {@code v1.32} (Kubernetes) or {@code COMPONENT=VERSION}, added to {@code out}. */
    private static void put(Map<String, ReleaseVersion> out, String text) {
        int eq = text.indexOf('=');
        String component = eq < 0 ? "k8s" : text.substring(0, eq).strip();
        String version = eq < 0 ? text : text.substring(eq + 1);
        if (!DeprecatedApis.COMPONENTS.contains(component)) {
            throw new IllegalArgumentException("unknown component '" + component + "' (components: "
                    + String.join(", ", new TreeSet<>(DeprecatedApis.COMPONENTS)) + "; e.g. cert-manager=v1.14)");
        }
        out.put(component, ReleaseVersion.parse(version).orElseThrow(() -> new IllegalArgumentException(
                "'" + version.strip() + "' is not a release version (" + ReleaseVersion.EXAMPLES + ")")));
    }

    /** The settings with the {@code SMOKEGATE_TECHDEBT_*} variables that are set; each replaces the file's value. */
    static TechDebtSettings withEnvironment(TechDebtSettings c, Function<String, String> env, Map<String, Position> where)
            throws InvalidInputException {
        TechDebtSettings s = c;
        String schedule = value(env, ENV_SCHEDULE);
        if (schedule != null) {
            s = s.withSchedule(fromEnv(ENV_SCHEDULE, () -> Durations.parse(schedule).isPresent()
                    ? Schedule.of(schedule, null, null) : Schedule.of(null, schedule, "UTC")));
        }
        List<String> repos = list(env, ENV_REPOS);
        if (repos != null) {
            where.keySet().removeIf(k -> k.startsWith(REPO));
            repos.forEach(repo -> where.put(REPO + Path.of(repo), Position.of(ENV_REPOS)));
            s = s.withRepos(repos.stream().map(Path::of).toList());
        }
        List<String> contexts = list(env, ENV_CONTEXTS);
        if (contexts != null) {
            where.keySet().removeIf(k -> k.startsWith(CONTEXT));
            contexts.forEach(name -> where.put(CONTEXT + name, Position.of(ENV_CONTEXTS)));
            s = s.withContexts(contexts);
        }
        List<String> urls = list(env, ENV_CHART_REPOS);
        if (urls != null) {
            s = s.withChartRepos(fromEnv(ENV_CHART_REPOS, () -> urls.stream().map(ChartRepositories::url).toList()));
        }
        List<String> helmNamespaces = list(env, ENV_HELM_NAMESPACES);
        if (helmNamespaces != null) {
            s = s.withHelmNamespaces(helmNamespaces);
        }
        List<String> targets = list(env, ENV_TARGET_VERSION);
        if (targets != null) {
            s = s.withTargetVersions(fromEnv(ENV_TARGET_VERSION, () -> {
                Map<String, ReleaseVersion> out = new LinkedHashMap<>();
                targets.forEach(t -> put(out, t));
                return out;
            }));
        }
        List<String> thresholds = list(env, ENV_THRESHOLDS);
        if (thresholds != null) {
            s = s.withThresholds(fromEnv(ENV_THRESHOLDS, () -> {
                Thresholds t = Thresholds.NONE;
                for (String option : thresholds) {
                    t = t.with(option);
                }
                return t;
            }));
        }
        return s;
    }

    /** Refuses at start a repo that is not a directory: every scan would otherwise report it as skipped. */
    static void checkRepos(TechDebtSettings s, Map<String, Position> where) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        for (Path repo : s.repos()) {
            if (!Files.isDirectory(repo)) {
                problems.add(Problem.at(where.getOrDefault(REPO + repo, Position.of("techdebt.repos")), "techdebt.repos: "
                        + repo + (Files.exists(repo) ? " is not a directory" : " does not exist")));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T fromEnv(String variable, Parse<T> parse) throws InvalidInputException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Problem.at(Position.of(variable), e.getMessage()));
        }
    }

    private static String value(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static List<String> list(Function<String, String> env, String name) {
        String v = value(env, name);
        return v == null ? null : Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
