package io.smokegate.check.goproxy;

/** A request to a proxy or checksum database got no usable answer; the message says what and where. */
public class ProxyException extends Exception {

    public ProxyException(String message) {
        super(message);
    }
}
