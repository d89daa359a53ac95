package io.smokegate.slo;

import java.util.Optional;

/**
 * One objective in one evaluation. {@code value} is empty when the indicator had none ({@code message} says
 * why); {@code baseline} is the aggregate of {@code compared} earlier values that relative criteria used.
 */
public record ObjectiveResult(
        Objective objective,
        Optional<Double> value,
        ObjectiveStatus status,
        double score,
        Optional<Double> baseline,
        int compared,
        String message) {
}
