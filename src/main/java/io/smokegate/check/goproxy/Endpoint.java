package io.smokegate.check.goproxy;

import java.util.Locale;

/** The closed set of Go proxy and checksum-database endpoints, the bounded values of the metric label. */
public enum Endpoint {
    LIST, LATEST, INFO, MOD, ZIP, SUMDB_SUPPORTED, SUMDB_LATEST, SUMDB_LOOKUP, SUMDB_TILE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
