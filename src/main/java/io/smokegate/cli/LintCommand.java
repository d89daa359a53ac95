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
import io.smokegate.text.Plural;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Validate checklist files without running them. Unset $${env:...} secrets are allowed.",
            "Also validates chaos scenarios (kind: ChaosScenario) with the Chaos Mesh",
            "resources they name, and Chaos Mesh resource files, against the",
            "Chaos Mesh v2.8.3 CRD schemas."},
        footer = {"", "Exit codes: 0 all valid, 2 at least one file invalid."})
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Checklist, chaos scenario or Chaos Mesh resource files.")
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
        for (Path file : files) {
            try {
                switch (ChaosScenarioLoader.kindOf(file)) {
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
                        // a checklist, read below
                    }
                }
                Checklist checklist = loader.load(file, Inputs.sets(sets));
                out.println("ok: " + file + " (checklist " + checklist.name() + ", " + Plural.count(checklist.checks().size(), "check") + ")");
            } catch (InvalidInputException e) {
                Inputs.print(e, err);
                invalid++;
            }
        }
        if (invalid > 0) {
            err.println(invalid + " of " + Plural.count(files.size(), "file") + " invalid");
            return ExitCode.INVALID;
        }
        return ExitCode.PASSED;
    }
}
