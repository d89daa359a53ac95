package io.smokegate.service;

/** The named checklist or run does not exist. */
public class NotFoundException extends Exception {

    public NotFoundException(String message) {
        super(message);
    }
}
