package io.smokegate.service;

/** The repository configured for a service could not be opened, cloned or fetched; the message says which and why. */
public class RepositoryUnavailableException extends Exception {

    public RepositoryUnavailableException(String message) {
        super(message);
    }
}
