package io.smokegate.check.goproxy;

import io.smokegate.check.Deadline;
import io.smokegate.check.Probe;
import io.smokegate.check.net.BodySink;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.net.ConnectionPool;
import io.smokegate.check.net.HttpFetcher;
import io.smokegate.check.net.HttpRequest;
import io.smokegate.check.net.HttpResponse;
import io.smokegate.check.net.HttpVersion;
import io.smokegate.check.net.IpProtocol;
import io.smokegate.check.net.NetFailures;
import io.smokegate.check.net.PhaseTimer;
import io.smokegate.check.net.RedirectException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET requests to Go module proxies and checksum databases for one probe, the way the go command makes
 * them: over connections kept alive between the probe's requests (a lookup is not a probe of connection
 * setup), at most 10 redirects and never from https down to http, bodies bounded. It remembers the last
 * duration and status per endpoint and the bytes downloaded, and reports them to the probe once at the end
 * ({@link #report}). Closing it closes its connections.
 */
public final class ProxyClient implements AutoCloseable {

    private static final int MAX_REDIRECTS = 10;

    /** A response with its body in memory (at most the limit asked for; {@code truncated} if there was more). */
    public record Response(String url, int status, String contentType, byte[] body, boolean truncated) {
        public boolean ok() {
            return status == 200;
        }

        /** 404 and 410 are "not here, ask elsewhere" to the go command; every other failure is an error. */
        public boolean notFound() {
            return status == 404 || status == 410;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpFetcher fetcher;
    private final ConnectionPool.Scope connections;
    private final Deadline deadline;
    private final Map<Endpoint, long[]> last = new ConcurrentHashMap<>();
    private final AtomicLong downloaded = new AtomicLong();

    /**
     * Connections as the check's {@code tls}, {@code proxyUrl} and {@code noProxy} parameters say; HTTP/1.1.
     *
     * @param connections the probe's connections, closed with this client
     */
    public ProxyClient(ClientOptions options, Deadline deadline, ConnectionPool.Scope connections) {
        this.fetcher = new HttpFetcher(options.dialer(IpProtocol.AUTO, HttpVersion.HTTP_1_1), true, MAX_REDIRECTS, false,
                connections);
        this.connections = connections;
        this.deadline = deadline;
    }

    /** {@code path} is appended to the base URL's path with a slash; it must already be escaped. */
    public Response get(URI base, String path, Endpoint endpoint, long maxBytes) throws ProxyException, InterruptedException {
        return fetch(base, path, endpoint, BodySink.inMemory(maxBytes), true);
    }

    /** Streams the body to {@code file}; the response carries no body bytes, only whether the limit was hit. */
    public Response download(URI base, String path, Endpoint endpoint, Path file, long maxBytes)
            throws ProxyException, InterruptedException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return fetch(base, path, endpoint, BodySink.to(out, maxBytes), false);
        }
    }

    private Response fetch(URI base, String path, Endpoint endpoint, BodySink sink, boolean inMemory)
            throws ProxyException, InterruptedException {
        URI uri = resolve(base, path);
        PhaseTimer timer = new PhaseTimer();
        long start = System.nanoTime();
        try {
            HttpFetcher.Result result = fetcher.fetch(new HttpRequest("GET", uri, Map.of(), null), () -> sink, deadline, timer);
            HttpResponse r = result.response();
            record(endpoint, start, r.status());
            downloaded.addAndGet(inMemory ? r.body().length : sink.written());
            return new Response(uri.toString(), r.status(), r.header("content-type").orElse(""), r.body(), sink.truncated());
        } catch (RedirectException e) {
            record(endpoint, start, 0);
            throw new ProxyException(uri + ": " + e.getMessage());
        } catch (HttpFetcher.Failure e) {
            record(endpoint, start, 0);
            String step = e.network() instanceof ConnectionPool.NoFreeConnection busy ? busy.step() : timer.step();
            throw new ProxyException(NetFailures.describe(e.network(), e.url(), step, deadline.budget()));
        }
    }

    private void record(Endpoint endpoint, long start, int status) {
        last.put(endpoint, new long[] {System.nanoTime() - start, status});
    }

    /** Adds the per-endpoint timings and statuses and the bytes downloaded to the probe's measurements. */
    public void report(Probe probe) {
        new TreeMap<>(last).forEach((endpoint, v) -> {
            probe.measure(GoProxyFamily.REQUEST_DURATION, v[0] / 1e9, endpoint.label());
            probe.measure(GoProxyFamily.STATUS_CODE, v[1], endpoint.label());
        });
        probe.measure(GoProxyFamily.DOWNLOADED_BYTES, downloaded.get());
    }

    @Override
    public void close() {
        connections.close();
    }

    /** Closes every connection now, busy ones too: requests in flight fail at once (for a check that is cancelled). */
    public void abort() {
        connections.abort();
    }

    public static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b : b + "/") + path);
    }
}
