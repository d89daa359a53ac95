package io.smokegate.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Argo Rollouts does with one {@code web} metric of an AnalysisTemplate, for the subset smokegate's example
 * uses, following the controller's code (argoproj/argo-rollouts): arguments are substituted into the metric's
 * JSON with Go-quoted values ({@code utils/analysis.ResolveMetricArgs}); the request is what
 * {@code metricproviders/webmetric} sends (method, URL, headers, {@code jsonBody} as application/json, the
 * timeout); a non-2xx answer is an Error; the JSON answer goes through the Kubernetes JSONPath
 * ({@code k8s.io/client-go/util/jsonpath}, the first value found, as a JSON value); and {@code successCondition} /
 * {@code failureCondition} are expr-lang expressions over {@code result} ({@code utils/evaluate.EvaluateResult}).
 * JSONPath and expr beyond that subset are rejected, never guessed.
 */
public final class ArgoWebMetric {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}");
    /** {@code {$.a.b}} or {@code {.a.b}}: one action of dotted field names, as the examples use. */
    private static final Pattern FIELDS = Pattern.compile("\\{\\$?((?:\\.[A-Za-z0-9_-]+)+)}");

    /** An AnalysisRun measurement's phase. */
    public enum Phase { SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR }

    /** A measurement: its phase, the value the conditions saw (JSON types as Java values), why when an Error. */
    public record Measurement(Phase phase, Object value, String message) {
    }

    private final JsonNode metric;

    private ArgoWebMetric(JsonNode metric) {
        this.metric = metric;
    }

    /** Every YAML document of a file. */
    public static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = YAML.createParser(Files.readString(file))) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
            return docs;
        }
    }

    /** The first document of {@code kind}. */
    public static JsonNode ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " among " + documents.size() + " documents"));
    }

    /**
     * The metric {@code name} of the template with its arguments resolved: {@code given} (what the Rollout passes
     * and what a {@code valueFrom} would read) over each argument's own {@code value}.
     */
    public static ArgoWebMetric resolve(JsonNode template, String name, Map<String, String> given) throws JsonProcessingException {
        JsonNode metric = null;
        for (JsonNode m : template.at("/spec/metrics")) {
            if (name.equals(m.path("name").asText())) {
                metric = m;
            }
        }
        if (metric == null) {
            throw new AssertionError("no metric " + name);
        }
        Map<String, String> args = new java.util.HashMap<>();
        for (JsonNode arg : template.at("/spec/args")) {
            String argName = arg.path("name").asText();
            String value = given.containsKey(argName) ? given.get(argName) : arg.has("value") ? arg.get("value").asText() : null;
            if (value == null) {
                throw new IllegalArgumentException("argument \"" + argName + "\" was not supplied");
            }
            args.put("args." + argName, value);
        }
        Matcher m = TAG.matcher(JSON.writeValueAsString(metric));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1).strip());
            if (value == null) {
                throw new IllegalArgumentException("failed to resolve {{" + m.group(1) + "}}");
            }
            // strconv.Quote without its quotes; JSON's escaping is the same for the text examples carry.
            String quoted = JSON.writeValueAsString(value);
            m.appendReplacement(out, Matcher.quoteReplacement(quoted.substring(1, quoted.length() - 1)));
        }
        m.appendTail(out);
        return new ArgoWebMetric(JSON.readTree(out.toString()));
    }

    /** The resolved metric, as the AnalysisRun holds it. */
    public JsonNode metric() {
        return metric;
    }

    /** The request the web provider sends. */
    public HttpRequest request() throws JsonProcessingException {
        JsonNode web = metric.at("/provider/web");
        String method = web.path("method").asText("GET");
        boolean hasJson = web.has("jsonBody");
        String body = hasJson ? JSON.writeValueAsString(web.get("jsonBody")) : web.path("body").asText("");
        if (!body.isEmpty() && method.equals("GET")) {
            throw new IllegalArgumentException("Body/JSONBody can only be used with POST or PUT WebMetric Method types");
        }
        long timeout = web.path("timeoutSeconds").asLong(0);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(web.path("url").asText()))
                .timeout(Duration.ofSeconds(timeout <= 0 ? 10 : timeout))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (JsonNode header : web.path("headers")) {
            b.setHeader(header.path("key").asText(), header.path("value").asText());
        }
        if (hasJson) {
            b.setHeader("Content-Type", "application/json");
        }
        return b.build();
    }

    /** One measurement: sends the request and judges the answer. */
    public Measurement measure(HttpClient client) throws JsonProcessingException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Measurement(Phase.ERROR, null, e.toString());
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            return new Measurement(Phase.ERROR, null, "received non 2xx response code: " + response.statusCode());
        }
        return judge(response.body());
    }

    /** A 2xx answer's body through the JSONPath and the conditions. */
    public Measurement judge(String body) {
        Object value;
        try {
            JsonNode doc = JSON.readTree(body);
            value = JSON.convertValue(jsonPath(metric.at("/provider/web").path("jsonPath").asText("{$}"), doc), Object.class);
        } catch (JsonProcessingException e) {
            value = body; // not JSON: the conditions see the body as a string
        } catch (NoSuchElementException e) {
            return new Measurement(Phase.ERROR, null, "Could not find JSONPath in body: " + e.getMessage());
        }
        return new Measurement(evaluate(value, metric.path("successCondition").asText(""),
                metric.path("failureCondition").asText("")), value, null);
    }

    /** The first value the Kubernetes JSONPath template finds in {@code doc}; absent fields are an error there. */
    static JsonNode jsonPath(String template, JsonNode doc) {
        if (template.equals("{$}") || template.equals("{.}")) {
            return doc;
        }
        Matcher m = FIELDS.matcher(template);
        if (!m.matches()) {
            throw new IllegalArgumentException("JSONPath " + template + " is outside this helper's subset ({$.a.b})");
        }
        JsonNode at = doc;
        for (String field : m.group(1).substring(1).split("\\.")) {
            if (!at.isObject() || !at.has(field)) {
                throw new NoSuchElementException(field + " is not found");
            }
            at = at.get(field);
        }
        return at;
    }

    /** {@code utils/evaluate.EvaluateResult}: the phase from the two conditions. */
    static Phase evaluate(Object result, String success, String failure) {
        boolean successful = !success.isEmpty() && condition(success, result);
        boolean failed = !failure.isEmpty() && condition(failure, result);
        if (success.isEmpty() && failure.isEmpty()) {
            return Phase.SUCCESSFUL;
        } else if (failure.isEmpty()) {
            failed = !successful;
        } else if (success.isEmpty()) {
            successful = !failed;
        }
        return failed ? Phase.FAILED : successful ? Phase.SUCCESSFUL : Phase.INCONCLUSIVE;
    }

    /**
     * An expr-lang condition of the forms {@code result == LITERAL}, {@code result != LITERAL} and
     * {@code result in [LITERAL, ...]}, literals being strings, numbers, booleans or nil. expr's {@code ==} is
     * false, not an error, between values of different types; numbers compare by value.
     */
    static boolean condition(String expression, Object result) {
        Matcher m = Pattern.compile("\\s*result\\s*(==|!=|in)\\s*(.+?)\\s*").matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException("condition '" + expression + "' is outside this helper's expr subset");
        }
        String operand = m.group(2);
        if (m.group(1).equals("in")) {
            if (!operand.startsWith("[") || !operand.endsWith("]")) {
                throw new IllegalArgumentException("'in' needs an array literal: " + expression);
            }
            List<Object> members = literals(operand.substring(1, operand.length() - 1));
            return members.stream().anyMatch(member -> equal(result, member));
        }
        List<Object> literal = literals(operand);
        if (literal.size() != 1) {
            throw new IllegalArgumentException("one literal expected in: " + expression);
        }
        return equal(result, literal.getFirst()) == m.group(1).equals("==");
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Comma-separated literals, read as JSON values after expr's single quotes and nil are put in JSON form. */
    private static List<Object> literals(String text) {
        String json = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'").matcher(text)
                .replaceAll(r -> Matcher.quoteReplacement("\"" + r.group(1).replace("\"", "\\\"") + "\""));
        json = json.replaceAll("\\bnil\\b", "null");
        try {
            List<Object> values = new ArrayList<>();
            JSON.readTree("[" + json + "]").forEach(v -> values.add(JSON.convertValue(v, Object.class)));
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a literal list this helper reads: " + text, e);
        }
    }
}
