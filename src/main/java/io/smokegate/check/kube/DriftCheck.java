package io.smokegate.check.kube;

import io.smokegate.check.Check;
import io.smokegate.check.Deadline;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.TableDetail;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeConfigException;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeUnreachableException;
import io.smokegate.text.Plural;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The prepared {@code kube.drift} check; see {@link DriftCheckType} for its parameters. Contexts are read in
 * parallel (one virtual thread each, facts in order within a context), then each fact is compared across them.
 *
 * <p>Which value is "the" value when contexts disagree: the one most contexts have (on a tie, the one of the
 * context listed first). The {@code drift} cell of a row names the facts whose value there is another one, so with
 * dev ahead of staging and prod it is dev's row that shows the drift.
 */
final class DriftCheck implements Check {

    static final String ERROR = "error";

    private final List<String> clusters;
    private final List<DriftFact> facts;
    private final Set<String> allowed;

    DriftCheck(List<String> clusters, List<DriftFact> facts, Set<String> allowed) {
        this.clusters = clusters;
        this.facts = facts;
        this.allowed = allowed;
    }

    /** What one context said: a value per fact (null where it could not be read) and why not. */
    private record Reading(Map<String, String> values, List<String> problems) {
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        Map<String, Reading> readings = readAll(probe);
        List<String> problems = new ArrayList<>();
        clusters.forEach(context -> problems.addAll(readings.get(context).problems()));
        Map<String, String> consensus = new LinkedHashMap<>();
        List<String> drifting = new ArrayList<>();
        List<String> allowedDrift = new ArrayList<>();
        for (DriftFact fact : facts) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String context : clusters) {
                String value = readings.get(context).values().get(fact.name());
                if (value != null) {
                    counts.merge(value, 1, Integer::sum);
                }
            }
            probe.measure(KubeFamily.DRIFT_FACTS, counts.size(), fact.name());
            // LinkedHashMap in context order: on a tie the first context's value wins, as max keeps the first.
            counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                    .ifPresent(e -> consensus.put(fact.name(), e.getKey()));
            if (counts.size() > 1) {
                (allowed.contains(fact.name()) ? allowedDrift : drifting).add(fact.name());
                if (!allowed.contains(fact.name())) {
                    problems.add(fact.name() + " differs: " + spread(fact, readings));
                }
            }
        }
        probe.detail("matrix", matrix(readings, consensus).asDetail());
        if (!allowedDrift.isEmpty()) {
            probe.detail("allowedDrift", allowedDrift);
        }
        if (!problems.isEmpty()) {
            return probe.failAll(problems);
        }
        String agree = Plural.count(clusters.size(), "context") + " agree on "
                + (allowedDrift.isEmpty() ? Plural.count(facts.size(), "fact")
                : (facts.size() - allowedDrift.size()) + " of " + Plural.count(facts.size(), "fact"));
        return Outcome.pass(agree + (allowedDrift.isEmpty() ? "" : "; allowed drift in " + String.join(", ", allowedDrift)));
    }

    private Map<String, Reading> readAll(Probe probe) throws InterruptedException {
        Map<String, Future<Reading>> pending = new LinkedHashMap<>();
        Map<String, Reading> readings = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String context : clusters) {
                pending.put(context, threads.submit(() -> read(probe, context)));
            }
            for (Map.Entry<String, Future<Reading>> e : pending.entrySet()) {
                try {
                    readings.put(e.getKey(), e.getValue().get(probe.deadline().remaining().toMillis(), TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.TimeoutException | CancellationException timeout) {
                    e.getValue().cancel(true);
                    readings.put(e.getKey(), failed(e.getKey(), "not read within the check's timeout"));
                } catch (ExecutionException failure) {
                    readings.put(e.getKey(), failed(e.getKey(), String.valueOf(failure.getCause().getMessage())));
                }
            }
        }
        return readings;
    }

    private Reading failed(String context, String why) {
        return new Reading(new HashMap<>(), List.of("context '" + context + "': " + why));
    }

    /** Every fact of one context, in order; a context that cannot be reached at all is one problem, not one per fact. */
    private Reading read(Probe probe, String context) throws InterruptedException {
        Map<String, String> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        KubeCluster cluster;
        try {
            cluster = Clusters.of(probe.context()).cluster(context);
        } catch (KubeException e) {
            return failed(context, e.getMessage());
        }
        Deadline deadline = probe.deadline();
        for (DriftFact fact : facts) {
            if (deadline.expired()) {
                problems.add("context '" + context + "': " + fact.name() + " not read within the check's timeout");
                continue;
            }
            try {
                values.put(fact.name(), fact.read(cluster, deadline));
            } catch (DriftReadException e) {
                problems.add("context '" + context + "': " + fact.name() + ": " + e.getMessage());
            } catch (KubeUnreachableException | KubeConfigException e) {
                problems.add(e.getMessage());
                break;
            } catch (KubeException e) {
                problems.add("context '" + context + "': " + fact.name() + ": " + e.getMessage());
            }
        }
        return new Reading(values, problems);
    }

    /** {@code dev v1.33.0, staging v1.32.4, prod v1.32.4}. */
    private String spread(DriftFact fact, Map<String, Reading> readings) {
        List<String> parts = new ArrayList<>();
        for (String context : clusters) {
            String value = readings.get(context).values().get(fact.name());
            parts.add(context + " " + (value == null ? ERROR : value));
        }
        return String.join(", ", parts);
    }

    private TableDetail matrix(Map<String, Reading> readings, Map<String, String> consensus) {
        List<String> columns = new ArrayList<>();
        columns.add("env");
        facts.forEach(f -> columns.add(f.name()));
        columns.add("drift");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String context : clusters) {
            Reading reading = readings.get(context);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("env", context);
            Set<String> differs = new LinkedHashSet<>();
            List<String> unread = new ArrayList<>();
            for (DriftFact fact : facts) {
                String value = reading.values().get(fact.name());
                row.put(fact.name(), value == null ? ERROR : value);
                if (value == null) {
                    unread.add(fact.name());
                } else if (!value.equals(consensus.get(fact.name()))) {
                    differs.add(fact.name() + (allowed.contains(fact.name()) ? " (allowed)" : ""));
                }
            }
            List<String> drift = new ArrayList<>(differs);
            if (!unread.isEmpty()) {
                drift.add("unread: " + String.join(", ", unread));
            }
            row.put("drift", drift.isEmpty() ? "none" : String.join(", ", drift));
            rows.add(row);
        }
        return new TableDetail(columns, rows);
    }
}
