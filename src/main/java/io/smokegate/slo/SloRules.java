package io.smokegate.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prometheus rules for one checklist's SLO, self-contained with its constants baked in:
 * error-ratio recordings of its runs over the Google SRE workbook windows and the SLO period, the error
 * budget left, multi-window multi-burn-rate alerts (page: 2 % of the budget in 1 h or 5 % in 6 h; ticket:
 * 10 % in 1 d or in 3 d, each confirmed by a short window of a twelfth), and one alert per objective whose
 * pass criteria Prometheus can watch between releases.
 */
public final class SloRules {

    public static final String RUNBOOK = "https://github.com/smokegate/smokegate/blob/main/docs/runbooks.md#";
    /** The alerts generated rules may hold; the burn-rate ones share names and runbooks with alerts/. */
    public static final List<String> ALERT_NAMES = List.of("SmokegateErrorBudgetBurnFast", "SmokegateErrorBudgetBurnSlow",
            "SmokegateObjectiveFailing");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** One tier of burn-rate alerting: spending {@code budgetPercent} of the budget within {@code longWindow}. */
    record Tier(double budgetPercent, Duration longWindow, Duration shortWindow, String severity) {
        double factor(Duration period) {
            return budgetPercent / 100 * period.toMinutes() / longWindow.toMinutes();
        }
    }

    static final List<Tier> TIERS = List.of(
            new Tier(2, Duration.ofHours(1), Duration.ofMinutes(5), "critical"),
            new Tier(5, Duration.ofHours(6), Duration.ofMinutes(30), "critical"),
            new Tier(10, Duration.ofDays(1), Duration.ofHours(2), "warning"),
            new Tier(10, Duration.ofDays(3), Duration.ofHours(6), "warning"));

    /** The rules and, separately, why some objectives got no alert. */
    public record Output(String yaml, List<String> notes) {
    }

    private SloRules() {
    }

