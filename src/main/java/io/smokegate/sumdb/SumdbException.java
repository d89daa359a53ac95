package io.smokegate.sumdb;

/** A checksum database could not be verified, and why, in one of a few kinds callers act on differently. */
public class SumdbException extends Exception {

    public enum Kind {
        /** No usable answer: network, status, size. */
        UNAVAILABLE,
        /** The database has no record for the module version (404 or 410). */
        MISSING,
        /** An answer that does not verify: bad signature, malformed note or record, tiles that do not add up. */
        INVALID,
        /** Proof of misbehaviour: a fork, a rollback, a record contradicting what a proxy served. */
        SECURITY
    }

    private final Kind kind;

    public SumdbException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean security() {
        return kind == Kind.SECURITY;
    }
}
