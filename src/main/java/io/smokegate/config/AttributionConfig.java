package io.smokegate.config;

import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Limits;
import io.smokegate.attribution.RepoLinks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code attribution:} section of the service config: per service the Git repository its changes are in, the
 * paths (globs) that belong to it, the environment whose deploys count, and how to link to commits; which alert
 * labels name the service; and the bounds of one attribution's work.
 *
 * @param services      by service name (the value of the alert's service label)
 * @param serviceLabels alert labels that name the service, tried in order
 * @param fetchInterval a remote repository is fetched before an attribution when its last fetch is older than this
 * @param notifications webhooks told about each attribution of an alert from Alertmanager
 * @param publicUrl     where users reach this smokegate, for links in notifications; empty: links are paths
 */
public record AttributionConfig(Map<String, Service> services, List<String> serviceLabels, Limits limits,
                                Duration fetchInterval, Optional<ClusterMarkers> clusterMarkers, List<Notify> notifications,
                                Optional<URI> publicUrl) {

    /** The shape of a notification: smokegate's own JSON, or a Slack-compatible message (text and blocks). */
    public enum Format { JSON, SLACK }

    /** One webhook told about attributions. */
    public record Notify(URI url, Format format) {
    }

    /**
     * Deploy markers read from Kubernetes on a schedule.
     *
     * @param every       how often
     * @param contexts    kubeconfig contexts to read; empty: the current one
     * @param namespaces  namespaces to read; empty: all
     * @param environment the environment of every marker; null: the namespace deployed to
     */
    public record ClusterMarkers(Duration every, List<String> contexts, List<String> namespaces, String environment) {
        public ClusterMarkers {
            contexts = List.copyOf(contexts);
            namespaces = List.copyOf(namespaces);
        }
    }

    /** How often, at most, a remote repository is fetched before an attribution. */
    public static final Duration DEFAULT_FETCH_INTERVAL = Duration.ofMinutes(1);

    /**
     * One service.
     *
     * @param repository  a local working tree or bare repository (an absolute path), or a remote URL
     *                    ({@code https://}, {@code ssh://}, {@code file://}, {@code git@host:path}) cloned into the data directory
     * @param paths       globs of the files that belong to the service; empty: the whole repository
     * @param environment deploys of this environment count; null: any environment
     * @param links       how commit and line URLs are built; empty: from the origin remote when it is GitHub or GitLab
     * @param checklists  the checklists that watch the service: exported as {@code smokegate_service_checklist_info}
     *                    so alert rules can tie a checklist's error-budget burn to the service's last deploy
     */
    public record Service(String repository, List<String> paths, String environment, Optional<RepoLinks> links,
                          List<String> checklists) {
        public Service {
            paths = List.copyOf(paths);
            checklists = List.copyOf(checklists);
        }

        public Service(String repository, List<String> paths, String environment, Optional<RepoLinks> links) {
            this(repository, paths, environment, links, List.of());
        }

        /** A service whose repository is local. */
        public Service(Path repository, List<String> paths, String environment, Optional<RepoLinks> links) {
            this(repository.toString(), paths, environment, links);
        }
    }

    public AttributionConfig(Map<String, Service> services, List<String> serviceLabels, Limits limits) {
        this(services, serviceLabels, limits, DEFAULT_FETCH_INTERVAL, Optional.empty());
    }

    public AttributionConfig(Map<String, Service> services, List<String> serviceLabels, Limits limits,
                             Duration fetchInterval, Optional<ClusterMarkers> clusterMarkers) {
        this(services, serviceLabels, limits, fetchInterval, clusterMarkers, List.of(), Optional.empty());
    }

    public AttributionConfig {
        services = Map.copyOf(services);
        serviceLabels = List.copyOf(serviceLabels);
        notifications = List.copyOf(notifications);
    }

    public AttributionConfig withNotify(List<Notify> n, Optional<URI> url) {
        return new AttributionConfig(services, serviceLabels, limits, fetchInterval, clusterMarkers, n, url);
    }

    public static AttributionConfig defaults() {
        return new AttributionConfig(Map.of(), AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT);
    }

    public AttributionConfig withServices(Map<String, Service> s) {
        return new AttributionConfig(s, serviceLabels, limits, fetchInterval, clusterMarkers, notifications, publicUrl);
    }

    @Override
    public String toString() {
        return services.isEmpty() ? "no services" : "services=" + new java.util.TreeSet<>(services.keySet())
                + ", serviceLabels=" + serviceLabels;
    }
}
