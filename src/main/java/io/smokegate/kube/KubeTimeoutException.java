package io.smokegate.kube;

import java.time.Duration;

/**
 * A call got no (complete) answer within its timeout. For exit codes it counts as unreachable: a server
 * that does not answer in time is, for smokegate, not there.
 */
public final class KubeTimeoutException extends KubeUnreachableException {

    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    public KubeTimeoutException(String context, String server, Duration timeout, String message, Throwable cause) {
        super(context, server, message, cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
