package io.smokegate.cli;

import io.smokegate.checklist.Checklist;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import io.smokegate.slo.KeptnSlo;
import io.smokegate.slo.SloRules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smokegate slo}: what a checklist's SLO means for Prometheus. */
@Command(name = "slo", mixinStandardHelpOptions = true, description = "SLO tooling.")
final class SloCommand {

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = {"Print Prometheus rules for a checklist's SLO.",
                "Error-ratio recordings over the SRE workbook windows, the error budget left,",
                "multi-window multi-burn-rate alerts for spec.slo.availability, and an alert",
                "per objective Prometheus can watch. Load the output with rule_files; check",
                "it with promtool."},
            footer = {"", "Exit codes: 0 rules written, 2 invalid checklist or no spec.slo."})
    static final class Rules implements Callable<Integer> {

        @Mixin
        ChecklistFile checklistFile;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the rules here instead of stdout.")
        Path output;

        private final PrintStream out;
        private final PrintStream err;

        Rules(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            Checklist checklist = checklistFile.load(err);
            if (checklist == null) {
                return ExitCode.INVALID;
            }
            if (checklist.optionalSlo().isEmpty()) {
                err.println("error: " + checklistFile.path() + ": checklist '" + checklist.name() + "' declares no spec.slo");
                return ExitCode.INVALID;
            }
            SloRules.Output rules = SloRules.generate(checklist.name(), checklist.slo());
            rules.notes().forEach(n -> err.println("note: " + n));
            if (output == null) {
                out.print(rules.yaml());
                out.flush();
                return ExitCode.PASSED;
            }
            try {
                Files.writeString(output, rules.yaml(), StandardCharsets.UTF_8);
                return ExitCode.PASSED;
            } catch (IOException e) {
                err.println("error: --output " + output + ": " + e.getMessage());
                return ExitCode.UNREACHABLE;
            }
        }
    }

    /** {@code smokegate slo import}: SLOs of other tools as smokegate SLOs. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = "Convert another tool's SLO files.")
    static final class Import {
    }

    @Command(name = "keptn", mixinStandardHelpOptions = true,
            description = {"Print a Keptn SLO file (spec_version '1.0') as a smokegate SLO.",
                "With --sli, Keptn's SLI file gives the Prometheus query of each indicator",
                "($DURATION_SECONDS becomes $window). Paste the output under spec.slo, or save it",
                "and name it in spec.slo. Anything that cannot keep Keptn's meaning is reported",
                "with file:line:col and nothing is printed."},
            footer = {"", "Exit codes: 0 SLO written, 2 a file cannot be read or converted."})
    static final class Keptn implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SLO", description = "Keptn's slo.yaml.")
        Path slo;

        @Option(names = "--sli", paramLabel = "FILE", description = "Keptn's sli.yaml with the Prometheus queries.")
        Path sli;

        private final PrintStream out;
        private final PrintStream err;

        Keptn(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            SafeYaml yaml = new SafeYaml();
            List<Problem> problems = new ArrayList<>();
            KeptnSlo.Document sloDocument = document(yaml, slo, problems);
            Optional<KeptnSlo.Document> sliDocument = Optional.ofNullable(sli).map(f -> document(yaml, f, problems));
            KeptnSlo.Conversion conversion = null;
            if (problems.isEmpty()) {
                conversion = KeptnSlo.convert(sloDocument, sliDocument, "give Keptn's SLI file with --sli FILE");
                problems.addAll(sloDocument.reader().problems());
                sliDocument.ifPresent(d -> problems.addAll(d.reader().problems()));
            }
            if (conversion == null) {
                Inputs.print(new InvalidInputException(problems), err);
                return ExitCode.INVALID;
            }
            conversion.notes().forEach(n -> err.println("note: " + n));
            out.print(conversion.yaml());
            out.flush();
            return ExitCode.PASSED;
        }

        /** The file's document, or null with its problem added. */
        private static KeptnSlo.Document document(SafeYaml yaml, Path file, List<Problem> problems) {
            try {
                return new KeptnSlo.Document(new YamlReader(file.toString()), yaml.read(file));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
                return null;
            }
        }
    }
}
