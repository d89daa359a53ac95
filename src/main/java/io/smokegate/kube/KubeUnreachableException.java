package io.smokegate.kube;

/**
 * The API server of a context could not be reached: connection refused, no such host, connection or TLS
 * handshake failure, connection dropped. A run fails the check with it; a command that needs the cluster
 * exits with code 3.
 */
public sealed class KubeUnreachableException extends KubeException permits KubeTimeoutException {

    private static final long serialVersionUID = 1L;

    private final String context;
    private final String server;

    public KubeUnreachableException(String context, String server, String message, Throwable cause) {
        super(message, cause);
        this.context = context;
        this.server = server;
    }

    /** The kubeconfig context (or {@code in-cluster}) whose API server did not answer. */
    public String context() {
        return context;
    }

    /** The API server's URL, as configured. */
    public String server() {
        return server;
    }
}
