package io.smokegate.sumdb;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code name+hash8+base64(algorithm || key)} text that verifier and signer keys share, split the way
 * Go's {@code strings.Cut} calls in {@code note.NewVerifier} and {@code note.NewSigner} split it. {@code kind}
 * ("verifier" or "signer") only names the key in messages.
 */
record KeyText(String kind, String name, int hash, byte[] key) {

    private static final byte ALG_ED25519 = 0x01;
    private static final Pattern HASH8 = Pattern.compile("[0-9a-fA-F]{8}");

    static KeyText parse(String kind, String text) throws NoteException {
        String[] parts = text.split("\\+", 3);
        if (parts.length < 3) {
            throw new NoteException("invalid " + kind + " key: expected name+hash+key");
        }
        if (!Syntax.isValidName(parts[0])) {
            throw new NoteException("invalid " + kind + " key: invalid name \"" + parts[0] + "\"");
        }
        if (!HASH8.matcher(parts[1]).matches()) {
            throw new NoteException("invalid " + kind + " key: key hash \"" + parts[1] + "\" is not 8 hex digits");
        }
        byte[] key;
        try {
            key = Syntax.base64(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteException("invalid " + kind + " key: key is not base64");
        }
        if (key.length == 0) {
            throw new NoteException("invalid " + kind + " key: empty key");
        }
        return new KeyText(kind, parts[0], Integer.parseUnsignedInt(parts[1], 16), key);
    }

    /** The 32 bytes after the algorithm byte, which must say Ed25519, the only algorithm sumdb defines. */
    byte[] ed25519() throws NoteException {
        if (key[0] != ALG_ED25519) {
            throw new NoteException(String.format("invalid %s key: unknown algorithm 0x%02x", kind, key[0]));
        }
        if (key.length != 1 + Ed25519.KEY_SIZE) {
            throw new NoteException(String.format("invalid %s key: Ed25519 key has %d bytes, expected 32", kind, key.length - 1));
        }
        return Arrays.copyOfRange(key, 1, key.length);
    }

    /** Fails unless {@code expected}, the hash of the public key, is the hash the text gave. */
    void checkHash(int expected) throws NoteException {
        if (hash != expected) {
            throw new NoteException(String.format("invalid %s hash: %08x does not match the key, whose hash is %08x", kind, hash, expected));
        }
    }

    static byte[] encoded(byte[] ed25519Key) {
        byte[] encoded = new byte[1 + ed25519Key.length];
        encoded[0] = ALG_ED25519;
        System.arraycopy(ed25519Key, 0, encoded, 1, ed25519Key.length);
        return encoded;
    }

    static String id(String name, int hash) {
        return name + "+" + HexFormat.of().toHexDigits(hash);
    }

    static String format(String name, int hash, byte[] ed25519Key) {
        return id(name, hash) + "+" + Syntax.base64(encoded(ed25519Key));
    }
}
