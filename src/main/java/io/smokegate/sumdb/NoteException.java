package io.smokegate.sumdb;

/**
 * A signed note, key, tree or record that cannot be trusted. Messages start as golang.org/x/mod/sumdb's
 * do ({@code malformed note}, {@code invalid signature for key …}, {@code note has no verifiable
 * signatures}) so they can be matched against what the go command prints, and add the precise reason.
 */
public final class NoteException extends Exception {

    public NoteException(String message) {
        super(message);
    }
}
