package io.smokegate.check.kube;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.check.Deadline;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.net.BodySink;
import io.smokegate.check.net.HttpFetcher;
import io.smokegate.check.net.HttpRequest;
import io.smokegate.check.net.HttpResponse;
import io.smokegate.check.net.NetFailures;
import io.smokegate.check.net.PhaseTimer;
import io.smokegate.check.net.RedirectException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fact served as JSON over HTTP, one URL per context: {@code ${cluster}} in the URL is replaced by the context's
 * name, the document is fetched with GET (bounded by the check's timeout, 1 MiB at most, redirects followed but
 * never from https to http) and the value at {@code jsonPath} is the fact — a JSON pointer ({@code /data/version})
 * or the dotted form ({@code $.data.version}, {@code data.items[0].id}).
 */
final class HttpJsonFact {

    static final String PLACEHOLDER = "${cluster}";
    private static final long MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOTTED_STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final String url;
    private final JsonPointer pointer;
    private final String jsonPath;
    private final Map<String, String> headers;
    private final HttpFetcher fetcher;

    private HttpJsonFact(String url, JsonPointer pointer, String jsonPath, Map<String, String> headers, HttpFetcher fetcher) {
        this.url = url;
        this.pointer = pointer;
        this.jsonPath = jsonPath;
        this.headers = headers;
        this.fetcher = fetcher;
    }

    /** Checks the URL (with a sample context in the placeholder), the path and the header at load time. */
    static HttpJsonFact of(String param, String url, String jsonPath, String header, HttpFetcher fetcher)
            throws InvalidParamException {
        URI sample = uri(param, url.replace(PLACEHOLDER, "context"));
        if (sample.getRawUserInfo() != null) {
            throw new InvalidParamException(param, "credentials in the URL would end up in reports", "give them in header");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (header != null) {
            int colon = header.indexOf(':');
            if (colon < 1 || header.substring(0, colon).isBlank() || !header.substring(0, colon).strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new InvalidParamException(param, "header must be 'Name: value'", "e.g. 'X-Vault-Token: ${env:VAULT_TOKEN}'");
            }
            headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return new HttpJsonFact(url, pointer(param, jsonPath), jsonPath, Map.copyOf(headers), fetcher);
    }

    String read(String context, Deadline deadline) throws DriftReadException, InterruptedException {
        String target = url.replace(PLACEHOLDER, URLEncoder.encode(context, StandardCharsets.UTF_8));
        PhaseTimer timer = new PhaseTimer();
        HttpResponse response;
        try {
            response = fetcher.fetch(new HttpRequest("GET", URI.create(target), headers, null),
                    () -> BodySink.inMemory(MAX_BODY), deadline, timer).response();
        } catch (RedirectException e) {
            throw new DriftReadException(target + ": " + e.getMessage());
        } catch (HttpFetcher.Failure e) {
            throw new DriftReadException(NetFailures.describe(e.network(), e.url(), timer.step(), deadline.budget()));
        }
        if (response.status() / 100 != 2) {
            throw new DriftReadException("GET " + target + " answered HTTP " + response.status());
        }
        if (response.bodyTruncated()) {
            throw new DriftReadException("GET " + target + ": the document is larger than 1 MiB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DriftReadException("GET " + target + " did not answer JSON: "
                    + ParamValidators.printable(response.bodyText()));
        }
        JsonNode value = root == null ? null : root.at(pointer);
        if (value == null || value.isMissingNode()) {
            throw new DriftReadException("GET " + target + ": the JSON has no value at " + jsonPath);
        }
        return ParamValidators.printable(value.isValueNode() ? value.asText() : value.toString());
    }

    private static URI uri(String param, String text) throws InvalidParamException {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new InvalidParamException(param, "url '" + text + "' must be an http:// or https:// URL",
                        "e.g. https://vault.${cluster}.example.com/v1/sys/policy/app (in a checklist write $${cluster})");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidParamException(param, "url '" + text + "' is not a URL: " + e.getReason());
        }
    }

    /** A JSON pointer as written, or one made of a dotted path. */
    static JsonPointer pointer(String param, String path) throws InvalidParamException {
        try {
            if (path.startsWith("/")) {
                return JsonPointer.compile(path);
            }
            String dotted = path.startsWith("$") ? path.substring(1) : path;
            dotted = dotted.startsWith(".") ? dotted.substring(1) : dotted;
            StringBuilder pointer = new StringBuilder();
            Matcher m = DOTTED_STEP.matcher(dotted);
            int end = 0;
            while (m.find()) {
                // A name follows a dot (the first one nothing), an index follows directly: "a.b[0].c".
                String between = dotted.substring(end, m.start());
                String expected = m.group(1) != null && end > 0 ? "." : "";
                if (!between.equals(expected)) {
                    break;
                }
                String step = m.group(1) != null ? m.group(1) : m.group(2);
                pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
                end = m.end();
            }
            if (end != dotted.length() || pointer.isEmpty()) {
                throw new IllegalArgumentException("not a path");
            }
            return JsonPointer.compile(pointer.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidParamException(param, "jsonPath '" + path + "' is neither a JSON pointer nor a dotted path",
                    "e.g. /data/version or $.data.version");
        }
    }
}
