package io.smokegate.cli;

import io.smokegate.chaos.ChaosScenario;
import io.smokegate.chaos.ChaosScenarioLoader;
import io.smokegate.chaos.Fault;
import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import io.smokegate.slo.KeptnSlo;
import io.smokegate.text.Plural;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.nodes.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Validate checklist files without running them. Unset $${env:...} secrets are allowed.",
            "Also validates chaos scenarios (kind: ChaosScenario) with the Chaos Mesh",
            "resources they name, and Chaos Mesh resource files, against the",
            "Chaos Mesh v2.8.3 CRD schemas. SLO files (smokegate's or Keptn's) are",
            "validated with the checklists given beside them that name them in spec.slo."},
        footer = {"", "Exit codes: 0 all valid, 2 at least one file invalid."})
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Checklist, SLO, chaos scenario or Chaos Mesh resource files.")
    List<Path> files;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a var of spec.vars (repeatable).")
    List<String> sets;

    @Option(names = "--checklists", paramLabel = "DIR", defaultValue = "checklists",
            description = "Where chaos scenarios' spec.checklist names are looked up (default: ${DEFAULT-VALUE}).")
    Path checklists;

    private final PrintStream out;
    private final PrintStream err;

    LintCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        // Linting happens where secrets are not (CI, editors): an unset variable stands in as a placeholder.
        ChecklistLoader loader = new ChecklistLoader(CheckRegistry.standard(), name -> {
            String value = System.getenv(name);
            return value != null ? value : "unset-" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        });
        ChaosScenarioLoader chaos = new ChaosScenarioLoader(new ChecklistCatalog(checklists, loader), new SafeYaml());
        int invalid = 0;
        Map<Path, SloFile> sloFiles = new LinkedHashMap<>();
        Map<Path, List<String>> namedBy = new HashMap<>();
        Set<Path> withProblems = new HashSet<>();
        for (Path file : files) {
            try {
                Node root = root(file);
                switch (root == null ? ChaosScenarioLoader.FileKind.OTHER : ChaosScenarioLoader.kindOf(root)) {
                    case SCENARIO -> {
                        ChaosScenario scenario = chaos.load(file);
                        out.println("ok: " + file + " (chaos scenario " + scenario.name() + ", "
                                + Plural.count(scenario.faults().size(), "fault") + ")");
                        continue;
                    }
                    case CHAOS_MESH_RESOURCE -> {
                        Fault fault = chaos.loadFault(file, file.toString());
                        out.println("ok: " + file + " (" + fault.kind() + " " + fault.name() + ")");
                        continue;
                    }
                    case OTHER -> {
                        SloFile slo = root == null ? null : SloFile.of(root);
                        if (slo != null) {
                            sloFiles.put(file, slo);
                            continue;
                        }
                        // a checklist, read below
                    }
                }
                Checklist checklist = loader.load(file, Inputs.sets(sets));
                checklist.includes().forEach(f -> namedBy.computeIfAbsent(normal(f), k -> new ArrayList<>()).add(checklist.name()));
                out.println("ok: " + file + " (checklist " + checklist.name() + ", " + Plural.count(checklist.checks().size(), "check") + ")");
            } catch (InvalidInputException e) {
                Inputs.print(e, err);
                invalid++;
                // a checklist's problems may be in the SLO files it names, which are then invalid too
                e.problems().stream().map(problem -> problem.position().file()).filter(Objects::nonNull)
                        .forEach(named -> withProblems.add(normal(Path.of(named))));
            }
        }
        invalid += reportSloFiles(sloFiles, namedBy, withProblems);
        if (invalid > 0) {
            err.println(invalid + " of " + Plural.count(files.size(), "file") + " invalid");
            return ExitCode.INVALID;
        }
        return ExitCode.PASSED;
    }

    /**
     * Each SLO file given: ok when a checklist given beside it named and read it, nothing more when its problems were
     * reported with that checklist's (counted invalid here), else what to lint it with.
     */
    private int reportSloFiles(Map<Path, SloFile> sloFiles, Map<Path, List<String>> namedBy, Set<Path> withProblems) {
        int invalid = 0;
        for (Map.Entry<Path, SloFile> e : sloFiles.entrySet()) {
            Path file = e.getKey();
            List<String> checklists = namedBy.get(normal(file));
            if (withProblems.contains(normal(file))) {
                invalid++;
            } else if (checklists != null) {
                out.println("ok: " + file + " (" + e.getValue().what() + " of checklist " + String.join(", ", checklists) + ")");
            } else {
                out.println("not linted alone: " + file + " (" + e.getValue().what() + "): " + e.getValue().advice(file));
            }
        }
        return invalid;
    }

    /** The file's document, or null when it cannot be read: loading it as a checklist then says why. */
    private static Node root(Path file) {
        try {
            return new SafeYaml().read(file);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static Path normal(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /**
     * A file that only a checklist gives its meaning: its SLIs select the checklist's checks, and Keptn's SLO and SLI
     * files complete each other. The checklist that names it reads it, with every problem at the file's own line:col.
     */
    enum SloFile {
        SMOKEGATE("SLO file"),
        KEPTN_SLO("Keptn's SLO file"),
        KEPTN_SLI("Keptn's SLI file");

        private final String what;

        SloFile(String what) {
            this.what = what;
        }

        String what() {
            return what;
        }

        String advice(Path file) {
            return switch (this) {
                case SMOKEGATE -> "its SLIs select a checklist's checks; lint it with a checklist that names it in spec.slo";
                case KEPTN_SLO -> "lint it with a checklist that names it in spec.slo, or convert it with: smokegate slo"
                        + " import keptn " + file + " [--sli SLI]";
                case KEPTN_SLI -> "lint it with a checklist that names it in spec.slo.sli, or convert its SLO with:"
                        + " smokegate slo import keptn SLO --sli " + file;
            };
        }

        /**
         * Which, by the top level: Keptn's files name {@code spec_version} (an SLI file has {@code indicators}), a
         * smokegate SLO file has {@code objectives} and, unlike a checklist, no {@code apiVersion} or {@code kind}.
         * Null for anything else, which is linted as a checklist.
         */
        static SloFile of(Node root) {
            if (KeptnSlo.isKeptn(root)) {
                return YamlReader.hasKey(root, "indicators") ? KEPTN_SLI : KEPTN_SLO;
            }
            return YamlReader.hasKey(root, "objectives") && !YamlReader.hasKey(root, "apiVersion")
                    && !YamlReader.hasKey(root, "kind") ? SMOKEGATE : null;
        }
    }
}
