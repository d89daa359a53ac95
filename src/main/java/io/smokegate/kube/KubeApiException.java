package io.smokegate.kube;

/**
 * The API server answered, but with an error other than 403 (404, 409, 422, 401, 5xx …), or with
 * something smokegate could not read.
 */
public final class KubeApiException extends KubeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public KubeApiException(int status, String reason, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.reason = reason;
    }

    /** The HTTP status code, or 0 when the answer could not be read. */
    public int status() {
        return status;
    }

    /** The Kubernetes Status reason (NotFound, AlreadyExists, Conflict, Gone …), or empty. */
    public String reason() {
        return reason;
    }
}
