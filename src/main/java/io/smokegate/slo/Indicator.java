package io.smokegate.slo;

import java.util.Map;

/** Where an objective's value comes from: the run itself, or Prometheus. */
public sealed interface Indicator {

    /** As written in the spec, for reports. */
    String text();

    /** A value computed from the run's own results, e.g. {@code check.duration_p95{type=goproxy.module}}. */
    record Run(RunSli sli, Map<String, String> selector, String text) implements Indicator {
        public Run {
            selector = Map.copyOf(selector);
        }
    }

    /** A PromQL expression evaluated through Prometheus's HTTP API; {@code $window} stands for the release window. */
    record Promql(String expression) implements Indicator {
        @Override
        public String text() {
            return expression;
        }
    }
}
