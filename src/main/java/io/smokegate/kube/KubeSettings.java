package io.smokegate.kube;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How smokegate connects to Kubernetes.
 *
 * @param kubeconfig     an explicit kubeconfig file ({@code --kubeconfig}); when empty, {@code KUBECONFIG}
 *                       (a list merged like kubectl does), then {@code ~/.kube/config}, then the pod's service
 *                       account
 * @param allowedContexts the contexts that may be used ({@code kubernetes.contexts}); empty allows all
 * @param callTimeout    the most one call may take, connection included
 * @param connectTimeout the most connecting (TCP and TLS) may take; never more than {@code callTimeout}
 */
public record KubeSettings(Optional<Path> kubeconfig, List<String> allowedContexts, Duration callTimeout,
                           Duration connectTimeout) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public KubeSettings {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        allowedContexts = List.copyOf(allowedContexts);
        if (callTimeout.isNegative() || callTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("Kubernetes timeouts must be positive");
        }
        if (connectTimeout.compareTo(callTimeout) > 0) {
            connectTimeout = callTimeout;
        }
    }

    /** kubectl's defaults: the usual kubeconfig lookup, every context allowed, 10 s per call. */
    public static KubeSettings defaults() {
        return new KubeSettings(Optional.empty(), List.of(), DEFAULT_CALL_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    public KubeSettings withKubeconfig(Path file) {
        return new KubeSettings(Optional.ofNullable(file), allowedContexts, callTimeout, connectTimeout);
    }

    public KubeSettings withAllowedContexts(List<String> contexts) {
        return new KubeSettings(kubeconfig, contexts, callTimeout, connectTimeout);
    }

    /** Sets the call timeout; the connect timeout stays as it is unless it would exceed the new one. */
    public KubeSettings withCallTimeout(Duration timeout) {
        return new KubeSettings(kubeconfig, allowedContexts, timeout, connectTimeout);
    }

    public KubeSettings withConnectTimeout(Duration timeout) {
        return new KubeSettings(kubeconfig, allowedContexts, callTimeout, timeout);
    }
}
