package io.smokegate.techdebt;

import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeException;
import io.smokegate.kube.KubeUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live Kubernetes versions of the clusters a scan reads, and the default Kubernetes target made of them: the
 * newest {@code v<major>.<minor>} among them (patch 0: deprecations are decided per minor release). The one place
 * {@code smokegate techdebt}, the {@code kube.techdebt} check and {@code serve}'s scans get it from.
 *
 * @param newest the newest version read, as {@code v<major>.<minor>.0}; empty when none could be read
 * @param unread the clusters whose version could not be read, with why
 */
public record ServerVersions(Optional<ReleaseVersion> newest, List<Unread> unread) {

    /** Names the skipped entries of versions that could not be read. */
    public static final String SOURCE = "server-version";

    /**
     * A cluster whose version could not be read.
     *
     * @param error what the API server or the connection did; null when it answered with no Kubernetes version
     */
    public record Unread(String context, String reason, KubeException error) {
    }

    public ServerVersions {
        unread = List.copyOf(unread);
    }

    /** Asks each cluster's API server for its version ({@code GET /version}), one after the other. */
    public static ServerVersions read(List<KubeCluster> clusters) {
        ReleaseVersion newest = null;
        List<Unread> unread = new ArrayList<>();
        for (KubeCluster cluster : clusters) {
            String text;
            try {
                text = cluster.serverVersion();
            } catch (KubeException e) {
                unread.add(new Unread(cluster.context(), e.getMessage(), e));
                continue;
            }
            Optional<ReleaseVersion> parsed = ReleaseVersion.parse(text);
            if (parsed.isEmpty()) {
                unread.add(new Unread(cluster.context(), "'" + text + "' is not a Kubernetes version", null));
                continue;
            }
            ReleaseVersion minor = new ReleaseVersion(parsed.get().major(), parsed.get().minor(), 0);
            newest = newest == null || minor.compareTo(newest) > 0 ? minor : newest;
        }
        return new ServerVersions(Optional.ofNullable(newest), unread);
    }

    /** {@code targets} with Kubernetes at the newest live version, unless {@code targets} were given one or none was read. */
    public TargetVersions applyTo(TargetVersions targets) {
        return newest.isPresent() && !targets.given().contains("k8s") ? targets.with("k8s", newest.get()) : targets;
    }

    /** The first cluster that could not be reached at all, if any: a scan of it would read nothing either. */
    public Optional<KubeUnreachableException> unreachable() {
        return unread.stream().map(Unread::error).filter(KubeUnreachableException.class::isInstance)
                .map(KubeUnreachableException.class::cast).findFirst();
    }

    /**
     * The versions not read, as skipped entries of a scan judged against {@code targets}: e.g. {@code context 'prod':
     * the server's version was not read (…); Kubernetes is judged against v1.33.0, the newest release the table knows}.
     */
    public List<Skipped> skipped(TargetVersions targets) {
        String against = "Kubernetes is judged against " + targets.kubernetes() + ", "
                + (newest.isPresent() ? "the newest version of the other contexts" : "the newest release the table knows");
        return unread.stream().map(u -> new Skipped(SOURCE, "context '" + u.context() + "': the server's version was not read ("
                + u.reason() + "); " + against)).toList();
    }
}
