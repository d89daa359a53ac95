package io.smokegate.testing;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import java.nio.file.Path;
import java.util.Map;

/** Runs a checklist written in the test, through the real loader and runner, as {@code smokegate run} would. */
public final class ChecklistRun {

    private ChecklistRun() {
    }

    /** {@code checks} is the YAML list under {@code spec.checks}, indented by four spaces. */
    public static RunReport run(Path dataDir, String checks) throws InvalidInputException {
        return run(dataDir, checks, Map.of());
    }

    /** {@link #run(Path, String)} with {@code env} as the environment {@code ${env:NAME}} reads. */
    public static RunReport run(Path dataDir, String checks, Map<String, String> env) throws InvalidInputException {
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            return run(context, checks, env);
        }
    }

    /**
     * {@link #run(Path, String, Map)} in a check context the caller prepared (e.g. with the Kubernetes settings of a
     * fake cluster, {@code context.with(KubeSettings.class, …)}) and closes.
     */
    public static RunReport run(CheckContext context, String checks, Map<String, String> env) throws InvalidInputException {
        return run(context, checks, env, new RunControl());
    }

    /**
     * {@link #run(CheckContext, String, Map)} that the caller can cancel through {@code control}; the context outlives
     * the run, as the service's does.
     */
    public static RunReport run(CheckContext context, String checks, RunControl control) throws InvalidInputException {
        return run(context, checks, Map.of(), control);
    }

    private static RunReport run(CheckContext context, String checks, Map<String, String> env, RunControl control)
            throws InvalidInputException {
        String yaml = "apiVersion: smokegate.io/v1\nkind: Checklist\nmetadata: {name: test}\nspec:\n  checks:\n" + checks;
        Checklist checklist = new ChecklistLoader(CheckRegistry.standard(), env::get).parse("test.yaml", yaml, Map.of());
        return new Runner(context).run(checklist, RunIds.next(), "test", RunListener.NONE, control);
    }

    /** The single check of a one-check run. */
    public static CheckResult only(Path dataDir, String checks) throws InvalidInputException {
        RunReport report = run(dataDir, checks);
        if (report.checks().size() != 1) {
            throw new IllegalStateException("expected one check, got " + report.checks().size());
        }
        return report.checks().get(0);
    }
}
