package io.smokegate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manifest directories for tech-debt scans. */
public final class ManifestRepos {

    private ManifestRepos() {
    }

    /**
     * {@code repo} with three manifest files: {@code app/web.yaml} holding an Ingress of extensions/v1beta1 (line 1)
     * and a HorizontalPodAutoscaler of autoscaling/v2beta2 (line 5), both {@code shop/web}; {@code app/fine.yaml}
     * (apps/v1); and {@code chart/templates/pdb.yaml}, a Helm template that is no YAML at 4:10, so it is skipped.
     */
    public static Path sample(Path repo) throws IOException {
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/web.yaml"), """
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                """);
        Files.writeString(repo.resolve("app/fine.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: fine}\n");
        Files.createDirectories(repo.resolve("chart/templates"));
        Files.writeString(repo.resolve("chart/templates/pdb.yaml"), "apiVersion: policy/v1\nkind: PodDisruptionBudget\n"
                + "metadata:\n  name: {{ .Values.name }}\n");
        return repo;
    }
}
