package io.smokegate.check.net;

import java.io.IOException;

/**
 * The HTTP proxy could not be reached, or refused the tunnel: reported as the proxy's failure, not the target's.
 * Either a network failure ({@link #getCause()}) or a refusal with its whole message.
 */
public class ProxyFailure extends IOException {

    private final String proxy;

    ProxyFailure(ProxyOptions proxy, IOException cause) {
        super(cause.getMessage(), cause);
        this.proxy = proxy.toString();
    }

    ProxyFailure(ProxyOptions proxy, String message) {
        super(message);
        this.proxy = proxy.toString();
    }

    /** The proxy's URL without credentials. */
    public String proxy() {
        return proxy;
    }
}
