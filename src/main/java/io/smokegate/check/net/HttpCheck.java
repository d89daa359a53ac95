package io.smokegate.check.net;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.check.Check;
import io.smokegate.check.Deadline;
import io.smokegate.check.Outcome;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Probe;
import io.smokegate.input.ByteSizes;
import io.smokegate.input.Durations;
import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The prepared {@code http} check; see {@link HttpCheckType} for its parameters. */
final class HttpCheck implements Check {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpRequest request;
    private final StatusMatcher status;
    private final List<String> bodyContains;
    private final List<String> bodyNotContains;
    private final List<Pattern> bodyRegex;
    private final Map<JsonPointer, Object> json;
    private final Map<String, Pattern> expectHeaders;
    private final List<String> expectHttpVersion;
    private final Duration maxLatency;
    private final long maxBodyBytes;
    private final Dialer dialer;
    private final HttpFetcher fetcher;

    HttpCheck(HttpRequest request, StatusMatcher status, List<String> bodyContains, List<String> bodyNotContains,
              List<Pattern> bodyRegex, Map<JsonPointer, Object> json, Map<String, Pattern> expectHeaders,
              List<String> expectHttpVersion, Duration maxLatency, boolean followRedirects, int maxRedirects,
              long maxBodyBytes, Dialer dialer) {
        this.request = request;
        this.status = status;
        this.bodyContains = bodyContains;
        this.bodyNotContains = bodyNotContains;
        this.bodyRegex = bodyRegex;
        this.json = json;
        this.expectHeaders = expectHeaders;
        this.expectHttpVersion = expectHttpVersion;
        this.maxLatency = maxLatency;
        this.maxBodyBytes = maxBodyBytes;
        this.dialer = dialer;
        this.fetcher = new HttpFetcher(dialer, followRedirects, maxRedirects, true);
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        PhaseTimer timer = new PhaseTimer();
        Deadline deadline = probe.deadline();
        HttpFetcher.Result result;
        new ClientOptions(dialer.tls(), dialer.proxy()).report(probe);
        try {
            result = fetcher.fetch(request, () -> BodySink.inMemory(maxBodyBytes), deadline, timer);
        } catch (RedirectException e) {
            timer.report(probe);
            return Outcome.fail(e.getMessage());
        } catch (HttpFetcher.Failure e) {
            timer.report(probe);
            return Outcome.fail(NetFailures.describe(e.network(), e.url(), timer.step(), deadline.budget()));
        }
        timer.report(probe);
        HttpResponse response = result.response();
        List<String> hops = result.hops();
        probe.detail("remoteAddress", result.address().getHostAddress());
        if (result.tls() != null) {
            recordTls(result.tls(), probe);
            if (dialer.tls().clientCertificate() != null) {
                probe.detail("clientCertificate", dialer.tls().clientCertificate().getSubjectX500Principal().getName());
            }
        }
        probe.detail("url", hops.get(hops.size() - 1));
        if (hops.size() > 1) {
            probe.detail("redirects", hops.subList(1, hops.size()));
        }
        String host = URI.create(hops.get(hops.size() - 1)).getHost();
        if (dialer.proxy().configured() && !dialer.proxy().appliesTo(host)) {
            probe.detail("proxy", "bypassed: noProxy matches " + host);
        }
        String version = HttpVersion.ofResponse(response);
        probe.detail("httpVersion", version);
        probe.detail("status", response.status());
        probe.detail("bodyBytes", response.body().length);
        probe.measure(NetFamily.HTTP_VERSION, Double.parseDouble(version.contains(".") ? version : version + ".0"));
        probe.measure(NetFamily.HTTP_STATUS_CODE, response.status());
        probe.measure(NetFamily.HTTP_RESPONSE_BYTES, response.body().length);
        probe.measure(NetFamily.HTTP_REDIRECTS, hops.size() - 1);
        return judge(response, Duration.ofNanos(timer.totalNanos()), deadline, probe,
                result.tls() != null && dialer.tls().insecureSkipVerify());
    }