    public static Output generate(String checklist, SloSpec spec) {
        List<String> notes = new ArrayList<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        if (spec.availability().isPresent()) {
            groups.add(group("smokegate-slo-" + checklist + "-recordings", recordings(checklist, spec)));
            groups.add(group("smokegate-slo-" + checklist + "-burn-rate", burnRateAlerts(checklist, spec)));
        } else {
            notes.add("spec.slo.availability is not set: no error-budget recordings or burn-rate alerts");
        }
        List<Map<String, Object>> objectiveAlerts = new ArrayList<>();
        for (Objective o : spec.objectives()) {
            watch(checklist, spec, o).ifPresentOrElse(objectiveAlerts::add, () -> notes.add(
                    "objective " + o.name() + ": " + unwatchable(o)));
        }
        if (!objectiveAlerts.isEmpty()) {
            groups.add(group("smokegate-slo-" + checklist + "-objectives", objectiveAlerts));
        }
        try {
            return new Output(YAML.writeValueAsString(Map.of("groups", groups)), List.copyOf(notes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules are plain maps and lists", e);
        }
    }

    private static List<Map<String, Object>> recordings(String checklist, SloSpec spec) {
        List<Map<String, Object>> rules = new ArrayList<>();
        List<Duration> windows = new ArrayList<>();
        for (Tier t : TIERS) {
            addOnce(windows, t.shortWindow());
            addOnce(windows, t.longWindow());
        }
        windows.sort(Duration::compareTo);
        addOnce(windows, spec.period());
        String runs = "smokegate_runs_total{checklist=\"" + checklist + "\"";
        for (Duration w : windows) {
            String fn = w.equals(spec.period()) ? "increase" : "rate";
            String range = "[" + PromqlTemplate.duration(w) + "]";
            rules.add(record(ratioName(w), "sum by (checklist) (" + fn + "(" + runs + ",status=~\"failed|error\"}" + range
                    + "))\n/\nsum by (checklist) (" + fn + "(" + runs + ",status=~\"passed|failed|error\"}" + range + "))",
                    checklist));
        }
        double objective = spec.availability().orElseThrow();
        rules.add(record("checklist:smokegate_slo_objective:ratio", "vector(" + number(objective) + ")", checklist));
        rules.add(record("checklist:smokegate_error_budget_remaining:ratio",
                "1 - " + ratioName(spec.period()) + "{checklist=\"" + checklist + "\"} / " + number(1 - objective), checklist));
        return rules;
    }

    private static List<Map<String, Object>> burnRateAlerts(String checklist, SloSpec spec) {
        double budget = 1 - spec.availability().orElseThrow();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (String severity : List.of("critical", "warning")) {
            List<String> conditions = new ArrayList<>();
            List<String> described = new ArrayList<>();
            for (Tier t : TIERS.stream().filter(t -> t.severity().equals(severity)).toList()) {
                String threshold = "(" + number(t.factor(spec.period())) + " * " + number(budget) + ")";
                String selector = "{checklist=\"" + checklist + "\"}";
                conditions.add("(\n  " + ratioName(t.longWindow()) + selector + " > " + threshold + "\nand\n  "
                        + ratioName(t.shortWindow()) + selector + " > " + threshold + "\n)");
                described.add(number(t.factor(spec.period())) + "x over " + PromqlTemplate.duration(t.longWindow()) + " and "
                        + PromqlTemplate.duration(t.shortWindow()));
            }
            String name = severity.equals("critical") ? ALERT_NAMES.get(0) : ALERT_NAMES.get(1);
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("alert", name);
            alert.put("expr", String.join("\nor\n", conditions));
            alert.put("labels", new TreeMap<>(Map.of("severity", severity, "checklist", checklist, "slo", "availability")));
            alert.put("annotations", new TreeMap<>(Map.of(
                    "summary", "Checklist " + checklist + " is burning its error budget too fast",
                    "description", "Failed runs of " + checklist + " spend the budget of a " + number(100 * (1 - budget))
                            + "% availability objective over " + PromqlTemplate.duration(spec.period()) + " faster than allowed ("
                            + String.join(" or ", described) + ").",
                    "runbook_url", RUNBOOK + name.toLowerCase(Locale.ROOT))));
            alerts.add(alert);
        }
        return alerts;
    }

    /** An alert that fires while the objective's pass criteria fail, for objectives Prometheus can compute. */
    private static Optional<Map<String, Object>> watch(String checklist, SloSpec spec, Objective o) {
        if (o.informational() || o.pass().relative()) {
            return Optional.empty();
        }
        Optional<String> expr = expression(checklist, spec, o.indicator());
        if (expr.isEmpty()) {
            return Optional.empty();
        }
        // Not (A and B) or (C): every alternative must fail, and one criterion of each.
        List<String> alternatives = new ArrayList<>();
        for (List<Criterion> all : o.pass().anyOf()) {
            alternatives.add("(" + String.join(" or ", all.stream()
                    .map(c -> "(" + expr.get() + ") " + negated(c.operator()) + " " + number(c.amount())).toList()) + ")");
        }
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alert", ALERT_NAMES.get(2));
        alert.put("expr", String.join("\nand\n", alternatives));
        alert.put("for", "5m");
        alert.put("labels", new TreeMap<>(Map.of("severity", o.key() ? "critical" : "warning", "checklist", checklist,
                "objective", o.name())));
        alert.put("annotations", new TreeMap<>(Map.of(
                "summary", "Objective " + o.name() + " of checklist " + checklist + " fails",
                "description", o.indicator().text() + " is {{ $value }}, which misses " + o.pass().describe()
                        + "; the next release gate will not pass on it.",
                "runbook_url", RUNBOOK + ALERT_NAMES.get(2).toLowerCase(Locale.ROOT))));
        return Optional.of(alert);
    }

    private static Optional<String> expression(String checklist, SloSpec spec, Indicator indicator) {
        return switch (indicator) {
            case Indicator.Promql p -> Optional.of(PromqlTemplate.expand(p.expression(), spec.window(), checklist));
            case Indicator.Run r -> runExpression(checklist, spec, r);
        };
    }

    private static Optional<String> runExpression(String checklist, SloSpec spec, Indicator.Run r) {
        String selector = "checklist=\"" + checklist + "\"" + (r.selector().containsKey("id")
                ? ",check=\"" + r.selector().get("id") + "\"" : r.selector().containsKey("type")
                ? ",type=\"" + r.selector().get("type") + "\"" : "");
        String window = "[" + PromqlTemplate.duration(spec.window()) + "]";
        String buckets = "sum by (le) (rate(smokegate_check_duration_seconds_bucket{" + selector + "}" + window + "))";
        return switch (r.sli()) {
            case RUN_SUCCESS_RATIO -> Optional.of("max(smokegate_run_success_ratio{" + selector + "})");
            case CHECK_SUCCESS -> Optional.of("avg(smokegate_check_success{" + selector + "})");
            case CHECK_DURATION, CHECK_DURATION_AVG -> Optional.of("sum(rate(smokegate_check_duration_seconds_sum{" + selector
                    + "}" + window + ")) / sum(rate(smokegate_check_duration_seconds_count{" + selector + "}" + window + "))");
            case CHECK_DURATION_P50 -> Optional.of("histogram_quantile(0.5, " + buckets + ")");
            case CHECK_DURATION_P90 -> Optional.of("histogram_quantile(0.9, " + buckets + ")");
            case CHECK_DURATION_P95 -> Optional.of("histogram_quantile(0.95, " + buckets + ")");
            case CHECK_DURATION_P99 -> Optional.of("histogram_quantile(0.99, " + buckets + ")");
            case RUN_DURATION, RUN_FAILED_CHECKS, CHECK_DURATION_MAX -> Optional.empty();
        };
    }

    private static String unwatchable(Objective o) {
        if (o.informational()) {
            return "informational, no alert";
        }
        if (o.pass().relative()) {
            return "pass criteria are relative to earlier gates, which only a gate can judge";
        }
        return o.indicator().text() + " has no Prometheus series to watch";
    }

    private static String negated(Criterion.Operator op) {
        return switch (op) {
            case LT -> ">=";
            case LE -> ">";
            case EQ -> "!=";
            case GE -> "<";
            case GT -> "<=";
        };
    }

    private static Map<String, Object> group(String name, List<Map<String, Object>> rules) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("rules", rules);
        return group;
    }

    private static Map<String, Object> record(String name, String expr, String checklist) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("record", name);
        rule.put("expr", expr);
        rule.put("labels", Map.of("checklist", checklist));
        return rule;
    }

    private static String ratioName(Duration window) {
        return "checklist:smokegate_run_errors:ratio_rate" + PromqlTemplate.duration(window);
    }

    private static void addOnce(List<Duration> windows, Duration w) {
        if (!windows.contains(w)) {
            windows.add(w);
        }
    }

    private static String number(double v) {
        return new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
