package io.smokegate.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AggregateTest {

    private static final List<Double> VALUES = List.of(400.0, 100.0, 300.0, 200.0);

    @Test
    void averageIsTheMean() {
        assertEquals(Optional.of(250.0), Aggregate.AVG.apply(VALUES));
    }

    @Test
    void percentilesInterpolateAtRankPTimesNPlusOneAsKeptnDoes() {
        // rank 0.5·5 = 2.5: halfway between the 2nd and 3rd smallest
        assertEquals(Optional.of(250.0), Aggregate.P50.apply(VALUES));
        // rank 0.9·5 = 4.5 is beyond the largest: clamped to it
        assertEquals(Optional.of(400.0), Aggregate.P90.apply(VALUES));
    }

    @Test
    void aRankBelowOneIsClampedToTheSmallest() {
        assertEquals(Optional.of(7.0), Aggregate.P50.apply(List.of(7.0)));
    }

    @Test
    void ninetyFifthPercentileOfTwentyValuesInterpolates() {
        List<Double> twenty = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> (double) i).toList();
        // rank 0.95·21 = 19.95: 19 + 0.95·(20-19)
        assertEquals(19.95, Aggregate.P95.apply(twenty).orElseThrow(), 1e-9);
    }

    @Test
    void noValuesHaveNoAggregate() {
        assertTrue(Aggregate.AVG.apply(List.of()).isEmpty());
    }

    @Test
    void onlyKeptnsFourFunctionsAreKnown() {
        assertEquals(List.of("avg", "p50", "p90", "p95"), Aggregate.labels());
        assertTrue(Aggregate.parse("p99").isEmpty());
        assertTrue(Aggregate.parse("max").isEmpty());
    }
}
