package io.smokegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made on the spot for TLS tests: a CA and leaves it issues (valid, expired, not yet
 * valid, for any names), and self-signed leaves. Keys are EC P-256, which are quick to generate.
 *
 * <p>Names given to {@code leaf(...)} become subject alternative names: IP literals as iPAddress
 * entries, everything else as dNSName entries; prefix a name with {@code dns:} to force a dNSName
 * (e.g. {@code dns:10.0.0.1}, which RFC 6125 says must not match the address 10.0.0.1).
 */
public final class Certificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "test".toCharArray();

    private Certificates() {
    }

    /** A CA valid from yesterday for a year. */
    public static Authority authority(String commonName) {
        return authority(commonName, Instant.now().plus(Duration.ofDays(365)));
    }

    /** A CA valid from yesterday until {@code notAfter}. */
    public static Authority authority(String commonName, Instant notAfter) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=" + commonName);
        X509Certificate cert = sign(name, keys.getPublic(), name, keys.getPrivate(), null,
                Instant.now().minus(Duration.ofDays(1)), notAfter, List.of(), true);
        return new Authority(cert, keys.getPrivate());
    }

    /** A self-signed leaf (not a CA) for {@code names}, valid from yesterday for 90 days. */
    public static Identity selfSigned(String... names) {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + names[0].replaceFirst("^dns:", ""));
        X509Certificate cert = sign(subject, keys.getPublic(), subject, keys.getPrivate(), null,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), List.of(names), false);
        return new Identity(cert, keys.getPrivate(), List.of(cert));
    }

    /** A self-signed leaf naming {@code commonName} in its subject only, without subject alternative names. */
    public static Identity selfSignedCommonNameOnly(String commonName) {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + commonName);
        X509Certificate cert = sign(subject, keys.getPublic(), subject, keys.getPrivate(), null,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), List.of(), false);
        return new Identity(cert, keys.getPrivate(), List.of(cert));
    }

    /** A certificate authority that issues leaves. */
    public static final class Authority {
        private final X509Certificate certificate;
        private final PrivateKey key;

        private Authority(X509Certificate certificate, PrivateKey key) {
            this.certificate = certificate;
            this.key = key;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** Writes the CA certificate as PEM (what a {@code caFile} parameter points at). */
        public Path writePem(Path file) {
            writePemObjects(file, List.of(certificate));
            return file;
        }

        /** A leaf valid from yesterday for 90 days. */
        public Identity leaf(String... names) {
            Instant now = Instant.now();
            return leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), names);
        }

        /** A leaf that expired yesterday (valid for the 30 days before). */
        public Identity expiredLeaf(String... names) {
            Instant now = Instant.now();
            return leaf(now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(1)), names);
        }

        /** A leaf that becomes valid tomorrow. */
        public Identity notYetValidLeaf(String... names) {
            Instant now = Instant.now();
            return leaf(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(91)), names);
        }

        /** A client certificate (extended key usage clientAuth) for {@code commonName}, with an EC P-256 key. */
        public Identity clientLeaf(String commonName) {
            return clientLeaf(commonName, keyPair());
        }

        /** A client certificate with an RSA 2048 key. */
        public Identity rsaClientLeaf(String commonName) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return clientLeaf(commonName, generator.generateKeyPair());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private Identity clientLeaf(String commonName, KeyPair keys) {
            Instant now = Instant.now();
            X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            X509Certificate cert = sign(new X500Name("CN=" + commonName), keys.getPublic(), issuer, key, certificate,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), List.of(), false,
                    KeyPurposeId.id_kp_clientAuth);
            return new Identity(cert, keys.getPrivate(), List.of(cert, certificate));
        }

        public Identity leaf(Instant notBefore, Instant notAfter, String... names) {
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + names[0].replaceFirst("^dns:", ""));
            X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            X509Certificate cert = sign(subject, keys.getPublic(), issuer, key, certificate, notBefore, notAfter,
                    List.of(names), false);
            return new Identity(cert, keys.getPrivate(), List.of(cert, certificate));
        }
    }

    /** A certificate with its private key and the chain a server presents (leaf first). */
    public record Identity(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

        /** Writes the leaf certificate alone as PEM. */
        public Path writeCertificatePem(Path file) {
            writePemObjects(file, List.of(certificate));
            return file;
        }

        public Path writeChainPem(Path file) {
            writePemObjects(file, new ArrayList<>(chain));
            return file;
        }

        /** The key in OpenSSL's traditional form: EC PRIVATE KEY (SEC1) or RSA PRIVATE KEY (PKCS#1). */
        public Path writeKeyPem(Path file) {
            writePemObjects(file, List.of(key));
            return file;
        }

        /** The key as PKCS#8 PEM text (-----BEGIN PRIVATE KEY-----), as a secret holding it would. */
        public String pkcs8KeyPem() {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(new JcaPKCS8Generator(key, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        /** The leaf certificate as PEM text. */
        public String certificatePem() {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        /** A server-side TLS context presenting this identity and trusting client certificates {@code clientCa} issued. */
        public SSLContext serverContext(X509Certificate clientCa) {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(), PASSWORD);
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                trusted.setCertificateEntry("client-ca", clientCa);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", key, PASSWORD, chain.toArray(new X509Certificate[0]));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server-side TLS context presenting this identity. */
        public SSLContext serverContext() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(), PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, java.security.PublicKey publicKey, X500Name issuer,
                                        PrivateKey issuerKey, X509Certificate issuerCert, Instant notBefore,
                                        Instant notAfter, List<String> names, boolean ca) {
        return sign(subject, publicKey, issuer, issuerKey, issuerCert, notBefore, notAfter, names, ca,
                KeyPurposeId.id_kp_serverAuth);
    }

    private static X509Certificate sign(X500Name subject, java.security.PublicKey publicKey, X500Name issuer,
                                        PrivateKey issuerKey, X509Certificate issuerCert, Instant notBefore,
                                        Instant notAfter, List<String> names, boolean ca, KeyPurposeId purpose) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    subject, publicKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerCert));
            }
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purpose));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                        names.stream().map(Certificates::generalName).toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName generalName(String name) {
        if (name.startsWith("dns:")) {
            return new GeneralName(GeneralName.dNSName, name.substring(4));
        }
        boolean ip = name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }

    private static void writePemObjects(Path file, List<?> objects) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
