package io.smokegate.check;

/**
 * What the target did: met every expectation, or not (with the first reason). A security failure is a
 * failure that must not be retried away or read as an outage: the target served something provably
 * wrong, such as a checksum database that forked or rolled back.
 */
public sealed interface Outcome {

    String message();

    static Outcome pass(String message) {
        return new Passed(message);
    }

    static Outcome fail(String message) {
        return new Failed(message, false);
    }

    static Outcome securityFailure(String message) {
        return new Failed(message, true);
    }

    record Passed(String message) implements Outcome {
    }

    record Failed(String message, boolean security) implements Outcome {
        public Failed {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("a failure needs a reason");
            }
        }
    }
}
