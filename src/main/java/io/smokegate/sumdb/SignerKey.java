package io.smokegate.sumdb;

import java.util.Arrays;

/**
 * A checksum database's private key, written {@code PRIVATE+KEY+name+hash8+base64(0x01 || Ed25519 seed)}
 * as Go's {@code note.GenerateKey} writes it. Smokegate signs only fixtures and test servers with it.
 */
public record SignerKey(VerifierKey verifier, byte[] seed) {

    private static final String PREFIX = "PRIVATE+KEY+";

    public SignerKey {
        if (seed.length != Ed25519.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        seed = seed.clone();
        if (!Arrays.equals(Ed25519.publicKeyOf(seed), verifier.publicKey())) {
            throw new IllegalArgumentException("the seed is not the private half of " + verifier);
        }
    }

    /** Accepts what Go's {@code note.NewSigner} accepts: the hash must be that of the derived public key. */
    public static SignerKey parse(String text) throws NoteException {
        if (!text.startsWith(PREFIX)) {
            throw new NoteException("invalid signer key: does not start with " + PREFIX);
        }
        KeyText parsed = KeyText.parse("signer", text.substring(PREFIX.length()));
        byte[] seed = parsed.ed25519();
        VerifierKey verifier = VerifierKey.of(parsed.name(), Ed25519.publicKeyOf(seed));
        parsed.checkHash(verifier.keyHash());
        return new SignerKey(verifier, seed);
    }

    /** A new random key, for test servers and fixtures. */
    public static SignerKey generate(String name) {
        byte[] seed = Ed25519.newSeed();
        return new SignerKey(VerifierKey.of(name, Ed25519.publicKeyOf(seed)), seed);
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    byte[] sign(byte[] message) {
        return Ed25519.sign(seed, message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignerKey that && verifier.equals(that.verifier) && Arrays.equals(seed, that.seed);
    }

    @Override
    public int hashCode() {
        return verifier.hashCode();
    }

    /** The key as written, secret included, because that is how fixtures hand it over; never log it. */
    @Override
    public String toString() {
        return PREFIX + KeyText.format(verifier.name(), verifier.keyHash(), seed);
    }
}
