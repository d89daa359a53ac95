package io.smokegate.check.net;

import static io.smokegate.check.ParamKind.BOOLEAN;
import static io.smokegate.check.ParamKind.DURATION;
import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.SIZE;
import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;
import static io.smokegate.check.ParamKind.STRING_MAP;
import static io.smokegate.check.ParamKind.VALUE_MAP;

import com.fasterxml.jackson.core.JsonPointer;
import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code type: http} — one HTTP(S) request over a fresh connection, with expectations on the response. */
public final class HttpCheckType implements CheckType {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("url", STRING, "http:// or https:// URL to request"),
            Param.optional("method", STRING, "GET", "HTTP method"),
            Param.optional("headers", STRING_MAP, null, "request headers"),
            Param.optional("body", STRING, null, "request body"),
            Param.optional("expectStatus", STRINGS, List.of("2xx"), "accepted status codes: 200, 2xx or 200-299"),
            Param.optional("bodyContains", STRINGS, null, "strings the body must contain"),
            Param.optional("bodyNotContains", STRINGS, null, "strings the body must not contain"),
            Param.optional("bodyRegex", STRINGS, null, "regular expressions the body must match (find)"),
            Param.optional("json", VALUE_MAP, null, "JSON pointer -> expected value, e.g. {\"/status\": ok}"),
            Param.optional("expectHeaders", STRING_MAP, null, "header name -> regular expression its value must match"),
            Param.optional("maxLatency", DURATION, null, "fail when the whole exchange takes longer"),
            Param.optional("followRedirects", BOOLEAN, true, "follow 3xx redirects"),
            Param.optional("maxRedirects", INTEGER, 10, "redirects followed before giving up").range(0, 30),
            Param.optional("maxBodyBytes", SIZE, DEFAULT_MAX_BODY, "read limit for the response body; more fails the check")
                    .range(0, 1024L * 1024 * 1024),
            Param.optional("insecureSkipVerify", BOOLEAN, false, "accept any certificate (never in production checklists)"),
            Param.optional("caFile", STRING, null, "PEM file of CA certificates to trust instead of the JDK's"),
            Param.optional("serverName", STRING, null, "TLS server name (SNI and verification) instead of the URL host"),
            Param.optional("ipProtocol", STRING, "auto", "auto, ip4 or ip6"),
            Param.optional("httpVersion", STRING, "auto", "auto (offer h2 and http/1.1 over TLS), 2 (require h2) or 1.1"),
            Param.optional("expectHttpVersion", STRINGS, null, "HTTP versions the final response may have: 1.0, 1.1, 2")));
    /** The TLS settings the http check took as parameters of their own before {@code tls} existed. */
    private static final List<String> TOP_LEVEL_TLS = List.of("caFile", "serverName", "insecureSkipVerify");
    private static final List<String> RESPONSE_VERSIONS = List.of("1.0", "1.1", "2");

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "HTTP(S) request with status, body, JSON, header and latency expectations; blackbox_exporter phase timings";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        URI url = url(p.string("url"));
        String method = p.string("method").toUpperCase(java.util.Locale.ROOT);
        if (!TOKEN.matcher(method).matches()) {
            throw new InvalidParamException("method", "'" + method + "' is not an HTTP method");
        }
        for (Map.Entry<String, String> h : p.stringMap("headers").entrySet()) {
            if (!TOKEN.matcher(h.getKey()).matches()) {
                throw new InvalidParamException("headers", "'" + h.getKey() + "' is not a valid header name");
            }
            if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new InvalidParamException("headers", "header " + h.getKey() + " contains a line break");
            }
        }
        List<String> invalid = new ArrayList<>();
        StatusMatcher status = StatusMatcher.parse(p.strings("expectStatus"), invalid).orElseThrow(() ->
                new InvalidParamException("expectStatus", "'" + invalid.get(0) + "' is not a status code pattern",
                        "use e.g. 200, 2xx or 200-299"));
        Map<JsonPointer, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.valueMap("json").entrySet()) {
            try {
                json.put(JsonPointer.compile(e.getKey()), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new InvalidParamException("json", "'" + e.getKey() + "' is not a JSON pointer",
                        "pointers start with '/', e.g. /status or /items/0/name");
            }
        }
        Map<String, Pattern> expectHeaders = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.stringMap("expectHeaders").entrySet()) {
            expectHeaders.put(e.getKey(), ParamValidators.regex("expectHeaders", e.getValue()));
        }
        List<Pattern> bodyRegex = new ArrayList<>();
        for (String r : p.strings("bodyRegex")) {
            bodyRegex.add(ParamValidators.regex("bodyRegex", r));
        }
        IpProtocol ip = IpProtocol.param(p);
        TlsOptions tls = TlsOptions.param(p, TlsOptions.Scope.ONE_TARGET, TOP_LEVEL_TLS);
        HttpVersion version = httpVersion(p, url);
        Dialer dialer = new Dialer(ip, tls, ProxyOptions.param(p), version);
        byte[] body = p.optionalString("body").map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(null);
        return new HttpCheck(new HttpRequest(method, url, p.stringMap("headers"), body), status,
                p.strings("bodyContains"), p.strings("bodyNotContains"), bodyRegex, json, expectHeaders,
                expectHttpVersion(p, version), p.optionalDuration("maxLatency").orElse(null), p.bool("followRedirects"),
                p.integer("maxRedirects"), p.size("maxBodyBytes"), dialer);
    }

    private static HttpVersion httpVersion(Params p, URI url) throws InvalidParamException {
        HttpVersion version = HttpVersion.parse(p.string("httpVersion")).orElseThrow(() -> new InvalidParamException(
                "httpVersion", "'" + p.string("httpVersion") + "' is not an HTTP version to ask for", "auto, 2 or 1.1"));
        if (version == HttpVersion.HTTP_2 && url.getScheme().equals("http")) {
            throw new InvalidParamException("httpVersion", "\"2\" needs an https:// URL: HTTP/2 is negotiated in the "
                    + "TLS handshake, and cleartext HTTP/2 (h2c) is not spoken");
        }
        return version;
    }

    /** The accepted versions as the httpVersion detail names them; blackbox_exporter's "HTTP/2.0" is read too. */
    private static List<String> expectHttpVersion(Params p, HttpVersion asked) throws InvalidParamException {
        List<String> accepted = new ArrayList<>();
        for (String given : p.strings("expectHttpVersion")) {
            String v = given.strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^HTTP/", "").replaceFirst("^2\\.0$", "2");
            if (!RESPONSE_VERSIONS.contains(v)) {
                throw new InvalidParamException("expectHttpVersion", "'" + given + "' is not an HTTP version",
                        "1.0, 1.1 or 2 (HTTP/1.1 and HTTP/2.0 are read too)");
            }
            accepted.add(v);
        }
        if (asked == HttpVersion.HTTP_1_1 && !accepted.isEmpty() && !accepted.contains("1.1") && !accepted.contains("1.0")) {
            throw new InvalidParamException("expectHttpVersion", "can never be met with httpVersion \"1.1\"",
                    "use httpVersion: auto or \"2\" to get HTTP/2");
        }
        return List.copyOf(accepted);
    }

    static URI url(String text) throws InvalidParamException {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidParamException("url", "'" + text + "' is not a URL: " + e.getReason());
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new InvalidParamException("url", "'" + text + "' must start with http:// or https://");
        }
        if (url.getHost() == null) {
            throw new InvalidParamException("url", "'" + text + "' has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidParamException("url", "credentials in the URL would end up in reports",
                    "put them in headers: {Authorization: \"Basic ${env:TOKEN}\"}");
        }
        return url;
    }
}
