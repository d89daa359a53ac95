package io.smokegate.cli;

import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The checklist file a command works on, and the {@code --set} overrides of its vars. */
final class ChecklistFile {

    @Parameters(index = "0", paramLabel = "FILE", description = "Checklist file (YAML).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a var of spec.vars (repeatable).")
    List<String> sets;

    Path path() {
        return file;
    }

    /** The checklist; null once its problems are printed to {@code err}. */
    Checklist load(PrintStream err) {
        try {
            return new ChecklistLoader(CheckRegistry.standard(), System::getenv).load(file, Inputs.sets(sets));
        } catch (InvalidInputException e) {
            Inputs.print(e, err);
            return null;
        }
    }
}
