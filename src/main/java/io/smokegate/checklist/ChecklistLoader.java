package io.smokegate.checklist;

import io.smokegate.check.Check;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamKind;
import io.smokegate.check.Params;
import io.smokegate.input.ByteSizes;
import io.smokegate.input.Durations;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.Suggestions;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import io.smokegate.schedule.Schedule;
import io.smokegate.slo.KeptnSlo;
import io.smokegate.slo.SloReader;
import io.smokegate.slo.SloSpec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates checklist files ({@code apiVersion: smokegate.io/v1}, {@code kind: Checklist}).
 * Every problem is collected with its file:line:col before anything is reported, and every check is
 * prepared by its type, so a checklist that loads is ready to run.
 */
public final class ChecklistLoader {

    public static final String API_VERSION = "smokegate.io/v1";
    public static final int MAX_CHECKS = 5000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    public static final int MAX_RETRIES = 10;
    public static final int DEFAULT_CONCURRENCY = 16;

    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SCHEDULE_FIELD = Pattern.compile("(every|cron|timezone): .*", Pattern.DOTALL);

    private final CheckRegistry registry;
    private final Function<String, String> env;
    private final SafeYaml yaml;

    public ChecklistLoader(CheckRegistry registry, Function<String, String> env) {
        this(registry, env, new SafeYaml());
    }

    public ChecklistLoader(CheckRegistry registry, Function<String, String> env, SafeYaml yaml) {
        this.registry = registry;
        this.env = env;
        this.yaml = yaml;
    }

    public Checklist load(Path file, Map<String, String> overrides) throws InvalidInputException {
        return load(file, file, overrides);
    }

    /**
     * Loads the checklist {@code file}, reading its text from {@code source}: where it really is, which the
     * caller checked (a symbolic link in a served directory must not lead out of it). Problems name
     * {@code file}, and its SLO file is looked for beside {@code file}.
     */
    public Checklist load(Path file, Path source, Map<String, String> overrides) throws InvalidInputException {
        return read(file.toString(), Optional.ofNullable(file.getParent()).orElse(Path.of("")),
                yaml.read(source, file.toString()), overrides);
    }

    /** A checklist that is not a file: it cannot refer to an SLO file. */
    public Checklist parse(String name, String text, Map<String, String> overrides) throws InvalidInputException {
        return read(name, null, yaml.parse(name, text), overrides);
    }

    /**
     * The one place problems leave the loader: each is redacted of every value taken from the environment, as
     * results are (an invalid {@code url: "http://x/?t=${env:TOKEN}"} would otherwise show the token to
     * {@code lint} output and to anyone listing checklists).
     */
    private Checklist read(String file, Path directory, Node root, Map<String, String> overrides)
            throws InvalidInputException {
        Set<String> secrets = new HashSet<>();
        try {
            return read(file, directory, root, overrides, secrets);
        } catch (InvalidInputException e) {
            Redactor redactor = Redactor.of(secrets);
            throw new InvalidInputException(e.problems().stream().map(redactor::redactProblem).toList());
        }
    }

