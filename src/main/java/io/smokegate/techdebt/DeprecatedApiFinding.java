package io.smokegate.techdebt;

/**
 * An object that uses a deprecated or removed API version, as the JSON contract shows it:
 * {@code {"source","file","line","kind","name","namespace","apiVersion","replacement","deprecatedIn","removedIn","status"}}.
 *
 * @param source    where it was found: {@code file} for manifest files (later: a Helm release, an annotation …)
 * @param file      the file as the user named it (the scanned directory joined with the path inside), or null
 * @param line      the 1-based line of the document's {@code apiVersion:} in {@code file}, or 0 without a file
 * @param name      metadata.name, or null when the manifest has none
 * @param namespace metadata.namespace, or null when the manifest has none
 * @param replacement the apiVersion to move to; empty when nothing replaces it
 */
public record DeprecatedApiFinding(String source, String file, int line, String kind, String name, String namespace,
        String apiVersion, String replacement, ReleaseVersion deprecatedIn, ReleaseVersion removedIn, ApiStatus status) {

    /** The finding for {@code object}, which {@code api} matches with {@code status}. */
    public static DeprecatedApiFinding of(String source, String file, ManifestObject object, DeprecatedApi api, ApiStatus status) {
        return new DeprecatedApiFinding(source, file, file == null ? 0 : object.line(), object.kind(), object.name(),
                object.namespace(), object.apiVersion(), api.replacement(), api.deprecatedIn(), api.removedIn(), status);
    }
}
