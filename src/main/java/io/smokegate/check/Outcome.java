package io.smokegate.check;

/** What the target did: met every expectation, or not (with the first reason). */
public sealed interface Outcome {

    String message();

    static Outcome pass(String message) {
        return new Passed(message);
    }

    static Outcome fail(String message) {
        return new Failed(message);
    }

    record Passed(String message) implements Outcome {
    }

    record Failed(String message) implements Outcome {
        public Failed {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("a failure needs a reason");
            }
        }
    }
}
