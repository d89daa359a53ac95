package io.smokegate.testing.kube;

/** Argo CD Applications as Argo CD writes them, shared by the tests that read deploy markers from a cluster. */
public final class ArgoApplications {

    private ArgoApplications() {
    }

    /**
     * Application argocd/checkout (deploying to namespace shop) whose history has {@code first} deployed at
     * 2026-05-01T09:00:20Z and {@code second} at 10:00:30Z.
     */
    public static String checkoutDeployedTwice(String first, String second) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: checkout, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: 'https://github.com/acme/shop.git', path: deploy/checkout, targetRevision: main}
                  destination: {server: 'https://kubernetes.default.svc', namespace: shop}
                status:
                  sync:
                    status: Synced
                    revision: %2$s
                    comparedTo: {source: {repoURL: 'https://github.com/acme/shop.git', path: deploy/checkout}}
                  operationState:
                    phase: Succeeded
                    startedAt: '2026-05-01T10:00:00Z'
                    finishedAt: '2026-05-01T10:00:30Z'
                    syncResult: {revision: %2$s}
                  history:
                  - id: 1
                    revision: %1$s
                    deployStartedAt: '2026-05-01T09:00:00Z'
                    deployedAt: '2026-05-01T09:00:20Z'
                    source: {repoURL: 'https://github.com/acme/shop.git', path: deploy/checkout, targetRevision: main}
                  - id: 2
                    revision: %2$s
                    deployStartedAt: '2026-05-01T10:00:00Z'
                    deployedAt: '2026-05-01T10:00:30Z'
                    source: {repoURL: 'https://github.com/acme/shop.git', path: deploy/checkout, targetRevision: main}
                """.formatted(first, second);
    }
}
