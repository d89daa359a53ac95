package io.smokegate.testing.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The label selector grammar the fake cluster evaluates (the stock CRUD mock ignores in/notin). */
class LabelSelectorTest {

    private static final Map<String, String> PROD_PROXY = Map.of("env", "prod", "app.kubernetes.io/name", "athens");

    @Test
    void equalityAndInequality() {
        assertTrue(LabelSelector.parse("env=prod").matches(PROD_PROXY));
        assertTrue(LabelSelector.parse("env==prod").matches(PROD_PROXY));
        assertFalse(LabelSelector.parse("env!=prod").matches(PROD_PROXY));
        assertTrue(LabelSelector.parse("tier!=db").matches(PROD_PROXY), "a missing label is not equal to anything");
    }

    @Test
    void inNeedsTheLabelWithOneOfTheValues() {
        assertTrue(LabelSelector.parse("env in (staging, prod)").matches(PROD_PROXY));
        assertFalse(LabelSelector.parse("env in (staging,dev)").matches(PROD_PROXY));
        assertFalse(LabelSelector.parse("tier in (db)").matches(PROD_PROXY));
    }

    @Test
    void notinAcceptsAMissingLabel() {
        assertFalse(LabelSelector.parse("env notin (prod)").matches(PROD_PROXY));
        assertTrue(LabelSelector.parse("env notin (staging,dev)").matches(PROD_PROXY));
        assertTrue(LabelSelector.parse("tier notin (db)").matches(PROD_PROXY));
    }

    @Test
    void existenceAndAbsence() {
        assertTrue(LabelSelector.parse("app.kubernetes.io/name").matches(PROD_PROXY));
        assertFalse(LabelSelector.parse("!env").matches(PROD_PROXY));
        assertTrue(LabelSelector.parse("!tier").matches(PROD_PROXY));
    }

    @Test
    void requirementsAreAndedAndCommasInsideValueSetsDoNotSplit() {
        assertTrue(LabelSelector.parse("env in (prod,staging),app.kubernetes.io/name=athens,!tier").matches(PROD_PROXY));
        assertFalse(LabelSelector.parse("env in (prod,staging),app.kubernetes.io/name=goproxy").matches(PROD_PROXY));
    }

    @Test
    void anEmptySelectorMatchesEverything() {
        assertTrue(LabelSelector.parse("").matches(Map.of()));
    }

    @Test
    void anUnparsableRequirementIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("env in prod"));
        assertEquals("unable to parse requirement: env in prod", e.getMessage());
    }
}
