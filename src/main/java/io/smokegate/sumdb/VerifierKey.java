package io.smokegate.sumdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A checksum database's public key, written {@code name+hash8+base64(0x01 || Ed25519 key)} (e.g. {@code
 * sum.golang.org+033de0ae+Ac4z…}). The key hash names the key in signatures, so every instance has the
 * hash that belongs to its name and key.
 */
public final class VerifierKey {

    private final String name;
    private final int keyHash;
    private final byte[] publicKey;
    /**
     * Decoded by the JDK's provider once, when the key is read (a checklist's key: when the checklist loads), not for
     * every signature checked; the first decoding also loads the provider, which then no longer happens inside a check.
     */
    private final PublicKey decoded;

    public VerifierKey(String name, int keyHash, byte[] publicKey) {
        if (!Syntax.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name \"" + name + "\"");
        }
        if (publicKey.length != Ed25519.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        byte[] key = publicKey.clone();
        int expected = keyHash(name, KeyText.encoded(key));
        if (keyHash != expected) {
            throw new IllegalArgumentException(String.format("key hash %08x is not %s's, which is %08x", keyHash, name, expected));
        }
        this.name = name;
        this.keyHash = keyHash;
        this.publicKey = key;
        this.decoded = Ed25519.publicKey(key);
    }

    public String name() {
        return name;
    }

    public int keyHash() {
        return keyHash;
    }

    /** The key for a name and raw Ed25519 public key, with the hash computed. */
    static VerifierKey of(String name, byte[] publicKey) {
        return new VerifierKey(name, keyHash(name, KeyText.encoded(publicKey)), publicKey);
    }

    /** Accepts what Go's {@code note.NewVerifier} accepts, checking in the same order. */
    public static VerifierKey parse(String text) throws NoteException {
        KeyText parsed = KeyText.parse("verifier", text);
        // Go checks the hash (over whatever bytes follow) before the algorithm and length.
        parsed.checkHash(keyHash(parsed.name(), parsed.key()));
        return new VerifierKey(parsed.name(), parsed.hash(), parsed.ed25519());
    }

    /** Whether {@code signature} (without the 4-byte key hash a note puts before it) signs {@code text}. */
    public boolean verify(byte[] text, byte[] signature) {
        return Ed25519.verify(decoded, text, signature);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@code name+hash8}: how errors and signatures name a key. */
    String id() {
        return KeyText.id(name, keyHash);
    }

    /** The first four bytes of SHA-256(name + "\n" + algorithm byte + key), big-endian. */
    static int keyHash(String name, byte[] algorithmAndKey) {
        byte[] digest = Tlog.sha256((name + "\n").getBytes(StandardCharsets.UTF_8), algorithmAndKey);
        return ByteBuffer.wrap(digest).getInt();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey that
                && name.equals(that.name) && keyHash == that.keyHash && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyHash) * 31 + Arrays.hashCode(publicKey);
    }

    /** The key as written: {@code name+hash8+base64}. */
    @Override
    public String toString() {
        return KeyText.format(name, keyHash, publicKey);
    }
}
