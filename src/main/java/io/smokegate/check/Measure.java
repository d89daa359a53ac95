package io.smokegate.check;

import java.util.List;

/**
 * The closed set of values checks may measure. {@code metrics} turns each into a series named
 * {@code smokegate_<name>}; label names are fixed here so their values stay bounded.
 */
public enum Measure {
    PHASE_DURATION("check_phase_duration_seconds", "Duration of each phase of the last probe, as blackbox_exporter splits them", List.of("phase")),
    HTTP_STATUS_CODE("http_status_code", "HTTP status code of the final response of the last probe", List.of()),
    HTTP_RESPONSE_BYTES("http_response_body_bytes", "Bytes of response body read by the last probe", List.of()),
    HTTP_REDIRECTS("http_redirects", "Redirects followed by the last probe", List.of()),
    TLS_CERT_NOT_AFTER("tls_cert_not_after_timestamp_seconds", "Earliest NotAfter of the certificate chain the server presented (Unix time)", List.of()),
    TLS_VERSION("tls_version_info", "TLS version negotiated by the last probe (value 1)", List.of("version")),
    DNS_ANSWERS("dns_answers", "Answer records returned by the last lookup", List.of()),
    GOPROXY_REQUEST_DURATION("goproxy_request_duration_seconds", "Duration of the last request to each Go module proxy or checksum database endpoint", List.of("endpoint")),
    GOPROXY_STATUS_CODE("goproxy_response_status_code", "HTTP status of the last request to each Go module proxy or checksum database endpoint (0: no answer)", List.of("endpoint")),
    DOWNLOADED_BYTES("downloaded_bytes", "Bytes downloaded by the last probe", List.of()),
    SECURITY_FAILURE("security_failure", "1 if the last probe proved misbehaviour (a forked or rolled-back checksum database, a checksum mismatch, a private module leak), else 0", List.of()),
    SUMDB_TREE_SIZE("sumdb_tree_size", "Records in the newest verified checksum-database tree", List.of()),
    SUMDB_TREE_AGE("sumdb_tree_age_seconds", "Time since the verified checksum-database tree last grew", List.of()),
    SUMDB_TILE_CACHE_HITS("sumdb_tile_cache_hits", "Tiles the last probe found in the on-disk cache", List.of()),
    SUMDB_TILE_CACHE_MISSES("sumdb_tile_cache_misses", "Tiles the last probe had to download", List.of());

    private final String metricSuffix;
    private final String help;
    private final List<String> labelNames;

    Measure(String metricSuffix, String help, List<String> labelNames) {
        this.metricSuffix = metricSuffix;
        this.help = help;
        this.labelNames = labelNames;
    }

    public String metricSuffix() {
        return metricSuffix;
    }

    public String help() {
        return help;
    }

    public List<String> labelNames() {
        return labelNames;
    }
}
