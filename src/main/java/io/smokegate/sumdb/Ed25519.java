package io.smokegate.sumdb;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 on raw 32-byte keys and seeds, the form sumdb keys carry, using the JDK's provider. */
final class Ed25519 {

    static final int KEY_SIZE = 32;

    /** DER SubjectPublicKeyInfo header of an Ed25519 key; the raw key follows it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519() {
    }

    static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (NoSuchAlgorithmException e) {
            throw broken(e);
        } catch (GeneralSecurityException e) {
            // A key that is no curve point or a signature of the wrong length verifies nothing; as in Go,
            // that is a failed signature, not an error.
            return false;
        }
    }

    static byte[] sign(byte[] seed, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw broken(e);
        }
    }

    /**
     * The public key of a seed. The JDK has no call for that, but its key pair generator takes the seed
     * from the random source it is given, so a source that returns exactly the seed derives the pair.
     */
    static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - KEY_SIZE, spki.length);
        } catch (GeneralSecurityException e) {
            throw broken(e);
        }
    }

    static byte[] newSeed() {
        byte[] seed = new byte[KEY_SIZE];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    /** The JDK's form of a raw 32-byte key; any 32 bytes decode (whether they are a curve point shows at verification). */
    static PublicKey publicKey(byte[] raw) {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw broken(e);
        }
    }

    private static IllegalStateException broken(GeneralSecurityException e) {
        return new IllegalStateException("the JDK's Ed25519 failed on a well-formed key", e);
    }

    private static final class FixedSeed extends SecureRandom {

        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 asked for " + bytes.length + " random bytes, not a seed");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