    /**
     * @param directory the checklist file's directory, which SLO file references are resolved in; null for none
     * @param secrets where the values taken from the environment are collected
     */
    private Checklist read(String file, Path directory, Node root, Map<String, String> overrides, Set<String> secrets)
            throws InvalidInputException {
        YamlReader r = new YamlReader(file);
        Mapping top = r.mapping(root, "");
        if (top == null) {
            r.throwIfProblems();
        }
        top.allowOnly(Set.of("apiVersion", "kind", "metadata", "spec"));
        expectConstant(r, top, "apiVersion", API_VERSION);
        expectConstant(r, top, "kind", "Checklist");

        Mapping metadata = optionalMapping(r, top, "metadata");
        String name = null;
        String description = "";
        Map<String, String> labels = Map.of();
        if (metadata != null) {
            metadata.allowOnly(Set.of("name", "description", "labels"));
            name = name(r, metadata, "name");
            description = Optional.ofNullable(metadata.get("description")).map(n -> r.string(n, "metadata.description")).orElse("");
            labels = Optional.ofNullable(metadata.get("labels")).map(n -> r.stringMap(n, "metadata.labels")).orElse(Map.of());
        } else {
            r.problem(root, "metadata: missing required field", "every checklist needs metadata.name");
        }

        Node specNode = top.require("spec");
        Mapping spec = specNode == null ? null : r.mapping(specNode, "spec");
        if (spec == null) {
            r.throwIfProblems();
        }
        spec.allowOnly(Set.of("vars", "defaults", "concurrency", "schedule", "checks", "slo"));
        VarExpander expander = vars(r, spec, overrides, secrets);
        Duration defaultTimeout = DEFAULT_TIMEOUT;
        int defaultRetries = 0;
        Mapping defaults = optionalMapping(r, spec, "defaults");
        if (defaults != null) {
            defaults.allowOnly(Set.of("timeout", "retries"));
            defaultTimeout = orElse(timeout(r, defaults.get("timeout"), "spec.defaults.timeout"), DEFAULT_TIMEOUT);
            defaultRetries = orElse(retries(r, defaults.get("retries"), "spec.defaults.retries"), 0);
        }
        int concurrency = Optional.ofNullable(spec.get("concurrency"))
                .map(n -> r.integer(n, "spec.concurrency", 1, 256)).orElse(DEFAULT_CONCURRENCY);
        Schedule schedule = Optional.ofNullable(spec.get("schedule")).map(n -> schedule(r, n, "spec.schedule")).orElse(null);

        List<CheckSpec> checks = checks(r, spec, expander, defaultTimeout, defaultRetries);
        Function<YamlReader, SloReader> sloReader = reader -> new SloReader(reader,
                checks.stream().map(CheckSpec::id).collect(Collectors.toSet()),
                checks.stream().map(CheckSpec::type).collect(Collectors.toSet()));
        SloSpec slo = null;
        List<Path> includes = List.of();
        Node sloNode = spec.get("slo");
        if (sloNode instanceof ScalarNode) {
            Path sloFile = sloFile(r, sloNode, "spec.slo", directory);
            if (sloFile != null) {
                includes = List.of(sloFile);
                slo = readSloFile(r, sloReader, sloFile, null, directory);
            }
        } else if (YamlReader.hasKey(sloNode, "keptn")) {
            Mapping keptn = r.mapping(sloNode, "spec.slo");
            keptn.allowOnly(Set.of("keptn", "sli"));
            Path sloFile = sloFile(r, keptn.get("keptn"), keptn.path("keptn"), directory);
            Path sliFile = keptn.has("sli") ? sloFile(r, keptn.get("sli"), keptn.path("sli"), directory) : null;
            if (sloFile != null && (sliFile != null || !keptn.has("sli"))) {
                includes = sliFile == null ? List.of(sloFile) : List.of(sloFile, sliFile);
                slo = readSloFile(r, sloReader, sloFile, sliFile, directory);
            }
        } else if (sloNode != null) {
            slo = sloReader.apply(r).read(sloNode, "spec.slo");
        }
        r.throwIfProblems();
        return new Checklist(name, description, labels, concurrency, checks, schedule, slo,
                Redactor.of(secrets), file, includes);
    }

    /**
     * The SLO file {@code spec.slo} names, resolved in the checklist's directory as the checklist was named
     * (so messages name both files alike). It must stay inside that directory: a checklist directory served
     * by {@code serve} must not be a way to read other files.
     */
    private static Path sloFile(YamlReader r, Node node, String field, Path directory) {
        String name = r.string(node, field);
        if (name == null) {
            return null;
        }
        if (directory == null) {
            r.problem(node, field + ": a checklist that is not a file cannot name an SLO file",
                    "write the SLO into spec.slo");
            return null;
        }
        Path resolved = directory.resolve(name).normalize();
        Path root = directory.toAbsolutePath().normalize();
        if (name.isBlank() || !resolved.toAbsolutePath().normalize().startsWith(root)) {
            r.problem(node, field + ": '" + name + "' is not a file in the checklist's directory or below",
                    "give a relative path such as release.slo.yaml, or write the SLO into spec.slo");
            return null;
        }
        return resolved;
    }

