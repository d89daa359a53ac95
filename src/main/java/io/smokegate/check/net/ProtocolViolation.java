package io.smokegate.check.net;

import java.io.IOException;

/** The peer answered, but not in a form the protocol allows (bad status line, oversized headers …). */
public class ProtocolViolation extends IOException {

    public ProtocolViolation(String message) {
        super(message);
    }
}
