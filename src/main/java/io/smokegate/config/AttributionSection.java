package io.smokegate.config;

import io.smokegate.attribution.Limits;
import io.smokegate.attribution.RepoLinks;
import io.smokegate.attribution.Repositories;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code attribution} section:
 * <pre>
 * attribution:
 *   services:
 *     checkout:
 *       repository: /srv/git/shop          # a local working tree or bare repository, relative to the config file,
                                          # or a URL (https://, ssh://, file://, git@host:path) cloned into dataDir/repos
 *       paths: [services/checkout/**, deploy/checkout/**]   # default: the whole repository
 *       environment: prod                  # default: deploys of any environment
 *       links: {preset: github, url: https://github.com/acme/shop}   # default: from the origin remote
 *       checklists: [checkout-smoke]       # the checklists that watch it (for alert rules); default: none
 *   serviceLabels: [service, app, job]     # the default
 *   maxCommits: 500                        # candidates read per attribution, default 500
 *   window: 24h                            # without a deploy marker, how far back to look; default 24h
 *   maxDiffBytes: 1MiB                     # blob bytes diffed per commit, default 1 MiB
   fetchInterval: 1m                      # a remote repository is fetched before an attribution at most this often
   clusterMarkers:                        # read deploy markers from Kubernetes (kubernetes: section) on a schedule
     every: 5m                            # default 5m
     contexts: [prod-eu]                  # default: the current context
     namespaces: [shop]                   # default: all
     environment: prod                    # default: the namespace deployed to
 *   notify:                                # webhooks told about each attribution of an alert from Alertmanager
 *     - {url: https://hooks.slack.com/services/T/B/X, format: slack}   # format: json (the default) or slack
 *   publicUrl: https://smokegate.example.com   # links in notifications; default: paths such as /api/v1/attributions/ID
 * </pre>
 */
final class AttributionSection {

    static final Set<String> FIELDS = Set.of("services", "serviceLabels", "maxCommits", "window", "maxDiffBytes",
            "fetchInterval", "clusterMarkers", "notify", "publicUrl");
    private static final Set<String> NOTIFY_FIELDS = Set.of("url", "format");
    private static final Set<String> CLUSTER_FIELDS = Set.of("every", "contexts", "namespaces", "environment");
    static final Duration DEFAULT_CLUSTER_EVERY = Duration.ofMinutes(5);
    private static final Set<String> SERVICE_FIELDS = Set.of("repository", "paths", "environment", "links", "checklists");
    private static final Set<String> LINK_FIELDS = Set.of("preset", "url");

    private AttributionSection() {
    }

    static AttributionConfig read(YamlReader r, Mapping m, AttributionConfig d, Path file) {
        if (m == null) {
            return d;
        }
        Map<String, AttributionConfig.Service> services = new LinkedHashMap<>(d.services());
        if (m.has("services")) {
            Mapping all = r.mapping(m.get("services"), "attribution.services");
            for (Mapping.Entry e : all == null ? List.<Mapping.Entry>of() : all.entries()) {
                AttributionConfig.Service s = service(r, r.mapping(e.value(), all.path(e.name())), all.path(e.name()), file);
                if (s != null) {
                    services.put(e.name(), s);
                }
            }
        }
        List<String> labels = d.serviceLabels();
        if (m.has("serviceLabels")) {
            List<String> given = r.strings(m.get("serviceLabels"), "attribution.serviceLabels");
            if (given != null && given.isEmpty()) {
                r.problem(m.get("serviceLabels"), "attribution.serviceLabels: empty; name at least one alert label",
                        "the default is [service, app, job]");
            } else if (given != null) {
                labels = given;
            }
        }
        Limits l = d.limits();
        int maxCommits = l.maxCommits();
        Duration window = l.window();
        long maxDiffBytes = l.maxDiffBytes();
        if (m.has("maxCommits")) {
            Integer v = r.integer(m.get("maxCommits"), "attribution.maxCommits", 1, 100_000);
            maxCommits = v == null ? maxCommits : v;
        }
        if (m.has("window")) {
            Duration v = r.duration(m.get("window"), "attribution.window", Duration.ofMinutes(1), Duration.ofDays(90));
            window = v == null ? window : v;
        }
        if (m.has("maxDiffBytes")) {
            Long v = r.size(m.get("maxDiffBytes"), "attribution.maxDiffBytes", 1024L * 1024 * 1024);
            maxDiffBytes = v == null || v < 1 ? maxDiffBytes : v;
        }
        Duration fetchInterval = d.fetchInterval();
        if (m.has("fetchInterval")) {
            Duration v = r.duration(m.get("fetchInterval"), "attribution.fetchInterval", Duration.ZERO, Duration.ofDays(1));
            fetchInterval = v == null ? fetchInterval : v;
        }
        Optional<AttributionConfig.ClusterMarkers> cluster = d.clusterMarkers();
        if (m.has("clusterMarkers")) {
            AttributionConfig.ClusterMarkers c = clusterMarkers(r, r.mapping(m.get("clusterMarkers"),
                    "attribution.clusterMarkers"));
            cluster = c == null ? cluster : Optional.of(c);
        }
        List<AttributionConfig.Notify> notify = d.notifications();
        if (m.has("notify")) {
            List<Node> items = r.sequence(m.get("notify"), "attribution.notify");
            notify = items == null ? notify : new ArrayList<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                AttributionConfig.Notify n = notify(r, r.mapping(items.get(i), "attribution.notify[" + i + "]"),
                        "attribution.notify[" + i + "]");
                if (n != null) {
                    notify.add(n);
                }
            }
        }
        Optional<URI> publicUrl = d.publicUrl();
        if (m.has("publicUrl")) {
            URI u = httpUrl(r, m.get("publicUrl"), "attribution.publicUrl");
            publicUrl = u == null ? publicUrl : Optional.of(u);
        }
        return new AttributionConfig(services, labels, new Limits(maxCommits, window, maxDiffBytes), fetchInterval, cluster,
                notify, publicUrl);
    }

    /** One notification webhook; null after a problem. */
    private static AttributionConfig.Notify notify(YamlReader r, Mapping m, String field) {
        if (m == null) {
            return null;
        }
        m.allowOnly(NOTIFY_FIELDS);
        Node urlNode = m.require("url");
        URI url = urlNode == null ? null : httpUrl(r, urlNode, field + ".url");
        AttributionConfig.Format format = AttributionConfig.Format.JSON;
        if (m.has("format")) {
            String f = r.string(m.get("format"), field + ".format");
            if (f == null) {
                return null;
            }
            switch (f.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> format = AttributionConfig.Format.JSON;
                case "slack" -> format = AttributionConfig.Format.SLACK;
                default -> {
                    r.problem(m.get("format"), field + ".format: '" + f + "' is not a known format", "json or slack");
                    return null;
                }
            }
        }
        return url == null ? null : new AttributionConfig.Notify(url, format);
    }

    /** An absolute http(s) URL with a host; null after a problem. */
    private static URI httpUrl(YamlReader r, Node node, String field) {
        String text = r.string(node, field);
        if (text == null) {
            return null;
        }
        try {
            URI u = new URI(text.strip());
            if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, as every other unusable URL
        }
        r.problem(node, field + ": '" + text + "' is not an http(s) URL", "for example https://hooks.example.com/smokegate");
        return null;
    }

    /** Null after a problem. */
    private static AttributionConfig.ClusterMarkers clusterMarkers(YamlReader r, Mapping m) {
        if (m == null) {
            return null;
        }
        m.allowOnly(CLUSTER_FIELDS);
        Duration every = DEFAULT_CLUSTER_EVERY;
        if (m.has("every")) {
            every = r.duration(m.get("every"), "attribution.clusterMarkers.every", Duration.ofSeconds(10), Duration.ofDays(1));
        }
        List<String> contexts = m.has("contexts") ? r.strings(m.get("contexts"), "attribution.clusterMarkers.contexts")
                : List.of();
        List<String> namespaces = m.has("namespaces") ? r.strings(m.get("namespaces"), "attribution.clusterMarkers.namespaces")
                : List.of();
        String environment = m.has("environment") ? r.string(m.get("environment"), "attribution.clusterMarkers.environment")
                : null;
        if (every == null || contexts == null || namespaces == null) {
            return null;
        }
        return new AttributionConfig.ClusterMarkers(every, contexts, namespaces,
                environment == null || environment.isBlank() ? null : environment.strip());
    }

    private static AttributionConfig.Service service(YamlReader r, Mapping m, String field, Path file) {
        if (m == null) {
            return null;
        }
        m.allowOnly(SERVICE_FIELDS);
        Node repoNode = m.require("repository");
        String repository = repoNode == null ? null : r.string(repoNode, field + ".repository");
        if (repository != null && !Repositories.isRemote(repository)) {
            repository = ConfigLoader.path(r, repoNode, field + ".repository", file).toString();
        }
        List<String> paths = m.has("paths") ? r.strings(m.get("paths"), field + ".paths") : List.of();
        String environment = null;
        if (m.has("environment")) {
            environment = r.string(m.get("environment"), field + ".environment");
        }
        Optional<RepoLinks> links = m.has("links") ? links(r, r.mapping(m.get("links"), field + ".links"), field + ".links")
                : Optional.empty();
        List<String> checklists = m.has("checklists") ? r.strings(m.get("checklists"), field + ".checklists") : List.of();
        if (repository == null || links == null) {
            return null;
        }
        return new AttributionConfig.Service(repository, paths == null ? List.of() : paths,
                environment == null || environment.isBlank() ? null : environment.strip(), links,
                checklists == null ? List.of() : checklists);
    }

    /** The links of a service; null after a problem. */
    private static Optional<RepoLinks> links(YamlReader r, Mapping m, String field) {
        if (m == null) {
            return null;
        }
        m.allowOnly(LINK_FIELDS);
        Node urlNode = m.require("url");
        String url = urlNode == null ? null : r.string(urlNode, field + ".url");
        if (url == null) {
            return null;
        }
        Optional<RepoLinks> parsed = RepoLinks.of(url);
        if (parsed.isEmpty()) {
            r.problem(urlNode, field + ".url: '" + url + "' is not an http(s) repository URL",
                    "for example https://github.com/acme/shop");
            return null;
        }
        if (!m.has("preset")) {
            return parsed;
        }
        String preset = r.string(m.get("preset"), field + ".preset");
        if (preset == null) {
            return null;
        }
        return switch (preset.strip().toLowerCase(Locale.ROOT)) {
            case "github" -> Optional.of(new RepoLinks(RepoLinks.Kind.GITHUB, parsed.get().base()));
            case "gitlab" -> Optional.of(new RepoLinks(RepoLinks.Kind.GITLAB, parsed.get().base()));
            default -> {
                r.problem(m.get("preset"), field + ".preset: '" + preset + "' is not a known preset", "github or gitlab");
                yield null;
            }
        };
    }
}
