package io.smokegate.chaos;

import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.Durations;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.Suggestions;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import io.smokegate.slo.SloReader;
import io.smokegate.slo.SloSpec;
import io.smokegate.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code kind: ChaosScenario} file and the Chaos Mesh resources it names, and validates them all before
 * anything touches a cluster: each resource against its kind's CRD schema (unknown fields are errors), with
 * a valid {@code spec.duration} if any, in one of the scenario's namespaces; the checklist exists and the phase objectives
 * read as a checklist's {@code spec.slo} does. Every problem is reported with file:line:col.
 */
public final class ChaosScenarioLoader {

    public static final String KIND = "ChaosScenario";
    public static final Duration MAX_DURATION = Duration.ofHours(6);
    public static final int MAX_FAULTS = 20;
    public static final int MAX_RUNS = 1000;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String SCENARIO_DIRECTORY = "scenario directory";

    private final ChecklistCatalog checklists;
    private final SafeYaml yaml;

    /** {@code checklists}: where {@code spec.checklist} names are looked up. */
    public ChaosScenarioLoader(ChecklistCatalog checklists, SafeYaml yaml) {
        this.checklists = checklists;
        this.yaml = yaml;
    }

    /** What a YAML file holds, by its {@code apiVersion} and {@code kind}, so {@code lint} knows how to read it. */
    public enum FileKind { SCENARIO, CHAOS_MESH_RESOURCE, OTHER }

    /** The kind of a file; OTHER when it cannot be read (whoever loads it reports why). */
    public static FileKind kindOf(Path file) {
        try {
            return kindOf(new SafeYaml().read(file));
        } catch (InvalidInputException e) {
            return FileKind.OTHER;
        }
    }

