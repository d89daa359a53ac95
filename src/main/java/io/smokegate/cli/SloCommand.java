package io.smokegate.cli;

import io.smokegate.checklist.Checklist;
import io.smokegate.slo.SloRules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
}
