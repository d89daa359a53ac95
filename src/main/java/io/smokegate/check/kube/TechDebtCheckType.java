package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.STRINGS;
import static io.smokegate.check.ParamKind.STRING_MAP;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtFigures;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.techdebt.helm.ChartRepositories;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code type: kube.techdebt} — one tech-debt scan (as {@code smokegate techdebt} runs it) of a cluster and of
 * directories of manifests, failing when a figure crosses its threshold.
 */
public final class TechDebtCheckType implements CheckType {

    private static final String THRESHOLDS = "thresholds";
    private static final String EXAMPLE = "e.g. {deprecatedApiFiles: 0, helmOutdatedRatio: 0.3, statefulSetsWithoutPdb: 0}";

    private static final List<Param> PARAMS = KubeParams.withCluster(KubeParams.NAMESPACES,
            Param.optional("repos", STRINGS, null, "directories of manifests to scan, e.g. a Git working tree"),
            Param.optional("chartRepos", STRINGS, null, "Helm chart repositories (http or https URLs) releases are compared with"),
            Param.optional("targetVersion", STRINGS, null,
                    "release to judge against: v1.32 (Kubernetes) or COMPONENT=VERSION; default: the cluster's version"),
            Param.required(THRESHOLDS, STRING_MAP, "the most each figure may be, " + EXAMPLE));

    @Override
    public String name() {
        return "kube.techdebt";
    }

    @Override
    public String description() {
        return "fails when a tech-debt figure crosses a threshold";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        Thresholds thresholds = thresholds(p.stringMap(THRESHOLDS));
        List<Path> repos = p.strings("repos").stream().map(Path::of).toList();
        List<URI> chartRepos = new ArrayList<>();
        for (String url : p.strings("chartRepos")) {
            try {
                chartRepos.add(ChartRepositories.url(url));
            } catch (IllegalArgumentException e) {
                throw new InvalidParamException("chartRepos", e.getMessage());
            }
        }
        String cluster = KubeParams.cluster(p);
        List<String> namespaces = KubeParams.namespaces(p);
        // As `smokegate techdebt --repo`: directories alone need no cluster; any cluster parameter asks for one.
        boolean scansCluster = repos.isEmpty() || cluster != null || !namespaces.isEmpty() || !chartRepos.isEmpty();
        TechDebtCheck check = new TechDebtCheck(repos, namespaces, chartRepos, targets(p.strings("targetVersion")), thresholds);
        return scansCluster ? new KubeCheck(cluster, (c, probe) -> check.run(List.of(c), probe))
                : probe -> check.run(List.of(), probe);
    }

    private static Thresholds thresholds(Map<String, String> given) throws InvalidParamException {
        if (given.isEmpty()) {
            throw new InvalidParamException(THRESHOLDS, "names no figure", EXAMPLE);
        }
        Thresholds thresholds = Thresholds.NONE;
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!TechDebtFigures.isKnown(e.getKey())) {
                throw new InvalidParamException(THRESHOLDS, "unknown figure '" + e.getKey() + "'", TechDebtFigures.hint(e.getKey()));
            }
            try {
                thresholds = thresholds.with(e.getKey() + "=" + e.getValue());
            } catch (IllegalArgumentException notANumber) {
                throw new InvalidParamException(THRESHOLDS, notANumber.getMessage(), EXAMPLE);
            }
        }
        return thresholds;
    }

    /** The table's newest per component, with those given on top (Kubernetes then not taken from the cluster). */
    private static TargetVersions targets(List<String> given) throws InvalidParamException {
        TargetVersions targets = TargetVersions.newest(DeprecatedApis.bundled());
        for (String option : given) {
            try {
                targets = targets.with(option.strip());
            } catch (InvalidInputException e) {
                Problem problem = e.problems().get(0);
                throw new InvalidParamException("targetVersion", problem.message(), problem.hint());
            }
        }
        return targets;
    }
}
