package io.smokegate.testing.kube;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckResult;
import io.smokegate.input.InvalidInputException;
import io.smokegate.kube.KubeSettings;
import io.smokegate.kube.ListLimits;
import io.smokegate.run.RunReport;
import io.smokegate.testing.ChecklistRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs checklists of Kubernetes checks against a fake cluster through the real loader and runner, as
 * {@code smokegate run --kubeconfig} would: the check context gets {@link KubeSettings} naming a kubeconfig whose
 * contexts all point at the fake cluster (the first current).
 */
public final class KubeChecklist {

    private final Path dataDir;
    private KubeSettings settings;
    private ListLimits limits = ListLimits.DEFAULT;

    public KubeChecklist(FakeCluster fake, Path dir, String... contexts) {
        this.dataDir = dir.resolve("data");
        this.settings = KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("kubeconfig"), contexts));
    }

    /** Uses another kubeconfig (e.g. one pointing at a port where nothing listens). */
    public KubeChecklist kubeconfig(Path file) {
        settings = settings.withKubeconfig(file);
        return this;
    }

    public KubeChecklist callTimeout(Duration timeout) {
        settings = settings.withCallTimeout(timeout);
        return this;
    }

    /** Lists in pages of {@code size} objects (kubectl's 500 otherwise), to see pagination with few objects. */
    public KubeChecklist pageSize(int size) {
        limits = new ListLimits(size, ListLimits.DEFAULT.maxObjects());
        return this;
    }

    /** {@code checks} is the YAML list under {@code spec.checks}, indented by four spaces. */
    public RunReport run(String checks) throws InvalidInputException {
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            context.with(KubeSettings.class, settings).with(ListLimits.class, limits);
            return ChecklistRun.run(context, checks, Map.of());
        }
    }

    /** The result of a checklist of one check. */
    public CheckResult only(String checks) throws InvalidInputException {
        RunReport report = run(checks);
        if (report.checks().size() != 1) {
            throw new IllegalStateException("expected one check, got " + report.checks().size());
        }
        return report.checks().get(0);
    }
}