    /**
     * Reads an SLO file (the {@code spec.slo} mapping as a document of its own) or Keptn's SLO file (its top
     * level names {@code spec_version}) with the queries of Keptn's SLI file when one is named; problems carry
     * the name of the file they are in.
     * What is read is where the file really is, and only if that is inside the checklist's directory too: a
     * symbolic link there may point to another file of the directory, not out of it.
     */
    private SloSpec readSloFile(YamlReader r, Function<YamlReader, SloReader> sloReader, Path sloFile, Path sliFile,
            Path directory) {
        YamlReader own = new YamlReader(sloFile.toString());
        YamlReader sliOwn = new YamlReader(String.valueOf(sliFile));
        SloSpec slo = null;
        try {
            Node root = yaml.read(realPathWithin(sloFile, directory), sloFile.toString());
            if (sliFile != null || KeptnSlo.isKeptn(root)) {
                // Keptn's quality-gate files: its SLO, and the Prometheus queries of its SLI file when named
                Optional<KeptnSlo.Document> sli = sliFile == null ? Optional.empty() : Optional.of(
                        new KeptnSlo.Document(sliOwn, yaml.read(realPathWithin(sliFile, directory), sliFile.toString())));
                slo = Optional.ofNullable(KeptnSlo.convert(new KeptnSlo.Document(own, root), sli,
                        "name Keptn's SLI file too: spec.slo: {keptn: FILE, sli: FILE}")).map(KeptnSlo.Conversion::spec).orElse(null);
            } else {
                slo = sloReader.apply(own).read(root, "");
            }
        } catch (InvalidInputException e) {
            e.problems().forEach(own::add);
        }
        own.problems().forEach(r::add);
        sliOwn.problems().forEach(r::add);
        return own.hasProblems() || sliOwn.hasProblems() ? null : slo;
    }

    /**
     * Where {@code file} really is, every symbolic link on the way resolved, which must be inside
     * {@code directory}'s real path: a link there may point to another file of the directory, not out of it.
     * The problem of a link that leads out does not name its target, and nothing of the target is read.
     */
    static Path realPathWithin(Path file, Path directory) throws InvalidInputException {
        return realPathWithin(file, directory, "checklist directory");
    }

