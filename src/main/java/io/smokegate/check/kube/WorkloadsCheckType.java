package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code type: kube.workloads} — Deployments, StatefulSets and DaemonSets ready and rolled out, their pods not
 * crash-looping, failing to pull images or killed for memory, and not restarting too often.
 */
public final class WorkloadsCheckType implements CheckType {

    private static final List<Param> PARAMS = KubeParams.withCluster(KubeParams.NAMESPACES, KubeParams.SELECTOR,
            Param.optional("kinds", STRINGS, List.of("Deployment", "StatefulSet", "DaemonSet"),
                    "workload kinds to check: Deployment, StatefulSet, DaemonSet"),
            Param.optional("maxRestarts", INTEGER, 5, "fail when a container of a workload's pod restarted more often")
                    .range(0, 1_000_000));

    @Override
    public String name() {
        return "kube.workloads";
    }

    @Override
    public String description() {
        return "Deployments, StatefulSets and DaemonSets ready, rolled out, pods not crash-looping or restarting";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        Set<WorkloadKind> kinds = new LinkedHashSet<>();
        for (String name : p.strings("kinds")) {
            kinds.add(WorkloadKind.named(name).orElseThrow(() -> new InvalidParamException("kinds",
                    "'" + name + "' is not a workload kind this check knows", "Deployment, StatefulSet or DaemonSet")));
        }
        if (kinds.isEmpty()) {
            throw new InvalidParamException("kinds", "names no kind", "Deployment, StatefulSet or DaemonSet");
        }
        WorkloadsCheck check = new WorkloadsCheck(KubeParams.namespaces(p), KubeParams.selector(p),
                List.copyOf(new ArrayList<>(kinds)), p.integer("maxRestarts"));
        return new KubeCheck(KubeParams.cluster(p), check);
    }
}
