package io.smokegate.service;

import java.util.List;

/**
 * The named checklist's file exists but cannot be loaded: an input to fix (422), not a missing checklist (404).
 * {@code problems} are in the form {@code GET /api/v1/checklists} lists them.
 */
public final class InvalidChecklistException extends Exception {

    private final List<String> problems;

    public InvalidChecklistException(String name, String file, List<String> problems) {
        super("checklist '" + name + "' (" + file + ") is invalid; fix it to run it: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
