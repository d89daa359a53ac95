package io.smokegate.input;

/** One thing wrong with an input: where, what, and (when we know) how to fix it. */
public record Problem(Position position, String message, String hint) {

    public Problem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a message");
        }
    }

    public static Problem at(Position position, String message) {
        return new Problem(position, message, null);
    }

    public Problem withHint(String newHint) {
        return new Problem(position, message, newHint);
    }

    /** {@code file:line:col: message (hint)} — the form compilers use, so editors can jump to it. */
    public String format() {
        return position + ": " + message + (hint == null ? "" : " (" + hint + ")");
    }
}
