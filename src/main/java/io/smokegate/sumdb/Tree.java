package io.smokegate.sumdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/** A signed tree head: the log's size and its RFC 6962 root hash (tlog.Tree). */
public record Tree(long size, byte[] hash) {

    private static final String PREFIX = "go.sum database tree\n";
    private static final int MAX_SIZE = 1_000_000;
    private static final Pattern CANONICAL_SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Tree {
        if (size < 0) {
            throw new IllegalArgumentException("a tree has no negative size: " + size);
        }
        if (hash.length != Tlog.HASH_SIZE) {
            throw new IllegalArgumentException("a tree hash has 32 bytes, not " + hash.length);
        }
        hash = hash.clone();
    }

    /**
     * tlog.ParseTree: the first three lines of a tree note's text. Later lines are ignored, as Go ignores
     * them, so that a format extended compatibly still verifies.
     */
    public static Tree parse(String text) throws NoteException {
        if (!text.startsWith(PREFIX)) {
            throw malformed("does not start with \"go.sum database tree\"");
        }
        if (text.chars().filter(c -> c == '\n').count() < 3) {
            throw malformed("fewer than three lines");
        }
        if (text.length() > MAX_SIZE || text.getBytes(StandardCharsets.UTF_8).length > MAX_SIZE) {
            throw malformed("larger than 1000000 bytes");
        }
        String[] lines = text.split("\n", 4);
        if (!CANONICAL_SIZE.matcher(lines[1]).matches()) {
            throw malformed("size \"" + lines[1] + "\" is not a decimal number in canonical form");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw malformed("size " + lines[1] + " is too large");
        }
        byte[] hash;
        try {
            hash = Syntax.base64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw malformed("root hash \"" + lines[2] + "\" is not base64");
        }
        if (hash.length != Tlog.HASH_SIZE) {
            throw malformed("root hash has " + hash.length + " bytes, expected 32");
        }
        return new Tree(size, hash);
    }

    /** tlog.FormatTree: the text a checksum database signs. */
    public String format() {
        return PREFIX + size + "\n" + Syntax.base64(hash) + "\n";
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tree that && size == that.size && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(hash);
    }

    /** How messages name the tree: "tree of size 4 (hash zsiz…=)". */
    @Override
    public String toString() {
        return "tree of size " + size + " (hash " + Syntax.base64(hash) + ")";
    }

    private static NoteException malformed(String reason) {
        return new NoteException("malformed tree note: " + reason);
    }
}