    /** {@code unverified}: the final response came over TLS whose certificate was not verified. */
    private Outcome judge(HttpResponse response, Duration latency, Deadline deadline, Probe probe, boolean unverified) {
        List<String> failures = new ArrayList<>();
        if (!status.matches(response.status())) {
            failures.add("status " + response.status() + ", expected " + status + bodySnippet(response));
        }
        String version = HttpVersion.ofResponse(response);
        if (!expectHttpVersion.isEmpty() && !expectHttpVersion.contains(version)) {
            failures.add("HTTP version " + version + ", expected " + String.join(" or ", expectHttpVersion));
        }
        if (response.bodyTruncated()) {
            failures.add("response body is larger than the read limit of " + ByteSizes.format(maxBodyBytes)
                    + " (raise maxBodyBytes if that is expected)");
        }
        for (Map.Entry<String, Pattern> e : expectHeaders.entrySet()) {
            List<String> values = response.headerValues(e.getKey());
            if (values.isEmpty()) {
                failures.add("header " + e.getKey() + " is missing");
            } else if (values.stream().noneMatch(v -> e.getValue().matcher(v).find())) {
                failures.add("header " + e.getKey() + ": '" + ParamValidators.printable(values.get(0))
                        + "' does not match /" + e.getValue() + "/");
            }
        }
        if (!bodyContains.isEmpty() || !bodyNotContains.isEmpty() || !bodyRegex.isEmpty() || !json.isEmpty()) {
            String body = response.bodyText();
            bodyContains.stream().filter(s -> !body.contains(s))
                    .forEach(s -> failures.add("body does not contain '" + s + "'"));
            bodyNotContains.stream().filter(body::contains)
                    .forEach(s -> failures.add("body contains '" + s + "'"));
            CharSequence bounded = new DeadlineCharSequence(body, deadline);
            for (Pattern p : bodyRegex) {
                try {
                    if (!p.matcher(bounded).find()) {
                        failures.add("body does not match /" + p + "/");
                    }
                } catch (DeadlineCharSequence.Expired e) {
                    failures.add("matching /" + p + "/ against the body did not finish within the timeout");
                }
            }
            if (!json.isEmpty()) {
                checkJson(body, failures);
            }
        }
        if (maxLatency != null && latency.compareTo(maxLatency) > 0) {
            failures.add("took " + latency.toMillis() + " ms, more than maxLatency " + Durations.format(maxLatency));
        }
        if (failures.isEmpty()) {
            return Outcome.pass("status " + response.status() + " in " + latency.toMillis() + " ms"
                    + (unverified ? " (certificate NOT verified: insecureSkipVerify)" : ""));
        }
        return probe.failAll(failures);
    }

    private void checkJson(String body, List<String> failures) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            failures.add("body is not JSON: " + abbreviate(e.getOriginalMessage()));
            return;
        }
        for (Map.Entry<JsonPointer, Object> e : json.entrySet()) {
            JsonNode actual = root.at(e.getKey());
            if (actual.isMissingNode()) {
                failures.add("JSON " + e.getKey() + " is missing");
            } else if (!JsonValues.equal(actual, e.getValue())) {
                failures.add("JSON " + e.getKey() + " is " + abbreviate(actual.toString()) + ", expected " + e.getValue());
            }
        }
    }

    private static void recordTls(SSLSession session, Probe probe) {
        probe.detail("tlsVersion", session.getProtocol());
        probe.measure(NetFamily.TLS_VERSION, 1, session.getProtocol());
        try {
            Instant earliest = null;
            for (Certificate cert : session.getPeerCertificates()) {
                if (cert instanceof X509Certificate x509) {
                    Instant notAfter = x509.getNotAfter().toInstant();
                    earliest = earliest == null || notAfter.isBefore(earliest) ? notAfter : earliest;
                }
            }
            if (earliest != null) {
                probe.detail("certNotAfter", earliest.toString());
                probe.measure(NetFamily.TLS_CERT_NOT_AFTER, earliest.getEpochSecond());
            }
        } catch (SSLPeerUnverifiedException e) {
            probe.detail("certNotAfter", "unavailable");
        }
    }

    private static String bodySnippet(HttpResponse response) {
        String text = response.bodyText().strip();
        return text.isEmpty() ? "" : ": " + abbreviate(text);
    }

    private static String abbreviate(String s) {
        return ParamValidators.printable(s);
    }
}
