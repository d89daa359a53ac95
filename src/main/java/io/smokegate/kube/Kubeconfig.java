package io.smokegate.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The contexts smokegate can connect to, found the way kubectl finds them: an explicit file
 * ({@code --kubeconfig}), else every existing file of {@code KUBECONFIG} (a colon-separated list, merged: the
 * first file that defines a context, cluster or user name wins, and the first that sets current-context
 * wins), else {@code ~/.kube/config}. When smokegate runs in a pod ({@code KUBERNETES_SERVICE_HOST} is set and
 * a service-account token is mounted) the pod's own cluster is one more context, {@value #IN_CLUSTER}, and the
 * current one if no kubeconfig was found.
 *
 * <p>Reading it touches files and may run a kubeconfig's credential plugin: call it from a worker thread.
 */
public final class Kubeconfig {

    /** The name of the context that is the cluster smokegate's pod runs in. */
    public static final String IN_CLUSTER = "in-cluster";

    private final List<Path> files;
    private final List<io.fabric8.kubernetes.api.model.Config> parsed;
    private final Map<String, NamedContext> contexts;
    private final Map<String, NamedCluster> clusters;
    private final Map<String, NamedAuthInfo> users;
    private final Map<String, Path> contextFiles = new LinkedHashMap<>();
    private final Map<String, Path> userFiles = new LinkedHashMap<>();
    private final String currentContext;
    private final InCluster inCluster;
    private final String lookedAt;

    /** A pod's view of its own cluster. */
    private record InCluster(String server, Path token, Path caCert, String namespace) {
    }

    /** What a context points at, for messages and {@code cluster info}. */
    public record ContextInfo(String name, String server, String namespace, KubeIdentity identity, String source) {
    }

    private Kubeconfig(List<Path> files, List<io.fabric8.kubernetes.api.model.Config> parsed, InCluster inCluster,
                       String lookedAt) {
        this.files = List.copyOf(files);
        this.parsed = List.copyOf(parsed);
        this.inCluster = inCluster;
        this.lookedAt = lookedAt;
        this.contexts = new LinkedHashMap<>();
        this.clusters = new LinkedHashMap<>();
        this.users = new LinkedHashMap<>();
        String current = null;
        for (int i = 0; i < parsed.size(); i++) {
            io.fabric8.kubernetes.api.model.Config config = parsed.get(i);
            Path file = files.get(i);
            for (NamedContext c : nonNull(config.getContexts())) {
                if (c.getName() != null && c.getContext() != null && contexts.putIfAbsent(c.getName(), c) == null) {
                    contextFiles.put(c.getName(), file);
                }
            }
            for (NamedCluster c : nonNull(config.getClusters())) {
                if (c.getName() != null && c.getCluster() != null) {
                    clusters.putIfAbsent(c.getName(), c);
                }
            }
            for (NamedAuthInfo u : nonNull(config.getUsers())) {
                if (u.getName() != null && u.getUser() != null && users.putIfAbsent(u.getName(), u) == null) {
                    userFiles.put(u.getName(), file);
                }
            }
            if (current == null && config.getCurrentContext() != null && !config.getCurrentContext().isBlank()) {
                current = config.getCurrentContext();
            }
        }
        if (current == null && inCluster != null && parsed.isEmpty()) {
            current = IN_CLUSTER;
        }
        this.currentContext = current;
    }

