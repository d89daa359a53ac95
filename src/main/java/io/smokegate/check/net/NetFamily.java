package io.smokegate.check.net;

import io.smokegate.check.CheckFamily;
import io.smokegate.check.CheckType;
import io.smokegate.check.Measure;
import java.util.List;

/** The http, tls, tcp and dns checks and what they measure. */
public final class NetFamily implements CheckFamily {

    public static final Measure PHASE_DURATION = new Measure("PHASE_DURATION", "check_phase_duration_seconds",
            "Duration of each phase of the last probe, as blackbox_exporter splits them", List.of("phase"));
    public static final Measure HTTP_STATUS_CODE = new Measure("HTTP_STATUS_CODE", "http_status_code",
            "HTTP status code of the final response of the last probe", List.of());
    public static final Measure HTTP_RESPONSE_BYTES = new Measure("HTTP_RESPONSE_BYTES", "http_response_body_bytes",
            "Bytes of response body read by the last probe", List.of());
    public static final Measure HTTP_VERSION = new Measure("HTTP_VERSION", "http_version",
            "HTTP version of the final response of the last probe: 1.0, 1.1 or 2", List.of());
    public static final Measure HTTP_REDIRECTS = new Measure("HTTP_REDIRECTS", "http_redirects",
            "Redirects followed by the last probe", List.of());
    public static final Measure TLS_CERT_NOT_AFTER = new Measure("TLS_CERT_NOT_AFTER", "tls_cert_not_after_timestamp_seconds",
            "Earliest NotAfter of the certificate chain the server presented (Unix time)", List.of());
    public static final Measure TLS_VERSION = new Measure("TLS_VERSION", "tls_version_info",
            "TLS version negotiated by the last probe (value 1)", List.of("version"));
    public static final Measure DNS_ANSWERS = new Measure("DNS_ANSWERS", "dns_answers",
            "Answer records returned by the last lookup", List.of());

    @Override
    public String name() {
        return "net";
    }

    @Override
    public List<CheckType> types() {
        return List.of(new HttpCheckType(), new TlsCheckType(), new TcpCheckType(), new DnsCheckType());
    }

    @Override
    public List<Measure> measures() {
        return List.of(PHASE_DURATION, HTTP_STATUS_CODE, HTTP_RESPONSE_BYTES, HTTP_REDIRECTS, HTTP_VERSION, TLS_CERT_NOT_AFTER,
                TLS_VERSION, DNS_ANSWERS);
    }
}
