package io.smokegate.sumdb;

/** A checksum database's tiles failed to prove what its signed tree head promises. */
public final class ProofException extends Exception {

    public enum Kind {
        /** The tiles do not hash to the signed tree: the server (or a proxy) served wrong tiles. */
        INCONSISTENT_TILES,
        /** The tiles are consistent with the signed tree, which does not hold the record. */
        NOT_INCLUDED,
        /** Two signed trees cannot both be true: the database showed different histories. */
        FORK,
        /** A tile of the wrong length, so not even its hashes can be located. */
        BAD_TILE
    }

    private final Kind kind;

    public ProofException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
