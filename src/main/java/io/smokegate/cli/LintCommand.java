package io.smokegate.cli;

import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.text.Plural;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Validate checklist files without running them. Unset $${env:...} secrets are allowed.",
        footer = {"", "Exit codes: 0 all valid, 2 at least one file invalid."})
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Checklist files.")
    List<Path> files;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a var of spec.vars (repeatable).")
    List<String> sets;

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
        int invalid = 0;
        for (Path file : files) {
            try {
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
