package io.smokegate.service;

/** The request conflicts with the state of what it names: a namespace busy with an experiment, one already finished. */
public class ConflictException extends Exception {

    public ConflictException(String message) {
        super(message);
    }
}
