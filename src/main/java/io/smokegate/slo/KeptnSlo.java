package io.smokegate.slo;

import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Converts Keptn's quality-gate files (an SLO file of {@code spec_version: '1.0'} and, optionally, its
 * Prometheus SLI file) into a smokegate SLO. Only what keeps Keptn's meaning is converted; everything else
 * is a problem at its place in the Keptn file, so a gate is never quietly weaker or stronger than the one
 * it replaces. Problems go to the readers the documents were read with; the result is null when there are any.
 */
public final class KeptnSlo {

    public static final String SPEC_VERSION = "1.0";

    /** Keptn's criteria without spaces: operator, optional sign, number, optional % — no units, no other operators. */
    private static final Pattern CRITERION = Pattern.compile("(<=|>=|<|>|=)[+-]?(\\d+(\\.\\d*)?|\\.\\d+)%?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_.]*");
    /** What a mistyped criterion may look like to be shown in a message; other text is shown by its length only. */
    private static final Pattern SHOWN_CRITERION = Pattern.compile("[<>=!+\\-.%\\w ]{1,40}");
    private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9]+");
    private static final Set<String> KEPTN_CONTEXT = Set.of("$PROJECT", "$STAGE", "$SERVICE", "$DEPLOYMENT");
    private static final String CRITERION_FORM = "Keptn's criteria are an operator (<, <=, =, >=, >), an optional sign"
            + " and a number, optionally followed by %, e.g. \"<=+10%\" or \"<600\"";

    /** The converted SLO, its YAML as smokegate reads it, and what a user should know about the conversion. */
    public record Conversion(SloSpec spec, String yaml, List<String> notes) {
        public Conversion {
            notes = List.copyOf(notes);
        }
    }

    /** One document and the reader its problems go to. */
    public record Document(YamlReader reader, Node root) {
    }

    private final Document slo;
    private final Optional<Document> sli;
    private final String sliAdvice;
    private final List<String> notes = new ArrayList<>();
    private boolean sliUnreadable;

    private KeptnSlo(Document slo, Optional<Document> sli, String sliAdvice) {
        this.slo = slo;
        this.sli = sli;
        this.sliAdvice = sliAdvice;
    }

    /**
     * Whether a document is one of Keptn's files (SLO or SLI): its top level names {@code spec_version}, which
     * neither a checklist nor a smokegate SLO has.
     */
    public static boolean isKeptn(Node root) {
        return YamlReader.hasKey(root, "spec_version");
    }

    /**
     * Converts {@code slo} with the queries of {@code sli}, if given.
     *
     * @param sliAdvice how the user gives the SLI file where they are ({@code --sli FILE}, {@code spec.slo.sli}),
     *                  for the problem of an indicator without a query
     * @return the conversion, or null when either document has problems (all of them reported to its reader)
     */
    public static Conversion convert(Document slo, Optional<Document> sli, String sliAdvice) {
        return new KeptnSlo(slo, sli, sliAdvice).convert();
    }

    private Conversion convert() {
        YamlReader r = slo.reader();
        Map<String, Node> queries = sli.map(this::queries).orElse(Map.of());
        // an SLI file that cannot be read is its own problem, not one missing query per objective
        sliUnreadable = sliProblems() > 0;
        Mapping top = r.mapping(slo.root(), "");
        if (top == null) {
            return null;
        }
        top.allowOnly(Set.of("spec_version", "filter", "comparison", "objectives", "total_score"));
        specVersion(r, top);
        if (top.has("filter")) {
            r.problem(top.byName().get("filter").key(), "filter: not supported: smokegate has no SLI provider to hand"
                    + " Keptn's filter to", "write the selection into the SLI queries (label matchers) and remove filter");
        }
        Comparison comparison = top.has("comparison") ? comparison(r, top.get("comparison"), top.path("comparison"))
                // Keptn's parseSLO: no comparison block compares with the single last result
                : new Comparison(1, Aggregate.AVG, Comparison.Include.ALL);
        List<Objective> objectives = objectives(r, top, queries);
        Node totalNode = top.require("total_score");
        TotalScore total = totalNode == null ? null : SloReader.total(r, totalNode, "total_score");
        if (r.hasProblems() || sli.map(d -> d.reader().hasProblems()).orElse(false)) {
            return null;
        }
        SloSpec spec = new SloSpec(objectives, total, comparison, SloSpec.DEFAULT_WINDOW, Optional.empty(),
                SloSpec.DEFAULT_PERIOD);
        if (spec.objectives().stream().anyMatch(Objective::relative)) {
            notes.add("relative criteria compare with this checklist's earlier smokegate verdicts; Keptn's"
                    + " evaluation history is not imported");
        }
        if (spec.objectives().stream().anyMatch(o -> o.indicator() instanceof Indicator.Promql p
                && p.expression().contains(PromqlTemplate.WINDOW))) {
            notes.add("$DURATION_SECONDS became $window: the gate's --window, else the SLO's window: (5m when unset),"
                    + " where Keptn used the evaluation's timeframe");
        }
        if (spec.usesPrometheus()) {
            notes.add("Keptn's Prometheus provider reads a query without series as 0, smokegate as no value (the"
                    + " objective fails): append 'or vector(0)' to queries where 0 is right, or set ifEmpty: ignore");
        }
        return new Conversion(spec, yaml(spec), notes);
    }

    private static void specVersion(YamlReader r, Mapping top) {
        Node node = top.require("spec_version");
        String version = node == null ? null : r.string(node, "spec_version");
        if (version != null && !version.equals(SPEC_VERSION)) {
            r.problem(node, "spec_version: " + YamlReader.quotedName(version, "version") + " is not supported",
                    "smokegate converts Keptn's spec_version '" + SPEC_VERSION + "'; check the file against it and"
                            + " change the version");
        }
    }

    /** The SLI file's queries by indicator name; problems go to its reader. */
    private Map<String, Node> queries(Document doc) {
        YamlReader r = doc.reader();
        Mapping top = r.mapping(doc.root(), "");
        if (top == null) {
            return Map.of();
        }
        top.allowOnly(Set.of("spec_version", "indicators"));
        specVersion(r, top);
        Node indicators = top.require("indicators");
        Mapping m = indicators == null ? null : r.mapping(indicators, "indicators");
        if (m == null) {
            return Map.of();
        }
        Map<String, Node> out = new HashMap<>();
        for (Mapping.Entry e : m.entries()) {
            if (r.string(e.value(), m.path(e.name())) != null) {
                out.put(e.name(), e.value());
            }
        }
        return out;
    }

    private static Comparison comparison(YamlReader r, Node node, String field) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("compare_with", "include_result_with_score", "number_of_comparison_results",
                "aggregate_function"));
        Node compareNode = m.require("compare_with");
        String compareWith = compareNode == null ? null : r.string(compareNode, m.path("compare_with"));
        Integer count = Optional.ofNullable(m.get("number_of_comparison_results"))
                .map(n -> r.integer(n, m.path("number_of_comparison_results"), 0, Comparison.MAX_RESULTS)).orElse(0);
        Integer results = null;
        if ("single_result".equals(compareWith)) {
            results = 1;
        } else if ("several_results".equals(compareWith)) {
            // Keptn's parseSLO: a comparison block without a count compares with 3 results
            results = count == null ? null : count == 0 ? 3 : count;
        } else if (compareWith != null) {
            r.problem(compareNode, m.path("compare_with") + ": unknown value " + YamlReader.quotedName(compareWith, "value"),
                    "use single_result or several_results");
        }
        Aggregate aggregate = Optional.ofNullable(m.get("aggregate_function")).map(n -> {
            String text = r.string(n, m.path("aggregate_function"));
            Optional<Aggregate> a = text == null ? Optional.empty() : Aggregate.parse(text);
            if (text != null && a.isEmpty()) {
                r.problem(n, m.path("aggregate_function") + ": " + YamlReader.quotedName(text, "value")
                        + " is not supported (Keptn compares with 0 for it)", "use one of " + String.join(", ", Aggregate.labels()));
            }
            return a.orElse(null);
        }).orElse(Aggregate.AVG);
        Comparison.Include include = Optional.ofNullable(m.get("include_result_with_score")).map(n -> {
            String text = r.string(n, m.path("include_result_with_score"));
            Comparison.Include i = text == null ? null : switch (text) {
                case "all" -> Comparison.Include.ALL;
                case "pass" -> Comparison.Include.PASS;
                case "pass_or_warn" -> Comparison.Include.PASS_OR_WARNING;
                default -> null;
            };
            if (text != null && i == null) {
                r.problem(n, m.path("include_result_with_score") + ": unknown value " + YamlReader.quotedName(text, "value"),
                        "use all, pass or pass_or_warn");
            }
            return i;
        }).orElse(Comparison.Include.ALL);
        return results == null || aggregate == null || include == null ? null : new Comparison(results, aggregate, include);
    }

    private List<Objective> objectives(YamlReader r, Mapping top, Map<String, Node> queries) {
        Node node = top.require("objectives");
        List<Node> items = node == null ? null : r.sequence(node, "objectives");
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            r.problem(node, "objectives: no objectives (Keptn fails such an evaluation)", "add at least one objective");
        }
        if (items.size() > SloReader.MAX_OBJECTIVES) {
            r.problem(node, "objectives: " + items.size() + " objectives, more than the limit of " + SloReader.MAX_OBJECTIVES);
            return List.of();
        }
        List<Objective> out = new ArrayList<>();
        Map<String, Node> names = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "objectives[" + i + "]";
            Objective o = objective(r, items.get(i), field, queries);
            if (o == null) {
                continue;
            }
            Node previous = names.putIfAbsent(o.name(), items.get(i));
            if (previous != null) {
                r.problem(items.get(i), field + ".sli: '" + o.name() + "' is the name of an earlier objective too",
                        "smokegate names objectives after their SLI; keep one objective per SLI (first at line "
                                + r.position(previous).line() + ")");
            }
            out.add(o);
        }
        return out;
    }

    private Objective objective(YamlReader r, Node node, String field, Map<String, Node> queries) {
        Mapping o = r.mapping(node, field);
        if (o == null) {
            return null;
        }
        o.allowOnly(Set.of("sli", "displayName", "pass", "warning", "weight", "key_sli"));
        int before = r.problems().size() + sliProblems();
        Node sliNode = o.require("sli");
        String sliName = sliNode == null ? null : r.string(sliNode, o.path("sli"));
        String name = sliName == null ? null : name(r, sliNode, o.path("sli"), sliName);
        Indicator indicator = sliName == null ? null : indicator(r, sliNode, o.path("sli"), sliName, queries);
        Optional.ofNullable(o.get("displayName")).ifPresent(n -> r.string(n, o.path("displayName")));
        Criteria pass = o.has("pass") ? criteria(r, o.get("pass"), o.path("pass")) : Criteria.NONE;
        Criteria warning = o.has("warning") ? criteria(r, o.get("warning"), o.path("warning")) : Criteria.NONE;
        if (!o.has("pass") && o.has("warning")) {
            r.problem(o.byName().get("warning").key(), o.path("warning") + ": warning criteria without pass criteria;"
                    + " Keptn ignores them (the objective is informational)", "add pass criteria, or remove warning");
        }
        // Keptn's parseSLO: weight 0 (or none) counts as 1
        Integer weight = Optional.ofNullable(o.get("weight")).map(n -> r.integer(n, o.path("weight"), 0, 1000)).orElse(1);
        boolean key = Optional.ofNullable(o.get("key_sli")).map(n -> r.bool(n, o.path("key_sli"))).orElse(false);
        if (key && !o.has("pass")) {
            r.problem(o.byName().get("key_sli").key(), o.path("key_sli") + ": a key SLI without pass criteria cannot"
                    + " be converted (smokegate's key objectives need pass criteria)", "add pass criteria, or remove key_sli");
        }
        if (r.problems().size() + sliProblems() > before || indicator == null || pass == null || warning == null
                || weight == null) {
            return null;
        }
        return new Objective(name, indicator, pass, warning, weight == 0 ? 1 : weight, key, false);
    }

    private int sliProblems() {
        return sli.map(d -> d.reader().problems().size()).orElse(0);
    }

    /** smokegate's objective name for an SLI name: lower case, runs of other characters as '-'. */
    private static String name(YamlReader r, Node node, String field, String sliName) {
        String name = NOT_NAME.matcher(sliName.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        if (name.isEmpty() || name.length() > 63) {
            r.problem(node, field + ": " + YamlReader.quotedName(sliName, "name") + " does not make an objective name",
                    "use an SLI name of 1 to 63 letters, digits and '_'");
            return null;
        }
        return name;
    }

    /** The SLI file's query for the name, else one of smokegate's run SLIs of that name, else a problem. */
    private Indicator indicator(YamlReader r, Node node, String field, String sliName, Map<String, Node> queries) {
        Node query = queries.get(sliName);
        if (query != null) {
            return promql(sli.orElseThrow().reader(), query, "indicators." + YamlReader.keyLabel(sliName));
        }
        Optional<RunSli> run = RunSli.parse(sliName).filter(s -> !s.requiresId());
        if (run.isPresent()) {
            return new Indicator.Run(run.get(), Map.of(), sliName);
        }
        if (sliUnreadable) {
            return null;
        }
        r.problem(node, field + ": no query for " + YamlReader.quotedName(sliName, "SLI"), sli.isPresent()
                ? "add " + YamlReader.keyLabel(sliName) + ": QUERY to the indicators of the SLI file"
                : sliAdvice + ", or name a smokegate SLI such as run.success_ratio");
        return null;
    }

    /** The query with Keptn's {@code $DURATION_SECONDS} as {@code $window}; other placeholders are problems. */
    private static Indicator promql(YamlReader r, Node node, String field) {
        String query = r.string(node, field).strip();
        if (query.isEmpty() || query.length() > SloReader.MAX_PROMQL_LENGTH) {
            r.problem(node, field + ": the query is " + (query.isEmpty() ? "empty"
                    : "longer than " + SloReader.MAX_PROMQL_LENGTH + " characters"));
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(query);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String placeholder = m.group();
            if (placeholder.equals("$DURATION_SECONDS")) {
                // Keptn's Prometheus provider writes the evaluation's timeframe as "<seconds>s", a range
                // duration, which is what $window expands to
                m.appendReplacement(out, Matcher.quoteReplacement(PromqlTemplate.WINDOW));
                continue;
            }
            ok = false;
            r.problem(node, field + ": placeholder " + shown(placeholder, PLACEHOLDER, "placeholder")
                    + " is not supported", placeholderAdvice(placeholder));
        }
        m.appendTail(out);
        return ok ? new Indicator.Promql(out.toString()) : null;
    }

    private static String placeholderAdvice(String placeholder) {
        if (KEPTN_CONTEXT.contains(placeholder)) {
            return "smokegate has no Keptn project, stage, service or deployment; write the value into the query";
        }
        if (placeholder.startsWith("$LABEL.")) {
            return "Keptn's event labels do not reach smokegate; write the value into the query";
        }
        if (placeholder.equals(PromqlTemplate.WINDOW) || placeholder.equals(PromqlTemplate.CHECKLIST)) {
            return "smokegate would replace it, Keptn does not; rewrite the query without it";
        }
        return "only $DURATION_SECONDS is converted (to $window); write the value into the query";
    }

    /** Document text in a message: quoted when it has the expected form, else only its length (as YamlReader does). */
    private static String shown(String text, Pattern form, String noun) {
        return text.length() <= 64 && form.matcher(text).matches() ? "'" + text + "'" : YamlReader.quotedName(text, noun);
    }

    /** Keptn's criteria: a list of {@code criteria:} blocks (OR), each a list of criteria (AND). */
    private static Criteria criteria(YamlReader r, Node node, String field) {
        List<Node> blocks = r.sequence(node, field);
        if (blocks == null) {
            return null;
        }
        if (blocks.isEmpty() || blocks.size() > SloReader.MAX_CRITERIA) {
            r.problem(node, field + ": give 1 to " + SloReader.MAX_CRITERIA + " criteria blocks",
                    "each block is '- criteria: [...]'; blocks are alternatives");
            return null;
        }
        List<List<Criterion>> anyOf = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            List<Criterion> all = SloReader.block(r, blocks.get(i), field + "[" + i + "]", (n, f) -> criterion(r, n, f));
            if (all == null) {
                return null;
            }
            anyOf.add(all);
        }
        return new Criteria(anyOf);
    }

    private static Criterion criterion(YamlReader r, Node node, String field) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        // Keptn removes every space before parsing
        if (!CRITERION.matcher(text.replace(" ", "")).matches()) {
            r.problem(node, field + ": " + shown(text.strip(), SHOWN_CRITERION, "criterion") + " cannot be converted",
                    CRITERION_FORM);
            return null;
        }
        try {
            return Criterion.parse(text);
        } catch (IllegalArgumentException e) {
            r.problem(node, field + ": " + e.getMessage(), CRITERION_FORM);
            return null;
        }
    }

    /** The spec as an SLO file smokegate reads ({@code spec.slo}, or a file {@code spec.slo} names). */
    static String yaml(SloSpec spec) {
        StringBuilder y = new StringBuilder("objectives:\n");
        for (Objective o : spec.objectives()) {
            y.append("  - name: ").append(o.name()).append('\n');
            if (o.indicator() instanceof Indicator.Promql p) {
                y.append("    promql: ").append(quote(p.expression())).append('\n');
            } else {
                y.append("    sli: ").append(quote(o.indicator().text())).append('\n');
            }
            criteria(y, "pass", o.pass());
            criteria(y, "warning", o.warning());
            if (o.weight() != 1) {
                y.append("    weight: ").append(Evaluator.format(o.weight())).append('\n');
            }
            if (o.key()) {
                y.append("    key: true\n");
            }
        }
        y.append("total:\n  pass: ").append(Evaluator.format(spec.total().pass())).append("%\n");
        spec.total().warning().ifPresent(w -> y.append("  warning: ").append(Evaluator.format(w)).append("%\n"));
        Comparison c = spec.comparison();
        y.append("comparison:\n  results: ").append(c.results()).append("\n  aggregate: ").append(c.aggregate().label())
                .append("\n  include: ").append(c.include().label()).append('\n');
        return y.toString();
    }

    private static void criteria(StringBuilder y, String field, Criteria criteria) {
        if (criteria.isEmpty()) {
            return;
        }
        y.append("    ").append(field).append(":\n");
        for (List<Criterion> all : criteria.anyOf()) {
            y.append("      - criteria: [").append(String.join(", ", all.stream().map(c -> quote(c.text())).toList()))
                    .append("]\n");
        }
    }

    /** A YAML double-quoted scalar: any text, read back exactly. */
    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        q.append(String.format("\\x%02x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
