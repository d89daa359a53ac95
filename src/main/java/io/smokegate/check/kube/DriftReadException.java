package io.smokegate.check.kube;

/** A drift fact that could not be read in one context, with a message naming what and why. */
final class DriftReadException extends Exception {

    private static final long serialVersionUID = 1L;

    DriftReadException(String message) {
        super(message);
    }
}
