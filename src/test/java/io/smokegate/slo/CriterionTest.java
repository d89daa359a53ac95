package io.smokegate.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CriterionTest {

    private static final Optional<Double> NONE = Optional.empty();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<600   | LT | 600",
        "<= 0.5 | LE | 0.5",
        "=0     | EQ | 0",
        ">=1    | GE | 1",
        "> .25  | GT | 0.25",
        ">=1e3  | GE | 1000"})
    void aNumberWithoutSignOrPercentIsAFixedThreshold(String text, Criterion.Operator op, double amount) {
        Criterion c = Criterion.parse(text);
        assertEquals(op, c.operator());
        assertEquals(Criterion.Kind.ABSOLUTE, c.kind());
        assertEquals(amount, c.amount());
    }

    @Test
    void durationUnitsAreConvertedToSeconds() {
        assertEquals(0.8, Criterion.parse("< 800ms").amount(), 1e-12);
        assertEquals(90, Criterion.parse("<= 1.5m").amount(), 1e-12);
        assertEquals(2, Criterion.parse("<2s").amount(), 1e-12);
    }

    @Test
    void aPercentageIsRelativeToTheBaseline() {
        Criterion c = Criterion.parse("<=+10%");
        assertEquals(Criterion.Kind.PERCENT, c.kind());
        assertEquals(Optional.of(110.0), c.target(Optional.of(100.0)));
        assertTrue(c.holds(110, Optional.of(100.0)));
        assertFalse(c.holds(110.1, Optional.of(100.0)));
    }

    @Test
    void aPercentageWithoutSignMeansAnIncreaseAsInKeptn() {
        assertEquals(Optional.of(105.0), Criterion.parse("<5%").target(Optional.of(100.0)));
    }

    @Test
    void aNegativePercentageLowersTheTarget() {
        assertEquals(Optional.of(90.0), Criterion.parse(">=-10%").target(Optional.of(100.0)));
    }

    @Test
    void aSignedNumberIsADeltaFromTheBaseline() {
        assertEquals(Optional.of(0.35), Criterion.parse("< +50ms").target(Optional.of(0.3)).map(v -> Math.round(v * 1e9) / 1e9));
        assertEquals(Optional.of(2.0), Criterion.parse(">-1").target(Optional.of(3.0)));
    }

    @Test
    void aRelativeCriterionHoldsWhenThereIsNothingToCompareWith() {
        assertTrue(Criterion.parse("<=+10%").holds(1e9, NONE));
        assertTrue(Criterion.parse("<+1").holds(1e9, NONE));
    }

    @Test
    void aFixedThresholdIgnoresTheBaseline() {
        assertFalse(Criterion.parse("<600").holds(700, Optional.of(10_000.0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"==1", "!=0", "=<1", "=>1"})
    void operatorsOutsideTheGrammarAreNamedAsSuch(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Criterion.parse(text));
        assertTrue(e.getMessage().contains("unknown operator"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<", "1", "< abc", "<1 and >0", "<5%ms", "<1kb", ">=1.2.3", "<-", "<<1", "< 1e999"})
    void malformedCriteriaAreRejectedWithTheGrammar(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Criterion.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
