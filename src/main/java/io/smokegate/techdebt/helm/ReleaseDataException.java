package io.smokegate.techdebt.helm;

/** Release data that cannot be decoded; the message says which layer failed, for a person to act on. */
public final class ReleaseDataException extends Exception {

    public ReleaseDataException(String message) {
        super(message);
    }
}
