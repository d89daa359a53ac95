package io.smokegate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.ArgoWebMetric.Phase;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The helper's Argo semantics, case by case as the controller's code has them (utils/evaluate, k8s jsonpath). */
class ArgoWebMetricTest {

    @Test
    void phasesFollowEvaluateResult() {
        assertEquals(Phase.SUCCESSFUL, ArgoWebMetric.evaluate("pass", "", ""), "no condition: successful");
        assertEquals(Phase.FAILED, ArgoWebMetric.evaluate("warning", "result == \"pass\"", ""), "success alone: else failed");
        assertEquals(Phase.SUCCESSFUL, ArgoWebMetric.evaluate("warning", "", "result == \"fail\""), "failure alone: else successful");
        assertEquals(Phase.INCONCLUSIVE, ArgoWebMetric.evaluate("warning", "result == \"pass\"", "result == \"fail\""));
        assertEquals(Phase.FAILED, ArgoWebMetric.evaluate("fail", "result != \"x\"", "result == \"fail\""), "failure wins");
    }

    @Test
    void conditionsCompareLikeExpr() {
        assertEquals(true, ArgoWebMetric.condition("result in [\"pass\", 'warning']", "warning"));
        assertEquals(false, ArgoWebMetric.condition("result == \"1\"", 1), "different types are not equal");
        assertEquals(true, ArgoWebMetric.condition("result == 1.0", 1), "numbers by value");
        assertEquals(true, ArgoWebMetric.condition("result == nil", null));
        assertThrows(IllegalArgumentException.class, () -> ArgoWebMetric.condition("result.ok && result.n > 1", "x"));
    }

    @Test
    void theJsonPathFindsFieldsAndAnAbsentOneIsAnError() throws Exception {
        var doc = new ObjectMapper().readTree("{\"verdict\": {\"result\": \"pass\", \"score\": null}}");
        assertEquals("pass", ArgoWebMetric.jsonPath("{$.verdict.result}", doc).asText());
        assertEquals("pass", ArgoWebMetric.jsonPath("{.verdict.result}", doc).asText());
        assertEquals(true, ArgoWebMetric.jsonPath("{$.verdict.score}", doc).isNull());
        assertEquals("results is not found",
                assertThrows(NoSuchElementException.class, () -> ArgoWebMetric.jsonPath("{$.verdict.results}", doc)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArgoWebMetric.jsonPath("{$.checks[0].id}", doc));
    }
}