    /**
     * Finds and reads the kubeconfig files (and the pod's service account).
     *
     * @throws KubeConfigException when an explicit file is missing, a file cannot be parsed, or nothing at all
     *                             is configured
     */
    public static Kubeconfig load(KubeSettings settings, KubeEnvironment env) {
        List<Path> candidates = new ArrayList<>();
        String lookedAt;
        if (settings.kubeconfig().isPresent()) {
            Path explicit = settings.kubeconfig().get();
            if (!Files.isRegularFile(explicit)) {
                throw new KubeConfigException("kubeconfig " + explicit + " does not exist or is not a file");
            }
            candidates.add(explicit);
            lookedAt = "kubeconfig " + explicit;
        } else if (env.variable("KUBECONFIG") != null) {
            Set<Path> listed = new LinkedHashSet<>();
            for (String entry : env.variable("KUBECONFIG").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    listed.add(Path.of(entry));
                }
            }
            // kubectl skips files of KUBECONFIG that do not exist.
            listed.stream().filter(Files::isRegularFile).forEach(candidates::add);
            lookedAt = "KUBECONFIG=" + env.variable("KUBECONFIG");
        } else {
            Path home = env.home().resolve(".kube").resolve("config");
            if (Files.isRegularFile(home)) {
                candidates.add(home);
            }
            lookedAt = home.toString();
        }
        List<io.fabric8.kubernetes.api.model.Config> parsed = new ArrayList<>();
        for (Path file : candidates) {
            parsed.add(parse(file));
        }
        InCluster inCluster = inCluster(env);
        if (parsed.isEmpty() && inCluster == null) {
            throw new KubeConfigException("no Kubernetes connection configured: no kubeconfig at " + lookedAt
                    + " and not running in a pod; pass --kubeconfig FILE or set KUBECONFIG");
        }
        return new Kubeconfig(candidates, parsed, inCluster, lookedAt);
    }

    /** Every context, sorted by name. */
    public List<String> contextNames() {
        Set<String> names = new TreeSet<>(contexts.keySet());
        if (inCluster != null) {
            names.add(IN_CLUSTER);
        }
        return List.copyOf(names);
    }

    /** The context used when none is named: the kubeconfig's current-context, or in-cluster in a pod. */
    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext);
    }

    /** The kubeconfig files read, in precedence order (empty when only the pod's service account is used). */
    public List<Path> files() {
        return files;
    }

    /**
     * The context to use for a request: {@code requested}, or the current context when it is null or blank,
     * checked against {@code allowed} (empty allows every context).
     *
     * @throws KubeConfigException for an unknown context, a context that is not allowed, or no current context
     */
    public String resolve(String requested, List<String> allowed) {
        String name = requested == null || requested.isBlank() ? currentContext : requested;
        if (name == null) {
            throw new KubeConfigException("no current context in " + lookedAt + "; name one with --context ("
                    + known() + ")");
        }
        if (!allowed.isEmpty() && !allowed.contains(name)) {
            throw new KubeConfigException("Kubernetes context '" + name + "' is not allowed; allowed contexts: "
                    + String.join(", ", new TreeSet<>(allowed)) + " (kubernetes.contexts)");
        }
        if (!contextNames().contains(name)) {
            String where = IN_CLUSTER.equals(name) ? "smokegate is not running in a pod with a service account"
                    : "no context '" + name + "' in " + lookedAt;
            throw new KubeConfigException("unknown Kubernetes context '" + name + "': " + where + " (" + known() + ")");
        }
        return name;
    }

    private String known() {
        List<String> names = contextNames();
        return names.isEmpty() ? "it defines no contexts" : "known contexts: " + String.join(", ", names);
    }

    /**
     * Where a context points and who it authenticates as.
     *
     * @throws KubeConfigException when the context names a cluster or user that no file defines
     */
    public ContextInfo info(String name) {
        if (IN_CLUSTER.equals(name) && !contexts.containsKey(name) && inCluster != null) {
            KubeIdentity identity = readToken(inCluster.token()).flatMap(KubeIdentity::fromToken)
                    .orElse(KubeIdentity.unknown());
            return new ContextInfo(name, inCluster.server(), inCluster.namespace(), identity,
                    "service account in " + inCluster.token().getParent());
        }
        NamedContext context = contexts.get(name);
        if (context == null) {
            throw new KubeConfigException("unknown Kubernetes context '" + name + "' (" + known() + ")");
        }
        String source = contextFiles.get(name).toString();
        String clusterName = context.getContext().getCluster();
        NamedCluster cluster = clusterName == null ? null : clusters.get(clusterName);
        if (cluster == null) {
            throw new KubeConfigException("context '" + name + "' in " + source + " names cluster '" + clusterName
                    + "', which no kubeconfig file defines");
        }
        if (cluster.getCluster().getServer() == null || cluster.getCluster().getServer().isBlank()) {
            throw new KubeConfigException("cluster '" + clusterName + "' of context '" + name + "' has no server URL");
        }
        String userName = context.getContext().getUser();
        KubeIdentity identity = KubeIdentity.unknown();
        if (userName != null && !userName.isBlank()) {
            NamedAuthInfo user = users.get(userName);
            if (user == null) {
                throw new KubeConfigException("context '" + name + "' in " + source + " names user '" + userName
                        + "', which no kubeconfig file defines");
            }
            identity = identity(user);
        }
        return new ContextInfo(name, cluster.getCluster().getServer(), context.getContext().getNamespace(), identity,
                source);
    }

    /**
     * The Fabric8 configuration of a context, with smokegate's timeouts and no automatic retries (a check's
     * retries are the runner's business, and a retried call would overrun its timeout).
     */
    synchronized Config clientConfig(String name, KubeSettings settings) {
        ContextInfo info = info(name);
        Config config = Config.empty();
        if (IN_CLUSTER.equals(name) && !contexts.containsKey(name)) {
            config.setMasterUrl(inCluster.server());
            if (Files.isRegularFile(inCluster.caCert())) {
                config.setCaCertFile(inCluster.caCert().toString());
            }
            // The kubelet rotates projected tokens; reading the file for each request picks up the new one.
            Path token = inCluster.token();
            config.setOauthTokenProvider(() -> readToken(token).orElse(null));
            config.setNamespace(inCluster.namespace());
        } else {
            KubeConfigUtils.merge(config, name, parsed.toArray(io.fabric8.kubernetes.api.model.Config[]::new));
            if (config.getCurrentContext() == null || !name.equals(config.getCurrentContext().getName())) {
                throw new KubeConfigException("context '" + name + "' in " + info.source() + " is incomplete");
            }
            tokenFile(config, name).ifPresent(file -> config.setOauthTokenProvider(() -> readToken(file).orElse(null)));
        }
        config.setRequestTimeout(Math.toIntExact(settings.callTimeout().toMillis()));
        config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        config.setRequestRetryBackoffLimit(0);
        String version = Kubeconfig.class.getPackage().getImplementationVersion();
        config.setUserAgent("smokegate/" + (version == null ? "dev" : version));
        return config;
    }

    /** A kubeconfig user's {@code tokenFile} (Fabric8 reads only {@code token}), relative to its kubeconfig. */
    private Optional<Path> tokenFile(Config config, String name) {
        NamedContext context = contexts.get(name);
        NamedAuthInfo user = context.getContext().getUser() == null ? null : users.get(context.getContext().getUser());
        if (user == null || user.getUser().getTokenFile() == null || notBlank(user.getUser().getToken())
                || notBlank(config.getOauthToken())) {
            return Optional.empty();
        }
        return Optional.of(relativeTo(user, user.getUser().getTokenFile()));
    }

    private KubeIdentity identity(NamedAuthInfo user) {
        AuthInfo auth = user.getUser();
        Optional<KubeIdentity> found = Optional.empty();
        if (notBlank(auth.getToken())) {
            found = KubeIdentity.fromToken(auth.getToken());
        } else if (notBlank(auth.getTokenFile())) {
            found = readToken(relativeTo(user, auth.getTokenFile())).flatMap(KubeIdentity::fromToken);
        } else if (notBlank(auth.getClientCertificateData())) {
            try {
                found = KubeIdentity.fromClientCertificate(Base64.getDecoder().decode(auth.getClientCertificateData().trim()));
            } catch (IllegalArgumentException notBase64) {
                found = Optional.empty();
            }
        } else if (notBlank(auth.getClientCertificate())) {
            try {
                found = KubeIdentity.fromClientCertificate(Files.readAllBytes(relativeTo(user, auth.getClientCertificate())));
            } catch (IOException unreadable) {
                found = Optional.empty();
            }
        } else if (notBlank(auth.getUsername())) {
            found = Optional.of(KubeIdentity.of(auth.getUsername()));
        }
        return found.orElse(KubeIdentity.kubeconfigUser(user.getName()));
    }

    /** kubectl resolves a relative path of a users entry against the directory of the file that defined it. */
    private Path relativeTo(NamedAuthInfo user, String file) {
        Path path = Path.of(file);
        Path origin = userFiles.get(user.getName());
        return path.isAbsolute() || origin == null ? path : origin.toAbsolutePath().getParent().resolve(path);
    }

    private static io.fabric8.kubernetes.api.model.Config parse(Path file) {
        try {
            io.fabric8.kubernetes.api.model.Config config = KubeConfigUtils.parseConfig(file.toFile());
            if (config == null) {
                throw new KubeConfigException("kubeconfig " + file + " is empty");
            }
            return config;
        } catch (RuntimeException e) {
            if (e instanceof KubeConfigException k) {
                throw k;
            }
            throw new KubeConfigException("kubeconfig " + file + " is not a valid kubeconfig: " + rootMessage(e), e);
        }
    }

    private static InCluster inCluster(KubeEnvironment env) {
        String host = env.variable("KUBERNETES_SERVICE_HOST");
        String port = env.variable("KUBERNETES_SERVICE_PORT");
        Path token = env.serviceAccountDir().resolve("token");
        if (host == null || port == null || !Files.isRegularFile(token)) {
            return null;
        }
        String hostPort = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        String namespace = null;
        try {
            Path file = env.serviceAccountDir().resolve("namespace");
            namespace = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException unreadable) {
            namespace = null;
        }
        return new InCluster("https://" + hostPort + "/", token, env.serviceAccountDir().resolve("ca.crt"), namespace);
    }

    private static Optional<String> readToken(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public String toString() {
        return files.isEmpty() ? "in-cluster service account"
                : files.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
