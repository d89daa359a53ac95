package io.smokegate.check.net;

import java.net.SocketTimeoutException;

/** The probe's deadline passed while a network step was still going on. */
public class ProbeTimeoutException extends SocketTimeoutException {

    public ProbeTimeoutException(String step) {
        super("deadline passed while " + step);
    }
}
