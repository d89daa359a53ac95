package io.smokegate.check.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in PEM, as TLS tools write them. Keys may be PKCS#8 ({@code PRIVATE KEY}), or the
 * older OpenSSL forms cert-manager and {@code openssl ecparam} still write ({@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}), which are rewrapped as PKCS#8. Problems name the block type and never quote its content.
 */
public final class Pem {

    /** Why a PEM text cannot be used; the message never contains key material. */
    public static final class PemException extends Exception {
        private final String hint;

        PemException(String message) {
            this(message, null);
        }

        PemException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String PEM_START = "-----BEGIN ";
    /** Key algorithms a client certificate's key may have, tried in this order on a PKCS#8 key. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private record Block(String type, byte[] der) {
    }

    private Pem() {
    }

    /** Whether {@code value} is PEM text rather than a file name: it starts, after blanks, with {@code -----BEGIN }. */
    public static boolean isPemText(String value) {
        return value.strip().startsWith(PEM_START);
    }

    /** Every certificate in {@code text}, in order (a chain is leaf first); other block types are refused. */
    public static List<X509Certificate> certificates(String text) throws PemException {
        List<X509Certificate> certs = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (!block.type().equals("CERTIFICATE")) {
                throw new PemException("holds a PEM block of type " + block.type() + " where certificates were expected");
            }
            try {
                certs.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new PemException("certificate " + (certs.size() + 1) + " is not a valid X.509 certificate");
            }
        }
        return certs;
    }

    /**
     * The one private key in {@code text}. {@code certificateKey}, the public key of the certificate the key is for
     * (may be null), names the curve of an EC PRIVATE KEY that leaves it out, as Java and Bouncy Castle write them.
     */
    public static PrivateKey privateKey(String text, PublicKey certificateKey) throws PemException {
        List<Block> blocks = blocks(text);
        List<Block> keys = blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new PemException("holds no private key (found " + String.join(", ",
                    blocks.stream().map(Block::type).distinct().toList()) + ")");
        }
        if (keys.size() > 1) {
            throw new PemException("holds " + keys.size() + " private keys; give exactly one");
        }
        Block key = keys.get(0);
        byte[] pkcs8 = switch (key.type()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> wrap(RSA_ALGORITHM, key.der());
            case "EC PRIVATE KEY" -> wrap(ecAlgorithm(key.der(), certificateKey), key.der());
            case "ENCRYPTED PRIVATE KEY" -> throw new PemException(
                    "holds an encrypted private key, which cannot be used without its password",
                    "hold the unencrypted key in a secret and pass it as ${env:NAME}");
            default -> throw new PemException("holds a PEM block of type " + key.type() + ", which is not a supported key");
        };
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // Try the next one: a PKCS#8 key names its algorithm only by OID.
            }
        }
        throw new PemException("holds a private key that is not a valid RSA, EC or EdDSA key");
    }

    /**
     * Whether {@code key} is the private key of {@code certificate}: it signs a random message that the
     * certificate's public key verifies, which works alike for every key type.
     */
    public static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<Block> blocks(String text) throws PemException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains("Proc-Type:") && body.contains("ENCRYPTED")) {
                throw new PemException("holds an encrypted " + m.group(1) + ", which cannot be used without its password",
                        "hold the unencrypted key in a secret and pass it as ${env:NAME}");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII))));
            } catch (IllegalArgumentException e) {
                throw new PemException("the " + m.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new PemException(text.contains(PEM_START) ? "holds a PEM block without its matching -----END line"
                    : "is not PEM (no -----BEGIN … ----- line)");
        }
        return blocks;
    }

    /** PKCS#8 PrivateKeyInfo: version 0, the algorithm identifier, the key as an octet string. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(Der.encode(0x04, key));
        return Der.encode(0x30, body.toByteArray());
    }

    /**
     * id-ecPublicKey with the named curve of a SEC1 ECPrivateKey, which carries it in its [0] field, or else the
     * algorithm identifier of the certificate's EC public key (the key must be on the certificate's curve anyway).
     */
    private static byte[] ecAlgorithm(byte[] sec1, PublicKey certificateKey) throws PemException {
        try {
            Der.Reader key = new Der.Reader(sec1).enter(0x30);
            key.skip(0x02);
            key.skip(0x04);
            if (key.atEnd() || key.peek() != 0xa0) {
                if (certificateKey != null && certificateKey.getAlgorithm().equals("EC")) {
                    return new Der.Reader(certificateKey.getEncoded()).enter(0x30).raw(0x30);
                }
                throw new PemException("holds an EC PRIVATE KEY without its curve",
                        "write it as PKCS#8: openssl pkcs8 -topk8 -nocrypt");
            }
            byte[] curve = key.enter(0xa0).raw(0x06);
            ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
            algorithm.writeBytes(EC_PUBLIC_KEY_OID);
            algorithm.writeBytes(curve);
            return Der.encode(0x30, algorithm.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new PemException("holds an EC PRIVATE KEY that is not valid DER");
        }
    }

    /** The few DER operations rewrapping a key needs. */
    static final class Der {

        private Der() {
        }

        static byte[] encode(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else {
                int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write(n >>> (8 * i));
                }
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        /** Reads elements in sequence; a malformed encoding is an IllegalArgumentException. */
        static final class Reader {
            private final byte[] data;
            private int position;
            private final int end;

            Reader(byte[] data) {
                this(data, 0, data.length);
            }

            private Reader(byte[] data, int start, int end) {
                this.data = data;
                this.position = start;
                this.end = end;
            }

            boolean atEnd() {
                return position >= end;
            }

            int peek() {
                return data[position] & 0xff;
            }

            /** The content of the next element, which must have {@code tag}, as a reader. */
            Reader enter(int tag) {
                int[] bounds = next(tag);
                return new Reader(data, bounds[1], bounds[2]);
            }

            void skip(int tag) {
                next(tag);
            }

            /** The next element with its tag and length, as it is encoded. */
            byte[] raw(int tag) {
                int[] bounds = next(tag);
                return java.util.Arrays.copyOfRange(data, bounds[0], bounds[2]);
            }

            /** {start of the element, start of its content, its end}. */
            private int[] next(int tag) {
                if (atEnd() || peek() != tag) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "expected tag 0x%02x", tag));
                }
                int start = position;
                int i = position + 1;
                if (i >= end) {
                    throw new IllegalArgumentException("truncated");
                }
                int length = data[i++] & 0xff;
                if (length >= 0x80) {
                    int bytes = length & 0x7f;
                    if (bytes == 0 || bytes > 4) {
                        throw new IllegalArgumentException("unsupported length");
                    }
                    length = 0;
                    for (int k = 0; k < bytes; k++) {
                        if (i >= end) {
                            throw new IllegalArgumentException("truncated");
                        }
                        length = (length << 8) | (data[i++] & 0xff);
                    }
                }
                if (length < 0 || i + length > end) {
                    throw new IllegalArgumentException("truncated");
                }
                position = i + length;
                return new int[] {start, i, i + length};
            }
        }
    }
}
