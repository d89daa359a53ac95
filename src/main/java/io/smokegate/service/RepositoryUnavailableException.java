package io.smokegate.service;

/** The repository configured for a service could not be opened at start-up; the message says which and why. */
public class RepositoryUnavailableException extends Exception {

    public RepositoryUnavailableException(String message) {
        super(message);
    }
}
