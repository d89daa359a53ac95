package io.smokegate.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Fetches one page of a list with the given options ({@code limit} and {@code continue} are set), e.g.
 * {@code (client, options) -> client.pods().inNamespace("athens").withLabel("app").list(options)}.
 */
@FunctionalInterface
public interface PageFetcher<T extends HasMetadata> {

    KubernetesResourceList<T> fetch(KubernetesClient client, ListOptions options);
}
