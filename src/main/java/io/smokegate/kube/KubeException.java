package io.smokegate.kube;

/**
 * A Kubernetes call or connection that did not work. The message is written for the person running
 * smokegate (what failed, where, how to fix it); the subtype says what kind of failure it is, so a
 * check can fail with the message and a command can pick its exit code.
 */
public abstract sealed class KubeException extends RuntimeException
        permits KubeConfigException, KubeUnreachableException, KubeForbiddenException, KubeApiException {

    private static final long serialVersionUID = 1L;

    KubeException(String message, Throwable cause) {
        super(message, cause);
    }
}
