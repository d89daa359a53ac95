package io.smokegate.check.kube;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeSettings;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a checklist of kube checks through the real loader and runner, with the Kubernetes settings a process
 * registers: kubeconfig files found as kubectl finds them, here through {@code KUBECONFIG} (a list of files, merged).
 */
final class KubeChecklists {

    private KubeChecklists() {
    }

    /** {@code checks} is the YAML list under {@code spec.checks}, indented by four spaces. */
    static RunReport run(Path dir, String checks, Path... kubeconfigs) throws InvalidInputException {
        String yaml = "apiVersion: smokegate.io/v1\nkind: Checklist\nmetadata: {name: cluster}\nspec:\n  checks:\n" + checks;
        Checklist checklist = new ChecklistLoader(CheckRegistry.standard(), name -> null).parse("cluster.yaml", yaml, Map.of());
        String list = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(kubeconfigs).map(Path::toString).toList());
        KubeEnvironment environment = KubeEnvironment.of(Map.of("KUBECONFIG", list), dir.resolve("home"),
                dir.resolve("no-service-account"));
        try (CheckContext context = CheckContext.standalone(dir.resolve("data"))
                .with(KubeSettings.class, KubeSettings.defaults().withCallTimeout(java.time.Duration.ofSeconds(5)))
                .with(KubeEnvironment.class, environment)) {
            return new Runner(context).run(checklist, RunIds.next(), "test", RunListener.NONE, new RunControl());
        }
    }

    /** The single check of a one-check run. */
    static CheckResult only(Path dir, String checks, Path... kubeconfigs) throws InvalidInputException {
        RunReport report = run(dir, checks, kubeconfigs);
        if (report.checks().size() != 1) {
            throw new IllegalStateException("expected one check, got " + report.checks().size());
        }
        return report.checks().get(0);
    }

    /** The problems of a checklist that does not load, as one text. */
    static String problems(String checks) {
        String yaml = "apiVersion: smokegate.io/v1\nkind: Checklist\nmetadata: {name: cluster}\nspec:\n  checks:\n" + checks;
        try {
            new ChecklistLoader(CheckRegistry.standard(), name -> null).parse("cluster.yaml", yaml, Map.of());
            throw new AssertionError("the checklist loaded");
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }
}
