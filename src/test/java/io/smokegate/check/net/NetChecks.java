package io.smokegate.check.net;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.smokegate.check.Check;
import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckType;
import io.smokegate.check.Deadline;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Measure;
import io.smokegate.check.Measurement;
import io.smokegate.check.Outcome;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.check.Probe;
import io.smokegate.input.ByteSizes;
import io.smokegate.input.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Builds and runs checks the way a checklist would: every declared parameter gets the test's value
 * or its declared default, then {@link CheckType#create} and one {@link Check#run}. Values may be
 * written as in YAML: durations and sizes as text ("500ms", "1KiB"), a single string for a list.
 */
final class NetChecks {

    static final Duration BUDGET = Duration.ofSeconds(2);

    private static Path dataDir;

    private NetChecks() {
    }

    /** name, value, name, value …; values may be null (unlike {@code Map.of}). */
    static Map<String, Object> with(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("with(...) takes name, value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Params params(CheckType type, Map<String, Object> given) {
        Map<String, Param> declared = type.params().stream()
                .collect(Collectors.toMap(Param::name, p -> p, (a, b) -> a, LinkedHashMap::new));
        for (String name : given.keySet()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException(type.name() + " has no parameter '" + name + "'; it has "
                        + declared.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : declared.values()) {
            if (given.containsKey(p.name())) {
                values.put(p.name(), convert(p, given.get(p.name())));
            } else if (p.required()) {
                throw new IllegalArgumentException(type.name() + " needs parameter '" + p.name() + "'");
            } else {
                values.put(p.name(), p.defaultValue());
            }
        }
        return new Params(values);
    }

    private static Object convert(Param p, Object value) {
        if (value == null) {
            return null;
        }
        return switch (p.kind()) {
            case DURATION -> value instanceof String s
                    ? Durations.parse(s).orElseThrow(() -> new IllegalArgumentException("bad duration " + s)) : value;
            case SIZE -> value instanceof String s
                    ? ByteSizes.parse(s).orElseThrow(() -> new IllegalArgumentException("bad size " + s))
                    : ((Number) value).longValue();
            case STRINGS -> value instanceof String s ? List.of(s) : value;
            default -> value;
        };
    }

    static Check create(CheckType type, Map<String, Object> given) {
        try {
            return type.create(params(type, given));
        } catch (InvalidParamException e) {
            throw new AssertionError("invalid parameter " + e.param() + ": " + e.getMessage(), e);
        }
    }

    /** The error {@code create} reports for {@code given}. */
    static InvalidParamException invalid(CheckType type, Map<String, Object> given) {
        try {
            type.create(params(type, given));
        } catch (InvalidParamException e) {
            return e;
        }
        throw new AssertionError("expected " + given + " to be rejected");
    }

    static Run run(CheckType type, Map<String, Object> given) {
        return run(create(type, given), BUDGET);
    }

    static Run run(CheckType type, Map<String, Object> given, Duration budget) {
        return run(create(type, given), budget);
    }

    /** Runs {@code check} once with a fresh context; an exception from the check fails the test. */
    static Run run(Check check, Duration budget) {
        long start = System.nanoTime();
        try (CheckContext context = CheckContext.standalone(dataDir())) {
            Probe probe = new Probe(Deadline.after(budget), context);
            Outcome outcome = check.run(probe);
            return new Run(outcome, probe.details(), probe.measurements(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError("the check crashed instead of reporting an outcome", e);
        }
    }

    private static synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("smokegate-net-test");
                dataDir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    /** What one run of a check produced. */
    record Run(Outcome outcome, Map<String, Object> details, List<Measurement> measurements, Duration took) {

        boolean passed() {
            return outcome instanceof Outcome.Passed;
        }

        /** Asserts the check passed and returns this run. */
        Run passes() {
            assertInstanceOf(Outcome.Passed.class, outcome, () -> "expected a pass, got: " + outcome.message());
            return this;
        }

        /** Asserts the check failed and returns its message. */
        String failure() {
            assertInstanceOf(Outcome.Failed.class, outcome, () -> "expected a failure, got a pass: " + outcome.message());
            return outcome.message();
        }

        String message() {
            return outcome.message();
        }

        Object detail(String key) {
            return details.get(key);
        }

        /** The value of the measurement with these label values, if recorded. */
        OptionalDouble measurement(Measure measure, String... labels) {
            return measurements.stream()
                    .filter(m -> m.measure() == measure && m.labelValues().equals(List.of(labels)))
                    .mapToDouble(Measurement::value)
                    .findFirst();
        }

        List<String> labels(Measure measure) {
            return measurements.stream().filter(m -> m.measure() == measure)
                    .map(m -> String.join(",", m.labelValues())).toList();
        }
    }
}
