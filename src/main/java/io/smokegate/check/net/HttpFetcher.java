package io.smokegate.check.net;

import io.smokegate.check.Deadline;
import io.smokegate.check.ParamValidators;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;

/**
 * HTTP requests over a fresh connection each (unless a {@link ConnectionSource} keeps them open), following
 * redirects as browsers and the go command do: 303 (and 301/302 after POST) turn into GET, credentials are dropped
 * when the scheme, host or port changes, and the number of hops is bounded. Only the final response's body reaches
 * the caller's sink.
 */
public final class HttpFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final long REDIRECT_BODY_LIMIT = 64 * 1024;

    /** A network failure, with the URL of the hop it happened on (after redirects, not the first). */
    public static final class Failure extends IOException {
        private final String url;

        Failure(String url, IOException cause) {
            super(cause.getMessage(), cause);
            this.url = url;
        }

        public String url() {
            return url;
        }

        public IOException network() {
            return (IOException) getCause();
        }
    }

    /** The final response, every URL visited (the first is the request's), and the last connection's peer. */
    public record Result(HttpResponse response, List<String> hops, InetAddress address, SSLSession tls) {
    }

    private final Dialer dialer;
    private final boolean followRedirects;
    private final int maxRedirects;
    private final boolean allowDowngrade;
    private final ConnectionSource connections;

    /**
     * @param dialer          makes each hop's connection: directly or through a proxy, with TLS options and HTTP version
     * @param followRedirects false returns redirects as responses
     * @param allowDowngrade  whether an https URL may redirect to http (the go command refuses)
     */
    public HttpFetcher(Dialer dialer, boolean followRedirects, int maxRedirects, boolean allowDowngrade) {
        this(dialer, followRedirects, maxRedirects, allowDowngrade, ConnectionSource.FRESH);
    }

    /** @param connections where each request's connection comes from */
    public HttpFetcher(Dialer dialer, boolean followRedirects, int maxRedirects, boolean allowDowngrade,
                       ConnectionSource connections) {
        this.connections = connections;
        this.dialer = dialer;
        this.followRedirects = followRedirects;
        this.maxRedirects = maxRedirects;
        this.allowDowngrade = allowDowngrade;
    }

    /** {@code sink} supplies the final body's destination; it is asked once, when that response arrives. */
    public Result fetch(HttpRequest request, Supplier<BodySink> sink, Deadline deadline, PhaseTimer timer)
            throws Failure, RedirectException, InterruptedException {
        HttpRequest current = request;
        List<String> hops = new ArrayList<>();
        while (true) {
            hops.add(current.uri().toString());
            URI uri = current.uri();
            boolean https = uri.getScheme().equals("https");
            HostPort target = new HostPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80);
            try (ConnectionSource.Sent sent = send(target, https, current, deadline, timer, hops)) {
                Connection connection = sent.connection();
                Exchange exchange = sent.exchange();
                String location = exchange.header("location").orElse(null);
                if (!followRedirects || !REDIRECTS.contains(exchange.status()) || location == null) {
                    HttpResponse response = finish(exchange, sink.get(), hops);
                    return new Result(response, List.copyOf(hops), connection.address(), connection.tls());
                }
                finish(exchange, BodySink.inMemory(REDIRECT_BODY_LIMIT), hops);
                if (hops.size() > maxRedirects) {
                    throw new RedirectException("stopped after " + Plural.count(maxRedirects, "redirect") + loopNote(hops));
                }
                current = redirect(current, exchange.status(), location);
            }
        }
    }

    /** Starts {@code request} on a connection made for this fetcher's route (by {@link ConnectionSource}s). */
    Exchange start(Connection connection, HttpRequest request, Deadline deadline, PhaseTimer timer) throws IOException {
        return dialer.start(connection, request, deadline, timer);
    }

    private Connection open(URI uri, Deadline deadline, PhaseTimer timer, List<String> hops)
            throws Failure, InterruptedException {
        try {
            return dialer.open(uri, deadline, timer);
        } catch (IOException e) {
            throw new Failure(hops.get(hops.size() - 1), e);
        }
    }

    private ConnectionSource.Sent send(HostPort target, boolean https, HttpRequest request, Deadline deadline,
                                       PhaseTimer timer, List<String> hops) throws Failure, InterruptedException {
        try {
            return connections.send(new ConnectionSource.Route(this, target, https), request,
                    () -> open(request.uri(), deadline, timer, hops), deadline, timer);
        } catch (Failure e) {
            throw e;
        } catch (IOException e) {
            throw new Failure(hops.get(hops.size() - 1), e);
        }
    }

    private static HttpResponse finish(Exchange exchange, BodySink sink, List<String> hops) throws Failure {
        try {
            return exchange.finish(sink);
        } catch (IOException e) {
            throw new Failure(hops.get(hops.size() - 1), e);
        }
    }

    private HttpRequest redirect(HttpRequest from, int code, String location) throws RedirectException {
        URI next;
        try {
            next = from.uri().resolve(location.trim());
        } catch (IllegalArgumentException e) {
            next = null;
        }
        if (next == null || next.getScheme() == null || !(next.getScheme().equals("http") || next.getScheme().equals("https"))
                || next.getHost() == null) {
            throw new RedirectException("redirect to an invalid location: '" + ParamValidators.printable(location) + "'");
        }
        if (!allowDowngrade && from.uri().getScheme().equals("https") && next.getScheme().equals("http")) {
            throw new RedirectException("redirected from secure URL " + from.uri() + " to insecure URL " + next);
        }
        Map<String, String> headers = new LinkedHashMap<>(from.headers());
        if (!sameOrigin(from.uri(), next)) {
            headers.keySet().removeIf(h -> CREDENTIAL_HEADERS.contains(h.toLowerCase(Locale.ROOT)));
        }
        boolean toGet = code == 303 || ((code == 301 || code == 302) && from.method().equals("POST"));
        return toGet ? new HttpRequest("GET", next, headers, null) : new HttpRequest(from.method(), next, headers, from.body());
    }

    /** Same scheme, host and port: a downgrade to http or a move to another port can expose credentials. */
    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String loopNote(List<String> hops) {
        return hops.size() != hops.stream().distinct().count()
                ? " (redirect loop: " + String.join(" → ", hops.subList(Math.max(0, hops.size() - 4), hops.size())) + ")"
                : " (last: " + hops.get(hops.size() - 1) + ")";
    }
}
