package io.smokegate.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smokegate.input.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Turns what Fabric8 and Vert.x throw into smokegate's {@link KubeException}s, with messages for people. */
final class KubeFailures {

    // The API server's forbidden wording (apiserver/pkg/endpoints/handlers/responsewriters/errors.go).
    private static final Pattern FORBIDDEN_RESOURCE = Pattern.compile(
            "cannot ([a-z]+) resource \"([^\"]+)\" in API group \"([^\"]*)\"(?: in the namespace \"([^\"]*)\")?");
    private static final Pattern FORBIDDEN_PATH = Pattern.compile("cannot ([a-z]+) path \"([^\"]+)\"");

    private final KubeCluster cluster;

    KubeFailures(KubeCluster cluster) {
        this.cluster = cluster;
    }

    KubeTimeoutException timeout(KubeOp op, Throwable cause) {
        return new KubeTimeoutException(cluster.context(), cluster.server(), cluster.settings().callTimeout(),
                "the Kubernetes API server " + cluster.server() + " of context '" + cluster.context()
                        + "' did not answer " + op.describe() + " within "
                        + Durations.format(cluster.settings().callTimeout()), cause);
    }

    KubeException translate(KubeOp op, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof KubeException k) {
            return k;
        }
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            return fromStatus(op, k);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<String> unreachable = unreachable(t);
            if (t instanceof TimeoutException) {
                return timeout(op, e);
            }
            if (unreachable.isPresent()) {
                return new KubeUnreachableException(cluster.context(), cluster.server(), "cannot reach the Kubernetes API server "
                        + cluster.server() + " of context '" + cluster.context() + "': " + unreachable.get(), e);
            }
        }
        return new KubeApiException(0, "", "context '" + cluster.context() + "': " + op.describe()
                + " failed: " + rootMessage(e), e);
    }

    private static Optional<String> unreachable(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (t instanceof ConnectException) {
            // Netty's ConnectTimeoutException is a ConnectException too.
            return Optional.of(lower.contains("refused") ? "connection refused"
                    : lower.contains("timed out") ? "connection timed out" : "cannot connect: " + message);
        }
        if (t instanceof UnknownHostException) {
            return Optional.of("no such host " + message);
        }
        if (t instanceof NoRouteToHostException) {
            return Optional.of("no route to host");
        }
        if (t instanceof SSLException) {
            return Optional.of("TLS handshake failed: " + message);
        }
        if (t instanceof ClosedChannelException || t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")
                || t instanceof IOException && (lower.contains("connection reset") || lower.contains("closed"))) {
            return Optional.of("the connection was closed before an answer arrived");
        }
        return Optional.empty();
    }

    private KubeException fromStatus(KubeOp op, KubernetesClientException e) {
        Status status = e.getStatus();
        String serverMessage = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        String reason = status != null && status.getReason() != null ? status.getReason() : "";
        int code = e.getCode();
        if (code == 403) {
            KubeOp needed = fromServerMessage(op, serverMessage, e);
            KubeIdentity who = KubeIdentity.fromServerMessage(serverMessage).orElse(cluster.identity());
            return new KubeForbiddenException(needed, who, "forbidden: smokegate needs " + needed.describe() + " ("
                    + who.describe() + "); grant it with " + needed.grantWith(), e);
        }
        if (code == 401) {
            return new KubeApiException(code, reason.isEmpty() ? "Unauthorized" : reason, "unauthorized: the Kubernetes API server "
                    + cluster.server() + " of context '" + cluster.context() + "' rejected the credentials of "
                    + cluster.identity().describe() + "; renew the token or fix the kubeconfig user", e);
        }
        String detail = serverMessage == null || serverMessage.isBlank() ? "" : ": " + firstLine(serverMessage);
        return new KubeApiException(code, reason, "context '" + cluster.context() + "': " + op.describe() + " failed with HTTP "
                + code + (reason.isEmpty() ? "" : " " + reason) + detail, e);
    }

    /**
     * The permission the API server says was missing, when it says so in its standard words; it knows best
     * which of several requests a call made was refused. Otherwise, what the caller declared.
     */
    private static KubeOp fromServerMessage(KubeOp declared, String message, KubernetesClientException e) {
        if (message == null) {
            return declared;
        }
        Matcher path = FORBIDDEN_PATH.matcher(message);
        if (path.find()) {
            return KubeOp.path(path.group(1), path.group(2));
        }
        Matcher m = FORBIDDEN_RESOURCE.matcher(message);
        if (!m.find()) {
            return declared;
        }
        String verb = m.group(1);
        String resource = m.group(2);
        String group = m.group(3);
        String namespace = m.group(4);
        if (declared instanceof KubeOp.OnResource d && d.resource().group().equals(group)
                && d.resource().resource().equals(resource)) {
            return KubeOp.of(verb, d.resource(), namespace);
        }
        String version = e.getVersion() != null ? e.getVersion()
                : declared instanceof KubeOp.OnResource d ? d.resource().version() : "v1";
        return KubeOp.of(verb, new ResourceRef(group, version, resource, namespace != null), namespace);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse(s);
    }
}
