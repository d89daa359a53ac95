package io.smokegate.techdebt;

/**
 * A Kubernetes object as a manifest writes it: the apiVersion and kind it was written with (which a live API
 * server would have converted), its name and namespace (null when not written), and the 1-based line of its
 * {@code apiVersion:} key.
 */
public record ManifestObject(String apiVersion, String kind, String name, String namespace, int line) {
}
