package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.testing.ArgoWebMetric;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.ArgoWebMetric.Measurement;
import io.smokegate.testing.ArgoWebMetric.Phase;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/examples/argo-rollouts as shipped: the request its AnalysisTemplate describes, sent to a real
 * {@code serve}, and smokegate's real answer through the template's JSONPath and conditions with Argo's semantics.
 */
class ArgoRolloutsExampleTest {

    private static final Path DIR = Path.of("deploy/examples/argo-rollouts");
    private static final String METRIC = "smokegate-gate";

    @TempDir
    Path root;

    TargetServer target;
    ApiTestSupport api;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        target = new TargetServer();
        api = new ApiTestSupport(root, TOKEN, 2, 4, Duration.ofSeconds(2));
        api.checklist("site.yaml", HttpChecklists.gated("site", target.url("/ok"), ""));
        api.checklist("broken.yaml", HttpChecklists.gated("broken", target.url("/fail"), ""));
        // A failed check meets only the warning criterion: half the score, at total.warning.
        api.checklist("shaky.yaml", HttpChecklists.gated("shaky", target.url("/fail"), ", warning: \">=0\""));
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    private static JsonNode template() throws Exception {
        return ArgoWebMetric.ofKind(ArgoWebMetric.documents(DIR.resolve("analysis-template.yaml")), "AnalysisTemplate");
    }

    /** The metric as the Rollout's analysis step resolves it, the token read from the Secret. */
    private ArgoWebMetric metric(JsonNode template, ApiTestSupport service, String checklist, String token) throws Exception {
        return ArgoWebMetric.resolve(template, METRIC, Map.of("checklist", checklist,
                "smokegate-url", "http://127.0.0.1:" + service.app.port(), "smokegate-token", token));
    }

    private Measurement measure(String checklist) throws Exception {
        return metric(template(), api, checklist, TOKEN).measure(client);
    }

