package io.smokegate.techdebt;

/**
 * A workload that breaks a hygiene rule (Polaris-style check ids such as {@code missingPodDisruptionBudget}), as the
 * JSON contract shows it: {@code {"check","kind","namespace","name","message"}}. Filled by the hygiene source (a
 * later slice).
 */
public record HygieneFinding(String check, String kind, String namespace, String name, String message) {
}