    /** The kind of a document already read. */
    public static FileKind kindOf(Node root) {
        java.util.Map<String, String> header = new java.util.HashMap<>();
        if (root instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                    header.putIfAbsent(k.getValue(), v.getValue());
                }
            }
        }
        if (KIND.equals(header.get("kind"))) {
            return FileKind.SCENARIO;
        }
        return header.getOrDefault("apiVersion", "").startsWith("chaos-mesh.org/") ? FileKind.CHAOS_MESH_RESOURCE : FileKind.OTHER;
    }

    public ChaosScenario load(Path file) throws InvalidInputException {
        YamlReader r = new YamlReader(file.toString());
        Path directory = file.toAbsolutePath().getParent();
        Node root = yaml.read(file);
        Mapping doc = r.mapping(root, "");
        if (doc == null) {
            r.throwIfProblems();
        }
        doc.allowOnly(Set.of("apiVersion", "kind", "metadata", "spec"));
        expect(r, doc, "apiVersion", ChecklistLoader.API_VERSION);
        expect(r, doc, "kind", KIND);
        String name = null;
        String description = "";
        Mapping meta = Optional.ofNullable(doc.require("metadata")).map(n -> r.mapping(n, "metadata")).orElse(null);
        if (meta != null) {
            meta.allowOnly(Set.of("name", "description"));
            name = Optional.ofNullable(meta.require("name")).map(n -> r.string(n, "metadata.name")).orElse(null);
            if (name != null && !NAME.matcher(name).matches()) {
                r.problem(meta.get("name"), "metadata.name: " + YamlReader.quotedName(name, "name") + " is not a valid name",
                        "lower-case letters, digits and '-', at most 63 characters");
            }
            description = Optional.ofNullable(meta.get("description")).map(n -> r.string(n, "metadata.description")).orElse("");
        }
        Mapping spec = Optional.ofNullable(doc.require("spec")).map(n -> r.mapping(n, "spec")).orElse(null);
        if (spec == null) {
            r.throwIfProblems();
        }
        spec.allowOnly(Set.of("checklist", "namespaces", "faults", "phases", "maxDuration", "abortRule", "schedule"));
        Checklist checklist = checklist(r, spec.require("checklist"));
        List<String> namespaces = Optional.ofNullable(spec.require("namespaces")).map(n -> r.strings(n, "spec.namespaces")).orElse(List.of());
        Duration maxDuration = Optional.ofNullable(spec.require("maxDuration"))
                .map(n -> r.duration(n, "spec.maxDuration", Duration.ofSeconds(10), MAX_DURATION)).orElse(null);
        List<Fault> faults = faults(r, spec, directory, namespaces, maxDuration);
        Mapping phases = Optional.ofNullable(spec.require("phases")).map(n -> r.mapping(n, "spec.phases")).orElse(null);
        ChaosScenario.SteadyState steady = null;
        ChaosScenario.During during = null;
        ChaosScenario.Recovery recovery = null;
        if (phases != null) {
            phases.allowOnly(Set.of("steadyState", "during", "recovery"));
            Phase s = phase(r, phases, "steadyState", Set.of(), checklist);
            Phase d = phase(r, phases, "during", Set.of("runs", "interval"), checklist);
            Phase rc = phase(r, phases, "recovery", Set.of("window", "interval"), checklist);
            steady = s == null ? null : new ChaosScenario.SteadyState(s.slo);
            if (d != null) {
                Integer runs = Optional.ofNullable(d.map.require("runs")).map(n -> r.integer(n, d.map.path("runs"), 1, MAX_RUNS)).orElse(null);
                Duration interval = interval(r, d.map);
                during = runs == null || interval == null ? null : new ChaosScenario.During(runs, interval, d.slo);
                if (during != null && maxDuration != null && interval.multipliedBy(runs - 1L).compareTo(maxDuration) > 0) {
                    r.problem(d.map.node(), "spec.phases.during: " + runs + " runs " + Durations.format(interval)
                            + " apart last longer than spec.maxDuration (" + Durations.format(maxDuration) + ")",
                            "fewer runs, a shorter interval or a longer maxDuration");
                }
            }
            if (rc != null) {
                Duration window = Optional.ofNullable(rc.map.require("window"))
                        .map(n -> r.duration(n, rc.map.path("window"), Duration.ofSeconds(1), MAX_DURATION)).orElse(null);
                Duration interval = interval(r, rc.map);
                recovery = window == null || interval == null ? null : new ChaosScenario.Recovery(window, interval, rc.slo);
            }
        }
        ChaosScenario.AbortRule abort = Optional.ofNullable(spec.get("abortRule")).map(n -> abortRule(r, n)).orElse(ChaosScenario.AbortRule.DEFAULT);
        Schedule schedule = Optional.ofNullable(spec.get("schedule")).map(n -> ChecklistLoader.schedule(r, n, "spec.schedule")).orElse(null);
        r.throwIfProblems();
        return new ChaosScenario(name, description, file, checklist, namespaces, faults, steady, during, recovery, maxDuration,
                abort, schedule);
    }

    /**
     * Reads one Chaos Mesh resource file on its own (as {@code lint} does): a known kind, valid against its CRD
     * schema, with a name, a namespace and {@code spec.duration}.
     */
    public Fault loadFault(Path file, String name) throws InvalidInputException {
        YamlReader r = new YamlReader(name);
        Node root = yaml.read(file, name);
        Fault fault = fault(r, root, file);
        r.throwIfProblems();
        return fault;
    }

    private Fault fault(YamlReader r, Node root, Path file) {
        Mapping doc = r.mapping(root, "");
        if (doc == null) {
            return null;
        }
        expect(r, doc, "apiVersion", CrdSchema.API_VERSION);
        String kind = Optional.ofNullable(doc.require("kind")).map(n -> r.string(n, "kind")).orElse(null);
        CrdSchema schema = kind == null ? null : CrdSchema.of(kind);
        if (kind != null && schema == null) {
            r.problem(doc.get("kind"), "kind: " + YamlReader.quotedName(kind, "kind") + " is not a Chaos Mesh kind smokegate can inject",
                    "known kinds: " + String.join(", ", CrdSchema.KINDS));
        }
        Mapping meta = Optional.ofNullable(doc.require("metadata")).map(n -> r.mapping(n, "metadata")).orElse(null);
        String name = meta == null ? null : Optional.ofNullable(meta.require("name")).map(n -> r.string(n, "metadata.name")).orElse(null);
        String namespace = meta == null ? null
                : Optional.ofNullable(meta.require("namespace")).map(n -> r.string(n, "metadata.namespace")).orElse(null);
        Mapping spec = Optional.ofNullable(doc.require("spec")).map(n -> r.mapping(n, "spec")).orElse(null);
        Duration duration = null;
        if (spec != null) {
            // Without one, smokegate sets the scenario's maximum when it creates the object (never none).
            Node d = spec.get("duration");
            if (d != null) {
                duration = r.duration(d, "spec.duration", Duration.ofSeconds(1), MAX_DURATION);
            }
        }
        if (schema != null) {
            schema.validate(r, root);
        }
        return new Fault(file, kind, name, namespace, duration, root);
    }

    private List<Fault> faults(YamlReader r, Mapping spec, Path directory, List<String> namespaces, Duration maxDuration) {
        Node node = spec.require("faults");
        List<Node> items = node == null ? null : r.sequence(node, "spec.faults");
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty() || items.size() > MAX_FAULTS) {
            r.problem(node, "spec.faults: " + items.size() + " faults; a scenario has 1 to " + MAX_FAULTS);
            return List.of();
        }
        List<Fault> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "spec.faults[" + i + "]";
            String name = r.string(items.get(i), field);
            Path file = name == null ? null : within(r, items.get(i), field, name, directory);
            if (file == null) {
                continue;
            }
            YamlReader own = new YamlReader(file.toString());
            try {
                Fault fault = fault(own, yaml.read(ChecklistLoader.realPathWithin(file, directory, SCENARIO_DIRECTORY), file.toString()), file);
                if (fault.namespace() != null && !namespaces.contains(fault.namespace())) {
                    r.problem(items.get(i), field + ": the fault is in namespace '" + fault.namespace()
                            + "', which is not one of spec.namespaces", "add it to spec.namespaces or move the fault");
                }
                if (fault.duration() != null && maxDuration != null && fault.duration().compareTo(maxDuration) > 0) {
                    r.problem(items.get(i), field + ": the fault's spec.duration (" + Durations.format(fault.duration())
                            + ") is longer than spec.maxDuration (" + Durations.format(maxDuration) + ")");
                }
                out.add(fault);
            } catch (InvalidInputException e) {
                e.problems().forEach(own::add);
            }
            own.problems().forEach(r::add);
        }
        return out;
    }

    /** A file named in the scenario, resolved in its directory; names leading out of the directory are problems. */
    private static Path within(YamlReader r, Node node, String field, String name, Path directory) {
        Path resolved = directory.resolve(name).normalize();
        if (name.isBlank() || !resolved.startsWith(directory.normalize())) {
            r.problem(node, field + ": '" + name + "' is not a file in the scenario's directory or below",
                    "give a relative path such as faults/proxy-latency.yaml");
            return null;
        }
        return Path.of(name).isAbsolute() ? resolved : relative(resolved);
    }

    /** Files are named in messages relative to the working directory when they are below it, as the user wrote them. */
    private static Path relative(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    }

    private Checklist checklist(YamlReader r, Node node) {
        String name = node == null ? null : r.string(node, "spec.checklist");
        if (name == null) {
            return null;
        }
        try {
            Optional<Checklist> found = checklists.find(name);
            if (found.isEmpty()) {
                Set<String> known = checklists.entries().stream().filter(ChecklistCatalog.Entry::valid)
                        .map(e -> e.checklist().name()).collect(Collectors.toCollection(java.util.TreeSet::new));
                r.problem(node, "spec.checklist: no valid checklist named " + YamlReader.quotedName(name, "name") + " in "
                        + checklists.directory(), known.isEmpty() ? "the directory has no valid checklist"
                        : Suggestions.hint(name, known));
            }
            return found.orElse(null);
        } catch (IOException e) {
            r.problem(node, "spec.checklist: cannot read the checklist directory " + checklists.directory() + ": " + e.getMessage());
            return null;
        }
    }

    private record Phase(Mapping map, SloSpec slo) {
    }

    /** A phase mapping with its {@code slo} (the grammar of a checklist's spec.slo) and the {@code fields} it also takes. */
    private static Phase phase(YamlReader r, Mapping phases, String name, Set<String> fields, Checklist checklist) {
        Node node = phases.require(name);
        Mapping m = node == null ? null : r.mapping(node, phases.path(name));
        if (m == null) {
            return null;
        }
        Set<String> allowed = new java.util.HashSet<>(fields);
        allowed.add("slo");
        m.allowOnly(allowed);
        Node slo = m.require("slo");
        if (slo == null || checklist == null) {
            return new Phase(m, null); // without the checklist, its check SLIs cannot be told from typos
        }
        SloReader reader = new SloReader(r,
                checklist.checks().stream().map(c -> c.id()).collect(Collectors.toSet()),
                checklist.checks().stream().map(c -> c.type()).collect(Collectors.toSet()));
        return new Phase(m, reader.read(slo, m.path("slo")));
    }

    private static Duration interval(YamlReader r, Mapping m) {
        return Optional.ofNullable(m.require("interval"))
                .map(n -> r.duration(n, m.path("interval"), Duration.ofSeconds(1), Duration.ofHours(1))).orElse(null);
    }

    private static ChaosScenario.AbortRule abortRule(YamlReader r, Node node) {
        Mapping m = r.mapping(node, "spec.abortRule");
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("keyObjectiveFailures"));
        Integer runs = Optional.ofNullable(m.require("keyObjectiveFailures"))
                .map(n -> r.integer(n, "spec.abortRule.keyObjectiveFailures", 0, MAX_RUNS)).orElse(null);
        return runs == null ? null : new ChaosScenario.AbortRule(runs);
    }

    private static void expect(YamlReader r, Mapping doc, String field, String value) {
        String text = Optional.ofNullable(doc.require(field)).map(n -> r.string(n, field)).orElse(null);
        if (text != null && !text.equals(value)) {
            r.problem(doc.get(field), field + ": " + YamlReader.quotedName(text, "value") + " is not supported", "use " + value);
        }
    }
}
