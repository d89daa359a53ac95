package io.smokegate.techdebt;

import io.smokegate.kube.KubeCluster;
import java.util.List;

/**
 * The targets of a scan, chosen each time one starts: fixed, or the newest live version of some clusters
 * ({@link ServerVersions}), which changes when the clusters are upgraded.
 */
@FunctionalInterface
public interface ScanTargets {

    /** The targets of one scan, and what could not be read to choose them (entries of the scan's skipped list). */
    record Chosen(TargetVersions targets, List<Skipped> skipped) {
        public Chosen {
            skipped = List.copyOf(skipped);
        }
    }

    /** Blocks while it reads (a live version is one API call per cluster). */
    Chosen choose();

    static ScanTargets fixed(TargetVersions targets) {
        return () -> new Chosen(targets, List.of());
    }

    /**
     * {@code targets}, with Kubernetes at the newest live version of {@code clusters} read at each scan unless
     * {@code targets} were given one; a version that cannot be read is a skipped entry, and without any the
     * Kubernetes target stays that of {@code targets}.
     */
    static ScanTargets live(TargetVersions targets, List<KubeCluster> clusters) {
        if (targets.given().contains("k8s") || clusters.isEmpty()) {
            return fixed(targets);
        }
        List<KubeCluster> read = List.copyOf(clusters);
        return () -> {
            ServerVersions versions = ServerVersions.read(read);
            TargetVersions chosen = versions.applyTo(targets);
            return new Chosen(chosen, versions.skipped(chosen));
        };
    }
}
