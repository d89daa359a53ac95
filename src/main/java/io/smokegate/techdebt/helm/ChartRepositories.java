package io.smokegate.techdebt.helm;

import io.smokegate.input.ByteSizes;
import io.smokegate.input.Durations;
import io.smokegate.input.InvalidInputException;
import io.smokegate.techdebt.Skipped;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chart repositories releases are compared with: each one's {@code index.yaml}, fetched once per scan with a
 * timeout and a size limit (a big public index is tens of MiB) and read under SafeYaml's limits. A repository that
 * cannot be fetched or read is reported as skipped; its charts then have no known latest version.
 */
public final class ChartRepositories {

    /**
     * @param timeout  the most fetching one index may take, connecting included
     * @param maxBytes larger indexes are not read
     */
    public record Limits(Duration timeout, long maxBytes) {
        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(30), 64L * 1024 * 1024);
        }
    }

    /** What the repositories say about one chart, and which repository said it. */
    public record Known(String repository, ChartIndex.Chart chart) {
    }

    /** The fetched indexes and the repositories that could not be read. */
    public record Fetched(List<ChartIndex> indexes, List<Skipped> skipped) {

        public Fetched {
            indexes = List.copyOf(indexes);
            skipped = List.copyOf(skipped);
        }

        /**
         * The chart of that name in the first repository (in the order given) that lists the installed version,
         * else in the first that knows the chart at all: chart names collide between repositories, and the one the
         * release came from is the one that lists what is installed.
         */
        public Optional<Known> find(String chart, String installedVersion) {
            Known fallback = null;
            for (ChartIndex index : indexes) {
                Optional<ChartIndex.Chart> c = index.chart(chart);
                if (c.isPresent()) {
                    if (c.get().versions().contains(installedVersion)) {
                        return Optional.of(new Known(index.url(), c.get()));
                    }
                    if (fallback == null) {
                        fallback = new Known(index.url(), c.get());
                    }
                }
            }
            return Optional.ofNullable(fallback);
        }
    }

    private final List<URI> urls;
    private final Limits limits;

    /** {@code urls} as {@code helm repo add} takes them, or their {@code index.yaml} URLs. */
    public ChartRepositories(List<URI> urls, Limits limits) {
        this.urls = List.copyOf(urls);
        this.limits = limits;
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }

    /**
     * A chart repository as a user writes it: an absolute http or https URL; the exception's message says what is
     * wrong and shows one.
     */
    public static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not an http or https URL (e.g. https://charts.example.com)");
        }
        return uri;
    }

    /** The index URL of a repository URL: itself when it names a YAML file, else {@code <url>/index.yaml}. */
    public static URI indexUrl(URI repository) {
        String path = repository.getRawPath() == null ? "" : repository.getRawPath();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return repository;
        }
        String s = repository.toString();
        int query = s.indexOf('?');
        String base = query < 0 ? s : s.substring(0, query);
        return URI.create((base.endsWith("/") ? base : base + "/") + "index.yaml" + (query < 0 ? "" : s.substring(query)));
    }

    /** Fetches every index, one after the other. Blocks. */
    public Fetched fetch() {
        List<ChartIndex> indexes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (urls.isEmpty()) {
            return new Fetched(indexes, skipped);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(limits.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            for (URI url : urls) {
                URI index = indexUrl(url);
                try {
                    indexes.add(ChartIndex.parse(index.toString(), get(http, index), limits.maxBytes()));
                } catch (InvalidInputException e) {
                    skipped.add(new Skipped(HelmReleases.SOURCE, "chart repository index " + e.problems().get(0).format()));
                } catch (FetchException e) {
                    skipped.add(new Skipped(HelmReleases.SOURCE, "chart repository " + index + ": " + e.getMessage()
                            + "; its charts have no known latest version"));
                }
            }
        } finally {
            http.close();
        }
        return new Fetched(indexes, skipped);
    }

    private static final class FetchException extends Exception {
        FetchException(String message) {
            super(message);
        }
    }

    private String get(HttpClient http, URI index) throws FetchException {
        HttpRequest request = HttpRequest.newBuilder(index).timeout(limits.timeout())
                .header("Accept", "application/yaml, text/yaml, */*").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException("answered HTTP " + response.statusCode());
                }
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            }
            if (body.length > limits.maxBytes()) {
                throw new FetchException("the index is larger than the limit of " + ByteSizes.format(limits.maxBytes()));
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException("cannot connect within " + Durations.format(limits.timeout()));
        } catch (HttpTimeoutException e) {
            throw new FetchException("no answer within " + Durations.format(limits.timeout()));
        } catch (ConnectException e) {
            throw new FetchException("cannot connect: connection refused");
        } catch (IOException e) {
            throw new FetchException("cannot fetch: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching");
        }
    }
}