    @Test
    void thePostTheTemplateDescribesGatesTheChecklistNamedByTheRollout() throws Exception {
        HttpRequest request = metric(template(), api, "site", TOKEN).request();
        assertEquals("POST", request.method());
        assertEquals("/api/v1/gates", request.uri().getPath());
        assertEquals(List.of("Bearer " + TOKEN), request.headers().allValues("Authorization"));
        assertEquals(List.of("application/json"), request.headers().allValues("Content-Type"));
        assertEquals(Duration.ofSeconds(120), request.timeout().orElseThrow());
        JsonNode answer = ApiTestSupport.json(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertEquals("site", answer.get("checklist").asText());
        assertEquals("gate", answer.get("trigger").asText());
        assertEquals(1, target.requests(), "the checklist ran once");
    }

    @Test
    void aPassingGateIsASuccessfulMeasurement() throws Exception {
        assertEquals(new Measurement(Phase.SUCCESSFUL, "pass", null), measure("site"));
    }

    @Test
    void aFailingGateIsAFailedMeasurement() throws Exception {
        assertEquals(new Measurement(Phase.FAILED, "fail", null), measure("broken"));
    }

    @Test
    void aWarningGateIsInconclusiveSoRepeatedWarningsPauseTheRollout() throws Exception {
        assertEquals(new Measurement(Phase.INCONCLUSIVE, "warning", null), measure("shaky"));
    }

    @Test
    void anUnreachablePrometheusIsAnErrorMeasurementNeverASuccess() throws Exception {
        try (ApiTestSupport withPrometheus = new ApiTestSupport(root.resolve("p"), TOKEN, 1, 2, Duration.ofSeconds(2),
                "http://127.0.0.1:" + Ports.free())) {
            withPrometheus.checklist("prom.yaml", HttpChecklists.gated("prom", target.url("/ok"), "")
                    + "      - {name: up, promql: up, pass: \">=1\"}\n");
            Measurement m = metric(template(), withPrometheus, "prom", TOKEN).measure(client);
            assertEquals(new Measurement(Phase.ERROR, null, "received non 2xx response code: 503"), m);
        }
    }

    @Test
    void aWrongTokenIsAnErrorMeasurement() throws Exception {
        Measurement m = metric(template(), api, "site", "not-the-token").measure(client);
        assertEquals(new Measurement(Phase.ERROR, null, "received non 2xx response code: 401"), m);
        assertEquals(0, target.requests());
    }

    @Test
    void aPathOrConditionThatDoesNotFitSmokegatesAnswerWouldBeCaught() throws Exception {
        ObjectNode wrongPath = (ObjectNode) template().deepCopy();
        ((ObjectNode) wrongPath.at("/spec/metrics/0/provider/web")).put("jsonPath", "{$.result}");
        assertEquals(new Measurement(Phase.ERROR, null, "Could not find JSONPath in body: result is not found"),
                metric(wrongPath, api, "site", TOKEN).measure(client));
        ObjectNode wrongValue = (ObjectNode) template().deepCopy();
        ((ObjectNode) wrongValue.at("/spec/metrics/0")).put("successCondition", "result == \"passed\"");
        assertEquals(Phase.INCONCLUSIVE, metric(wrongValue, api, "site", TOKEN).measure(client).phase());
    }

    @Test
    void theTemplateHasWhatArgoRequiresAndItsLimitsAreConsistent() throws Exception {
        JsonNode template = template();
        assertEquals("argoproj.io/v1alpha1", template.get("apiVersion").asText());
        assertEquals(METRIC, template.at("/metadata/name").asText());
        JsonNode metrics = template.at("/spec/metrics");
        assertEquals(1, metrics.size());
        JsonNode m = metrics.get(0);
        assertEquals(Set.of("web"), fieldNames(m.get("provider")), "exactly one provider");
        JsonNode web = m.at("/provider/web");
        assertTrue(Set.of("GET", "POST", "PUT").contains(web.get("method").asText()));
        assertTrue(web.get("url").asText().endsWith("/api/v1/gates"));
        assertTrue(web.get("timeoutSeconds").isInt());
        // utils/analysis.ValidateMetric: count >= failureLimit (+ consecutiveSuccessLimit 0), count >= inconclusiveLimit,
        // an interval whenever count > 1, no negative limits.
        int count = m.get("count").asInt();
        assertTrue(count >= m.get("failureLimit").asInt() && count >= m.get("inconclusiveLimit").asInt());
        assertTrue(count <= 1 || m.get("interval").asText().matches("\\d+[smh]"));
        assertTrue(m.get("failureLimit").asInt() >= 0 && m.get("inconclusiveLimit").asInt() >= 0
                && m.get("consecutiveErrorLimit").asInt() >= 0);
        // The token argument comes from the Secret shipped beside it.
        JsonNode ref = template.at("/spec/args/2/valueFrom/secretKeyRef");
        JsonNode secret = ArgoWebMetric.ofKind(ArgoWebMetric.documents(DIR.resolve("analysis-template.yaml")), "Secret");
        assertEquals(ref.get("name").asText(), secret.at("/metadata/name").asText());
        assertTrue(secret.at("/stringData").has(ref.get("key").asText()));
    }

    @Test
    void everyAnalysisStepOfTheRolloutPassesTheArgumentsTheTemplateNeeds() throws Exception {
        JsonNode rollout = ArgoWebMetric.ofKind(ArgoWebMetric.documents(DIR.resolve("rollout.yaml")), "Rollout");
        assertEquals("argoproj.io/v1alpha1", rollout.get("apiVersion").asText());
        Set<String> needed = new HashSet<>();
        for (JsonNode arg : template().at("/spec/args")) {
            if (!arg.has("value") && !arg.has("valueFrom")) {
                needed.add(arg.get("name").asText());
            }
        }
        List<JsonNode> analyses = new ArrayList<>();
        rollout.at("/spec/strategy/canary/steps").forEach(step -> {
            if (step.has("analysis")) {
                analyses.add(step.get("analysis"));
            }
        });
        assertEquals(2, analyses.size());
        for (JsonNode analysis : analyses) {
            assertEquals(METRIC, analysis.at("/templates/0/templateName").asText());
            Set<String> given = new HashSet<>();
            analysis.get("args").forEach(a -> given.add(a.get("name").asText()));
            assertEquals(needed, given);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
