package io.smokegate.slo;

import io.smokegate.input.Suggestions;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an SLO block ({@code spec.slo} of a checklist). Problems go to the {@link YamlReader} with their
 * position; check SLI selectors are validated against the checklist's own check ids and types, so a typo
 * is caught by {@code lint}, not by a gate that can never pass.
 */
public final class SloReader {

    public static final int MAX_OBJECTIVES = 500;
    public static final int MAX_CRITERIA = 20;
    public static final int MAX_PROMQL_LENGTH = 8192;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SLI = Pattern.compile("([a-z_.0-9]+)\\s*(?:\\{(.*)})?");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-z]+)\\s*=\\s*(\"[^\"]*\"|[^,\"]*?)\\s*");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private final YamlReader r;
    private final Set<String> checkIds;
    private final Set<String> checkTypes;

    /** {@code checkIds} and {@code checkTypes}: the checks of the checklist the SLO belongs to. */
    public SloReader(YamlReader r, Set<String> checkIds, Set<String> checkTypes) {
        this.r = r;
        this.checkIds = checkIds;
        this.checkTypes = checkTypes;
    }

    /** The spec, or null when it has problems (all of them reported). */
    public SloSpec read(Node node, String field) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("objectives", "total", "comparison", "window", "availability", "period"));
        int before = r.problems().size();
        List<Objective> objectives = objectives(m);
        TotalScore total = Optional.ofNullable(m.get("total")).map(n -> total(r, n, m.path("total"))).orElse(TotalScore.DEFAULT);
        Comparison comparison = Optional.ofNullable(m.get("comparison"))
                .map(n -> comparison(n, m.path("comparison"))).orElse(Comparison.DEFAULT);
        Duration window = Optional.ofNullable(m.get("window"))
                .map(n -> r.duration(n, m.path("window"), Duration.ofSeconds(1), Duration.ofDays(90)))
                .orElse(SloSpec.DEFAULT_WINDOW);
        Optional<Double> availability = Optional.ofNullable(m.get("availability"))
                .map(n -> availability(n, m.path("availability")));
        Duration period = Optional.ofNullable(m.get("period"))
                .map(n -> r.duration(n, m.path("period"), Duration.ofDays(1), Duration.ofDays(90)))
                .orElse(SloSpec.DEFAULT_PERIOD);
        if (r.problems().size() > before) {
            return null;
        }
        return new SloSpec(objectives, total, comparison, window, availability, period);
    }

    private List<Objective> objectives(Mapping m) {
        Node node = m.require("objectives");
        List<Node> items = node == null ? null : r.sequence(node, m.path("objectives"));
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            r.problem(node, m.path("objectives") + ": an SLO needs at least one objective");
        }
        if (items.size() > MAX_OBJECTIVES) {
            r.problem(node, m.path("objectives") + ": " + items.size() + " objectives, more than the limit of "
                    + MAX_OBJECTIVES);
            return List.of();
        }
        List<Objective> out = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Objective o = objective(items.get(i), m.path("objectives") + "[" + i + "]");
            if (o == null) {
                continue;
            }
            Node previous = names.putIfAbsent(o.name(), items.get(i));
            if (previous != null) {
                r.problem(items.get(i), m.path("objectives") + "[" + i + "].name: duplicate objective name '" + o.name()
                        + "'", "first used at line " + r.position(previous).line());
            }
            out.add(o);
        }
        return out;
    }

    private Objective objective(Node node, String field) {
        Mapping o = r.mapping(node, field);
        if (o == null) {
            return null;
        }
        o.allowOnly(Set.of("name", "sli", "promql", "pass", "warning", "weight", "key", "ifEmpty"));
        int before = r.problems().size();
        String name = name(o);
        Indicator indicator = indicator(o);
        Criteria pass = Optional.ofNullable(o.get("pass")).map(n -> criteria(n, o.path("pass"))).orElse(Criteria.NONE);
        Criteria warning = Optional.ofNullable(o.get("warning")).map(n -> criteria(n, o.path("warning"))).orElse(Criteria.NONE);
        if (o.get("pass") == null && o.get("warning") != null) {
            r.problem(o.get("warning"), o.path("warning") + ": warning criteria without pass criteria",
                    "add pass criteria, or drop warning to make the objective informational");
        }
        double weight = Optional.ofNullable(o.get("weight")).map(n -> r.number(n, o.path("weight"), 0.001, 1000)).orElse(1.0);
        boolean key = Optional.ofNullable(o.get("key")).map(n -> r.bool(n, o.path("key"))).orElse(false);
        if (key && o.get("pass") == null) {
            r.problem(o.get("key"), o.path("key") + ": a key objective needs pass criteria");
        }
        boolean ignoreIfEmpty = Optional.ofNullable(o.get("ifEmpty")).map(n -> ifEmpty(n, o.path("ifEmpty"))).orElse(false);
        if (r.problems().size() > before) {
            return null;
        }
        return new Objective(name, indicator, pass, warning, weight, key, ignoreIfEmpty);
    }

    private String name(Mapping o) {
        Node node = o.require("name");
        String name = node == null ? null : r.string(node, o.path("name"));
        if (name != null && !NAME.matcher(name).matches()) {
            r.problem(node, o.path("name") + ": '" + name + "' is not a valid name",
                    "use lower-case letters, digits and '-', e.g. module-latency");
        }
        return name;
    }

    private Indicator indicator(Mapping o) {
        Node sli = o.get("sli");
        Node promql = o.get("promql");
        if ((sli == null) == (promql == null)) {
            r.problem(o.node(), o.field() + ": give exactly one of sli and promql",
                    "sli: a value of the run, e.g. run.success_ratio; promql: an expression Prometheus evaluates");
            return null;
        }
        if (promql != null) {
            String expr = r.string(promql, o.path("promql"));
            if (expr == null) {
                return null;
            }
            if (expr.isBlank() || expr.length() > MAX_PROMQL_LENGTH) {
                r.problem(promql, o.path("promql") + ": the expression is " + (expr.isBlank() ? "empty"
                        : "longer than " + MAX_PROMQL_LENGTH + " characters"));
                return null;
            }
            return new Indicator.Promql(expr.strip());
        }
        String text = r.string(sli, o.path("sli"));
        return text == null ? null : runIndicator(sli, o.path("sli"), text.strip());
    }

    private Indicator runIndicator(Node node, String field, String text) {
        Matcher m = SLI.matcher(text);
        if (!m.matches()) {
            r.problem(node, field + ": '" + text + "' is not an SLI", "write a name and an optional selector, "
                    + "e.g. check.duration_p95{type=goproxy.module}; names: " + String.join(", ", RunSli.labels()));
            return null;
        }
        Optional<RunSli> sli = RunSli.parse(m.group(1));
        if (sli.isEmpty()) {
            r.problem(node, field + ": unknown SLI '" + m.group(1) + "'", Suggestions.hint(m.group(1), RunSli.labels())
                    + "; for a Prometheus expression use promql: instead");
            return null;
        }
        Map<String, String> selector = selector(node, field, m.group(2), sli.get());
        return selector == null ? null : new Indicator.Run(sli.get(), selector, text);
    }

    private Map<String, String> selector(Node node, String field, String body, RunSli sli) {
        Map<String, String> selector = new LinkedHashMap<>();
        if (body != null && !body.isBlank()) {
            for (String part : body.split(",", -1)) {
                Matcher m = MATCHER.matcher(part);
                if (!m.matches()) {
                    r.problem(node, field + ": '" + part.strip() + "' is not a selector", "write key=value, e.g. {id=uuid-module}");
                    return null;
                }
                String value = m.group(2).startsWith("\"") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
                if (selector.put(m.group(1), value) != null) {
                    r.problem(node, field + ": '" + m.group(1) + "' is selected twice");
                    return null;
                }
            }
        }
        if (!sli.selectorKeys().containsAll(selector.keySet())) {
            r.problem(node, field + ": " + sli.label() + " takes " + (sli.selectorKeys().isEmpty() ? "no selector"
                    : "only " + String.join(" or ", sli.selectorKeys().stream().sorted().toList())) + ", not "
                    + selector.keySet());
            return null;
        }
        if (selector.size() > 1) {
            r.problem(node, field + ": select by id or by type, not both");
            return null;
        }
        if (sli.requiresId() && !selector.containsKey("id")) {
            r.problem(node, field + ": " + sli.label() + " needs {id=...}", "or use check.duration_max{type=...}");
            return null;
        }
        String id = selector.get("id");
        if (id != null && !checkIds.contains(id)) {
            r.problem(node, field + ": the checklist has no check with id '" + id + "'", Suggestions.hint(id, checkIds));
            return null;
        }
        String type = selector.get("type");
        if (type != null && !checkTypes.contains(type)) {
            r.problem(node, field + ": the checklist has no check of type '" + type + "'", Suggestions.hint(type, checkTypes));
            return null;
        }
        return selector;
    }

    /**
     * One criterion ("< 1s"), a list of criteria that must all hold, or Keptn's form: a list of
     * {@code criteria:} blocks of which one must hold.
     */
    private Criteria criteria(Node node, String field) {
        if (node instanceof ScalarNode) {
            Criterion c = criterion(node, field);
            return c == null ? null : new Criteria(List.of(List.of(c)));
        }
        List<Node> items = r.sequence(node, field);
        if (items == null) {
            return null;
        }
        if (items.isEmpty() || items.size() > MAX_CRITERIA) {
            r.problem(node, field + ": give 1 to " + MAX_CRITERIA + " criteria", Criterion.SYNTAX);
            return null;
        }
        boolean blocks = items.get(0) instanceof MappingNode;
        List<List<Criterion>> anyOf = new ArrayList<>();
        List<Criterion> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemField = field + "[" + i + "]";
            if ((items.get(i) instanceof MappingNode) != blocks) {
                r.problem(items.get(i), itemField + ": do not mix criteria strings and criteria: blocks",
                        "strings in one list must all hold; separate - criteria: blocks are alternatives");
                return null;
            }
            if (blocks) {
                List<Criterion> block = block(r, items.get(i), itemField, this::criterion);
                if (block == null) {
                    return null;
                }
                anyOf.add(block);
            } else {
                Criterion c = criterion(items.get(i), itemField);
                if (c == null) {
                    return null;
                }
                all.add(c);
            }
        }
        return new Criteria(blocks ? anyOf : List.of(all));
    }

    /** Reads one criterion of a list; null once its problem is reported. */
    @FunctionalInterface
    interface CriterionReader {
        Criterion read(Node node, String field);
    }

    /** One {@code criteria:} block, its criteria read by {@code criterion}; null once a problem is reported. */
    static List<Criterion> block(YamlReader r, Node node, String field, CriterionReader criterion) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("criteria"));
        Node list = m.require("criteria");
        List<Node> items = list == null ? null : r.sequence(list, m.path("criteria"));
        if (items == null) {
            return null;
        }
        if (items.isEmpty() || items.size() > MAX_CRITERIA) {
            r.problem(list, m.path("criteria") + ": give 1 to " + MAX_CRITERIA + " criteria", Criterion.SYNTAX);
            return null;
        }
        List<Criterion> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Criterion c = criterion.read(items.get(i), m.path("criteria") + "[" + i + "]");
            if (c == null) {
                return null;
            }
            out.add(c);
        }
        return out;
    }

    private Criterion criterion(Node node, String field) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Criterion.parse(text);
        } catch (IllegalArgumentException e) {
            r.problem(node, field + ": " + e.getMessage(), Criterion.SYNTAX);
            return null;
        }
    }

    /** {@code pass} and {@code warning} percentages; Keptn's total_score has the same form. */
    static TotalScore total(YamlReader r, Node node, String field) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("pass", "warning"));
        Node passNode = m.require("pass");
        Double pass = passNode == null ? null : percent(r, passNode, m.path("pass"));
        Double warning = Optional.ofNullable(m.get("warning")).map(n -> percent(r, n, m.path("warning"))).orElse(null);
        if (pass != null && warning != null && warning > pass) {
            r.problem(m.get("warning"), m.path("warning") + ": " + Evaluator.format(warning)
                    + "% is above the pass threshold of " + Evaluator.format(pass) + "%");
        }
        return pass == null ? null : new TotalScore(pass, Optional.ofNullable(warning));
    }

    /** A percentage written "90%" (Keptn's form) or as a plain number 0-100. */
    private static Double percent(YamlReader r, Node node, String field) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        Matcher m = PERCENT.matcher(text.strip());
        String number = m.matches() ? m.group(1) : text.strip();
        try {
            double value = Double.parseDouble(number);
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected form.
        }
        r.problem(node, field + ": '" + text + "' is not a percentage from 0% to 100%", "e.g. 90%");
        return null;
    }

    /** "99.5%" or a ratio 0.995; strictly between 0 and 1, since 100 % leaves no error budget to burn. */
    private Double availability(Node node, String field) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        Matcher m = PERCENT.matcher(text.strip());
        try {
            double ratio = m.matches() ? Double.parseDouble(m.group(1)) / 100 : Double.parseDouble(text.strip());
            if (ratio > 0 && ratio < 1) {
                return ratio;
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected form.
        }
        r.problem(node, field + ": '" + text + "' is not an availability objective",
                "write a percentage below 100%, e.g. 99.5%, or a ratio such as 0.995");
        return null;
    }

    private Comparison comparison(Node node, String field) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("results", "aggregate", "include"));
        Integer results = Optional.ofNullable(m.get("results"))
                .map(n -> r.integer(n, m.path("results"), 1, Comparison.MAX_RESULTS)).orElse(Comparison.DEFAULT.results());
        Aggregate aggregate = Optional.ofNullable(m.get("aggregate")).map(n -> {
            String text = r.string(n, m.path("aggregate"));
            Optional<Aggregate> a = text == null ? Optional.empty() : Aggregate.parse(text);
            if (text != null && a.isEmpty()) {
                r.problem(n, m.path("aggregate") + ": unknown aggregate '" + text + "'",
                        "use one of " + String.join(", ", Aggregate.labels()));
            }
            return a.orElse(null);
        }).orElse(Comparison.DEFAULT.aggregate());
        Comparison.Include include = Optional.ofNullable(m.get("include")).map(n -> {
            String text = r.string(n, m.path("include"));
            Optional<Comparison.Include> i = text == null ? Optional.empty() : Comparison.Include.parse(text);
            if (text != null && i.isEmpty()) {
                r.problem(n, m.path("include") + ": unknown value '" + text + "'", "use all, pass or pass_or_warning");
            }
            return i.orElse(null);
        }).orElse(Comparison.DEFAULT.include());
        return results == null || aggregate == null || include == null ? null : new Comparison(results, aggregate, include);
    }

    private Boolean ifEmpty(Node node, String field) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        if (!text.equals("fail") && !text.equals("ignore")) {
            r.problem(node, field + ": '" + text + "' is not allowed", "use fail (the default) or ignore");
            return null;
        }
        return text.equals("ignore");
    }
}