    /** As {@link #realPathWithin(Path, Path)}, naming the directory {@code directoryNoun} in the problem. */
    public static Path realPathWithin(Path file, Path directory, String directoryNoun) throws InvalidInputException {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(directory.toRealPath())) {
                throw new InvalidInputException(new Problem(Position.of(file.toString()),
                        "a symbolic link that leads out of the " + directoryNoun + "; it is not read",
                        "copy the file into the directory, or link to a file inside it"));
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Problem.at(Position.of(file.toString()), "no such file"));
        } catch (IOException e) {
            throw new InvalidInputException(Problem.at(Position.of(file.toString()), "cannot read file: " + e.getMessage()));
        }
    }

    /** Reads a schedule mapping ({@code every} or {@code cron} + {@code timezone}); also used by the API and config. */
    public static Schedule schedule(YamlReader r, Node node, String field) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        m.allowOnly(Set.of("every", "cron", "timezone"));
        String every = Optional.ofNullable(m.get("every")).map(n -> r.string(n, m.path("every"))).orElse(null);
        String cron = Optional.ofNullable(m.get("cron")).map(n -> r.string(n, m.path("cron"))).orElse(null);
        String zone = Optional.ofNullable(m.get("timezone")).map(n -> r.string(n, m.path("timezone"))).orElse(null);
        try {
            return Schedule.of(every, cron, zone);
        } catch (IllegalArgumentException e) {
            // Schedule.of names the field at fault ("cron: ...") unless the problem is the combination
            java.util.regex.Matcher named = SCHEDULE_FIELD.matcher(e.getMessage());
            if (named.matches() && m.get(named.group(1)) != null) {
                r.problem(m.get(named.group(1)), field + "." + e.getMessage());
            } else {
                r.problem(node, field + ": " + e.getMessage());
            }
            return null;
        }
    }

    private VarExpander vars(YamlReader r, Mapping spec, Map<String, String> overrides, Set<String> secrets) {
        Map<String, String> declared = new LinkedHashMap<>();
        Set<String> invalid = new HashSet<>();
        Mapping vars = optionalMapping(r, spec, "vars");
        VarExpander envOnly = new VarExpander(Map.of(), Set.of(), env, secrets);
        if (vars != null) {
            for (Mapping.Entry e : vars.entries()) {
                String field = vars.path(e.name());
                if (!VAR_NAME.matcher(e.name()).matches()) {
                    r.problem(e.key(), field + ": var names are letters, digits and _ (not starting with a digit)");
                    invalid.add(e.name());
                    continue;
                }
                String raw = r.string(e.value(), field);
                if (raw == null) {
                    invalid.add(e.name());
                    continue;
                }
                if (overrides.containsKey(e.name())) {
                    declared.put(e.name(), overrides.get(e.name()));
                    continue;
                }
                try {
                    declared.put(e.name(), envOnly.expandEnvOnly(raw));
                } catch (VarExpander.ExpansionException ex) {
                    r.problem(e.value(), field + ": " + ex.getMessage());
                    invalid.add(e.name());
                }
            }
        }
        for (String key : overrides.keySet()) {
            if (vars == null || !vars.has(key)) {
                r.add(new Problem(Position.of("--set " + key), "the checklist declares no var '" + key + "'",
                        vars == null || vars.byName().isEmpty() ? "declare it under spec.vars"
                                : Suggestions.hint(key, vars.byName().keySet())));
            }
        }
        return new VarExpander(declared, invalid, env, secrets);
    }

    private List<CheckSpec> checks(YamlReader r, Mapping spec, VarExpander expander, Duration defaultTimeout,
                                   int defaultRetries) {
        Node node = spec.require("checks");
        List<Node> items = node == null ? null : r.sequence(node, "spec.checks");
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            r.problem(node, "spec.checks: a checklist needs at least one check");
        }
        if (items.size() > MAX_CHECKS) {
            r.problem(node, "spec.checks: " + items.size() + " checks, more than the limit of " + MAX_CHECKS,
                    "split the checklist");
            return List.of();
        }
        List<CheckSpec> checks = new ArrayList<>();
        Map<String, Node> idNodes = new HashMap<>();
        Map<String, List<Node>> needNodes = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "spec.checks[" + i + "]";
            Mapping m = r.mapping(items.get(i), field);
            if (m == null) {
                continue;
            }
            m.allowOnly(Set.of("id", "type", "description", "timeout", "retries", "weight", "needs", "with"));
            String id = name(r, m, "id");
            if (id != null) {
                Node previous = idNodes.putIfAbsent(id, m.get("id"));
                if (previous != null) {
                    r.problem(m.get("id"), m.path("id") + ": duplicate check id '" + id + "'",
                            "first used at line " + r.position(previous).line());
                    id = null;
                }
            }
            Duration timeout = orElse(timeout(r, m.get("timeout"), m.path("timeout")), defaultTimeout);
            int retries = orElse(retries(r, m.get("retries"), m.path("retries")), defaultRetries);
            double weight = Optional.ofNullable(m.get("weight")).map(n -> r.number(n, m.path("weight"), 0, 1000)).orElse(1.0);
            String description = Optional.ofNullable(m.get("description")).map(n -> r.string(n, m.path("description"))).orElse("");
            List<String> needs = List.of();
            if (m.get("needs") != null) {
                List<Node> needItems = r.sequence(m.get("needs"), m.path("needs"));
                needs = needItems == null ? List.of()
                        : Optional.ofNullable(r.strings(m.get("needs"), m.path("needs"))).orElse(List.of());
                if (id != null && needItems != null && needs.size() == needItems.size()) {
                    needNodes.put(id, needItems);
                }
            }
            String typeName = Optional.ofNullable(m.require("type")).map(n -> r.string(n, m.path("type"))).orElse(null);
            CheckType type = null;
            if (typeName != null) {
                type = registry.find(typeName).orElse(null);
                if (type == null) {
                    r.problem(m.get("type"), m.path("type") + ": unknown check type '" + typeName + "'",
                            Suggestions.hint(typeName, registry.names()));
                }
            }
            Check check = type == null ? null : prepare(r, m, type, expander);
            if (id != null && check != null) {
                checks.add(new CheckSpec(id, type.name(), description, timeout, retries, weight, needs, check,
                        r.position(items.get(i))));
            }
        }
        validateNeeds(r, idNodes, needNodes);
        return checks;
    }

    private Check prepare(YamlReader r, Mapping check, CheckType type, VarExpander expander) {
        String field = check.path("with");
        Node withNode = check.get("with");
        Mapping with = withNode == null ? null : r.mapping(withNode, field);
        if (withNode != null && with == null) {
            return null;
        }
        Map<String, Param> declared = new LinkedHashMap<>();
        type.params().forEach(p -> declared.put(p.name(), p));
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        if (with != null) {
            for (Mapping.Entry e : with.entries()) {
                Param param = declared.get(e.name());
                if (param == null) {
                    r.problem(e.key(), with.path(e.name()) + ": type '" + type.name() + "' has no parameter "
                            + YamlReader.quotedName(e.name(), "key"), Suggestions.hint(e.name(), declared.keySet()));
                    ok = false;
                    continue;
                }
                Object value = convert(r, e.value(), with.path(e.name()), param, expander);
                ok &= value != null;
                values.put(e.name(), value);
            }
        }
        for (Param p : declared.values()) {
            if (values.containsKey(p.name())) {
                continue;
            }
            if (p.required()) {
                r.problem(withNode != null ? withNode : check.node(), field + "." + p.name()
                        + ": missing required parameter of type '" + type.name() + "'", p.description());
                ok = false;
            } else {
                values.put(p.name(), p.defaultValue());
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return type.create(new Params(values));
        } catch (InvalidParamException e) {
            Node at = with != null && with.get(e.param()) != null ? with.get(e.param()) : check.node();
            r.problem(at, field + "." + e.param() + ": " + e.getMessage(), e.hint());
            return null;
        }
    }

    private Object convert(YamlReader r, Node node, String field, Param param, VarExpander expander) {
        ParamKind kind = param.kind();
        return switch (kind) {
            case STRINGS -> {
                List<String> raw = node instanceof ScalarNode ? Optional.ofNullable(r.string(node, field)).map(List::of).orElse(null)
                        : r.strings(node, field);
                yield raw == null ? null : expandAll(r, node, field, raw, expander);
            }
            case STRING_MAP -> stringMap(r, node, field, expander);
            case STRING_MAPS -> {
                if (!(node instanceof SequenceNode)) {
                    Map<String, String> one = stringMap(r, node, field, expander);
                    yield one == null ? null : List.of(one);
                }
                List<Node> items = r.sequence(node, field);
                List<Map<String, String>> out = new ArrayList<>();
                for (int i = 0; items != null && i < items.size(); i++) {
                    Map<String, String> item = stringMap(r, items.get(i), field + "[" + i + "]", expander);
                    if (item == null) {
                        yield null;
                    }
                    out.add(item);
                }
                yield items == null ? null : List.copyOf(out);
            }
            case VALUE_MAP -> valueMap(r, node, field, expander);
            default -> {
                String text = r.string(node, field);
                String expanded = text == null ? null : expand(r, node, field, text, expander);
                yield expanded == null ? null : scalar(r, node, field, param, kind == ParamKind.STRING ? expanded : expanded.trim());
            }
        };
    }

    private static Map<String, String> stringMap(YamlReader r, Node node, String field, VarExpander expander) {
        Map<String, String> raw = r.stringMap(node, field);
        if (raw == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String v = expand(r, node, field + "." + YamlReader.keyLabel(e.getKey()), e.getValue(), expander);
            if (v == null) {
                return null;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private Object scalar(YamlReader r, Node node, String field, Param param, String text) {
        switch (param.kind()) {
            case STRING:
                return text;
            case INTEGER:
                try {
                    long v = Long.parseLong(text.replace("_", ""));
                    if (v < param.min() || v > param.max()) {
                        r.problem(node, field + ": " + v + " is out of range", "allowed: " + param.min() + " to " + param.max());
                        return null;
                    }
                    return v;
                } catch (NumberFormatException e) {
                    r.problem(node, field + ": expected " + param.kind().description() + ", found '" + text + "'");
                    return null;
                }
            case BOOLEAN:
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.parseBoolean(text);
                }
                r.problem(node, field + ": expected true or false, found '" + text + "'");
                return null;
            case DURATION: {
                Optional<Duration> d = Durations.parse(text);
                if (d.isEmpty()) {
                    r.problem(node, field + ": '" + text + "' is not a duration", Durations.EXAMPLES);
                    return null;
                }
                if (d.get().toMillis() < Math.max(0, param.min()) || d.get().toMillis() > param.max()) {
                    r.problem(node, field + ": " + text + " is out of range");
                    return null;
                }
                return d.get();
            }
            case SIZE: {
                Optional<Long> size = ByteSizes.parse(text);
                if (size.isEmpty()) {
                    r.problem(node, field + ": '" + text + "' is not a size", ByteSizes.EXAMPLES);
                    return null;
                }
                if (size.get() < param.min() || size.get() > param.max()) {
                    r.problem(node, field + ": " + text + " is out of range", "at most " + ByteSizes.format(param.max()));
                    return null;
                }
                return size.get();
            }
            default:
                throw new IllegalStateException("not a scalar kind: " + param.kind());
        }
    }

    private Map<String, Object> valueMap(YamlReader r, Node node, String field, VarExpander expander) {
        Mapping m = r.mapping(node, field);
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Mapping.Entry e : m.entries()) {
            if (!(e.value() instanceof ScalarNode scalar)) {
                r.problem(e.value(), m.path(e.name()) + ": expected a plain value, found a mapping or list");
                return null;
            }
            Tag tag = scalar.getTag();
            Object value;
            if (tag.equals(Tag.NULL)) {
                value = null;
            } else if (tag.equals(Tag.BOOL)) {
                value = YamlReader.booleanValue(scalar.getValue());
            } else if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                value = r.number(scalar, m.path(e.name()), -Double.MAX_VALUE, Double.MAX_VALUE);
                if (value != null && tag.equals(Tag.INT)) {
                    value = ((Double) value).longValue();
                }
            } else {
                value = expand(r, scalar, m.path(e.name()), scalar.getValue(), expander);
                if (value == null) {
                    return null;
                }
            }
            out.put(e.name(), value);
        }
        return out;
    }

    private List<String> expandAll(YamlReader r, Node node, String field, List<String> raw, VarExpander expander) {
        List<String> out = new ArrayList<>(raw.size());
        for (String s : raw) {
            String v = expand(r, node, field, s, expander);
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    private static String expand(YamlReader r, Node node, String field, String text, VarExpander expander) {
        try {
            return expander.expand(text);
        } catch (VarExpander.ExpansionException e) {
            if (!e.alreadyReported()) {
                r.problem(node, field + ": " + e.getMessage());
            }
            return null;
        }
    }

    private static void validateNeeds(YamlReader r, Map<String, Node> ids, Map<String, List<Node>> needs) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (Map.Entry<String, List<Node>> e : needs.entrySet()) {
            List<String> targets = new ArrayList<>();
            for (Node n : e.getValue()) {
                String target = ((ScalarNode) n).getValue();
                if (target.equals(e.getKey())) {
                    r.problem(n, "check '" + e.getKey() + "' needs itself");
                } else if (!ids.containsKey(target)) {
                    r.problem(n, "check '" + e.getKey() + "' needs unknown check '" + target + "'",
                            Suggestions.hint(target, ids.keySet()));
                } else {
                    targets.add(target);
                }
            }
            graph.put(e.getKey(), targets);
        }
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> cycle = findCycle(start, graph, new LinkedHashSet<>(), done);
            if (cycle != null) {
                r.problem(ids.get(cycle.get(0)), "needs form a cycle: " + String.join(" → ", cycle),
                        "remove one of these needs");
                return;
            }
        }
    }

    private static List<String> findCycle(String node, Map<String, List<String>> graph, LinkedHashSet<String> path,
                                          Set<String> done) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>(path);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(node), cycle.size()));
            cycle.add(node);
            return cycle;
        }
        if (!done.add(node)) {
            return null;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, List.of())) {
            List<String> cycle = findCycle(next, graph, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(node);
        return null;
    }

    private static String name(YamlReader r, Mapping m, String key) {
        Node node = m.require(key);
        String value = node == null ? null : r.string(node, m.path(key));
        if (value != null && !NAME.matcher(value).matches()) {
            r.problem(node, m.path(key) + ": '" + value + "' is not a valid name",
                    "use lower-case letters, digits and '-', at most 63 characters, e.g. proxy-health");
            return null;
        }
        return value;
    }

    private static Duration timeout(YamlReader r, Node node, String field) {
        return node == null ? null : r.duration(node, field, Duration.ofMillis(1), MAX_TIMEOUT);
    }

    private static Integer retries(YamlReader r, Node node, String field) {
        return node == null ? null : r.integer(node, field, 0, MAX_RETRIES);
    }

    private static Mapping optionalMapping(YamlReader r, Mapping parent, String key) {
        Node node = parent.get(key);
        return node == null ? null : r.mapping(node, parent.path(key));
    }

    private static void expectConstant(YamlReader r, Mapping m, String key, String expected) {
        Node node = m.require(key);
        String value = node == null ? null : r.string(node, key);
        if (value != null && !value.equals(expected)) {
            r.problem(node, key + ": '" + value + "' is not supported", "use " + key + ": " + expected);
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
