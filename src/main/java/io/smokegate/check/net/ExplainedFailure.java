package io.smokegate.check.net;

import java.io.IOException;

/**
 * A failure smokegate found itself and explained in full (the server did not agree to HTTP/2, a TLS file no longer
 * loads), shown as it is.
 */
public class ExplainedFailure extends IOException {

    public ExplainedFailure(String message) {
        super(message);
    }
}
