package io.smokegate.techdebt.hygiene;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PodDisruptionBudget selectors against pod template labels, as the API machinery matches them. */
class SelectorsTest {

    private static final Map<String, String> POD = Map.of("app", "db", "tier", "data", "release", "shop");

    private static LabelSelector expression(String key, String operator, String... values) {
        return new LabelSelectorBuilder().withMatchExpressions(new LabelSelectorRequirement(key, operator, List.of(values))).build();
    }

    @Test
    void matchLabelsMustAllBePresentWithTheirValues() {
        assertTrue(Selectors.matches(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db", "tier", "data")).build(), POD));
        assertFalse(Selectors.matches(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db", "tier", "web")).build(), POD));
        assertFalse(Selectors.matches(new LabelSelectorBuilder().withMatchLabels(Map.of("zone", "a")).build(), POD));
    }

    @Test
    void inAndNotInCompareValuesAndNotInHoldsWithoutTheKey() {
        assertTrue(Selectors.matches(expression("app", "In", "db", "cache"), POD));
        assertFalse(Selectors.matches(expression("app", "In", "web"), POD));
        assertFalse(Selectors.matches(expression("zone", "In", "a"), POD));
        assertTrue(Selectors.matches(expression("app", "NotIn", "web"), POD));
        assertFalse(Selectors.matches(expression("app", "NotIn", "db"), POD));
        assertTrue(Selectors.matches(expression("zone", "NotIn", "a"), POD));
    }

    @Test
    void existsAndDoesNotExistLookAtKeysOnly() {
        assertTrue(Selectors.matches(expression("release", "Exists"), POD));
        assertFalse(Selectors.matches(expression("zone", "Exists"), POD));
        assertTrue(Selectors.matches(expression("zone", "DoesNotExist"), POD));
        assertFalse(Selectors.matches(expression("app", "DoesNotExist"), POD));
    }

    @Test
    void labelsAndExpressionsMustAllHold() {
        LabelSelector both = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db"))
                .withMatchExpressions(new LabelSelectorRequirement("tier", "In", List.of("web"))).build();
        assertFalse(Selectors.matches(both, POD));
    }

    @Test
    void anEmptySelectorSelectsEverythingAMissingOneAndAnUnknownOperatorNothing() {
        assertTrue(Selectors.matches(new LabelSelector(), POD));
        assertFalse(Selectors.matches(null, POD));
        assertFalse(Selectors.matches(expression("app", "Matches", "d.*"), POD));
    }
}
