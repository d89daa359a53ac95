package io.smokegate.kube;

/**
 * The connection cannot even be set up: no or unreadable kubeconfig, an unknown context, a context that
 * is not allowed, a context whose cluster or user is missing. Invalid configuration (exit code 2).
 */
public final class KubeConfigException extends KubeException {

    private static final long serialVersionUID = 1L;

    public KubeConfigException(String message) {
        super(message, null);
    }

    public KubeConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
