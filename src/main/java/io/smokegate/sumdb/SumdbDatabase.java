package io.smokegate.sumdb;

import java.net.URI;

/**
 * A checksum database to verify against: its verifier key (which also names it), and where to reach it —
 * directly at {@code url}, or through a Go proxy's {@code /sumdb/<name>/} when {@code proxy} is set.
 */
public record SumdbDatabase(VerifierKey key, URI url, URI proxy) {

    public String name() {
        return key.name();
    }

    public String where() {
        return proxy == null ? url.toString() : proxy + "/sumdb/" + name();
    }
}
