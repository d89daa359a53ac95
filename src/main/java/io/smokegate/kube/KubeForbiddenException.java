package io.smokegate.kube;

/**
 * The API server answered 403: the identity smokegate runs as lacks an RBAC permission. The message names
 * the verb, the resource (group/version/resource), the namespace or scope and the identity, and how to grant
 * it; the parts are available for callers that render their own hints.
 */
public final class KubeForbiddenException extends KubeException {

    private static final long serialVersionUID = 1L;

    private final transient KubeOp needed;
    private final transient KubeIdentity identity;

    public KubeForbiddenException(KubeOp needed, KubeIdentity identity, String message, Throwable cause) {
        super(message, cause);
        this.needed = needed;
        this.identity = identity;
    }

    /** The permission that was missing (as the API server reported it, else as the caller declared it). */
    public KubeOp needed() {
        return needed;
    }

    /** Who was refused. */
    public KubeIdentity identity() {
        return identity;
    }
}
