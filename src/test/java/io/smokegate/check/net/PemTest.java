package io.smokegate.check.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.Certificates;
import java.io.IOException;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

/** Certificates and keys in PEM, in the forms tools write them. */
class PemTest {

    private static final Certificates.Identity CLIENT = Certificates.authority("pem test CA").clientLeaf("pem");

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    /** The key as Java and Bouncy Castle write SEC1: without the curve, which PKCS#8 holds outside it. */
    private static byte[] sec1WithoutCurve() throws IOException {
        return PrivateKeyInfo.getInstance(CLIENT.key().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    }

    @Test
    void anEcPrivateKeyNamingItsCurveIsReadWithoutTheCertificate() throws Exception {
        // openssl ecparam -genkey writes SEC1 with the curve in its parameters field.
        ASN1Primitive curve = PrivateKeyInfo.getInstance(CLIENT.key().getEncoded()).getPrivateKeyAlgorithm()
                .getParameters().toASN1Primitive();
        org.bouncycastle.asn1.sec.ECPrivateKey withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1WithoutCurve()).getKey(), curve);
        PrivateKey read = Pem.privateKey(pem("EC PRIVATE KEY", withCurve.getEncoded()), null);
        assertEquals(((ECPrivateKey) CLIENT.key()).getS(), ((ECPrivateKey) read).getS());
        assertTrue(Pem.matches(read, CLIENT.certificate()));
    }

    @Test
    void anEcPrivateKeyWithoutItsCurveTakesTheCertificates() throws Exception {
        PrivateKey read = Pem.privateKey(pem("EC PRIVATE KEY", sec1WithoutCurve()), CLIENT.certificate().getPublicKey());
        assertArrayEquals(CLIENT.key().getEncoded(), read.getEncoded());
    }

    @Test
    void anEcPrivateKeyWithoutAnyCurveIsRefusedWithAHint() throws Exception {
        String sec1 = pem("EC PRIVATE KEY", sec1WithoutCurve());
        Pem.PemException e = assertThrows(Pem.PemException.class, () -> Pem.privateKey(sec1, null));
        assertEquals("holds an EC PRIVATE KEY without its curve", e.getMessage());
        assertEquals("write it as PKCS#8: openssl pkcs8 -topk8 -nocrypt", e.hint());
    }

    @Test
    void aKeyOfAnotherCertificateDoesNotMatch() throws Exception {
        Certificates.Identity other = Certificates.authority("other CA").clientLeaf("other");
        assertFalse(Pem.matches(Pem.privateKey(other.pkcs8KeyPem(), null), CLIENT.certificate()));
    }

    @Test
    void pemTextIsToldApartFromAFileNameByItsBeginLine() {
        assertTrue(Pem.isPemText("\n  -----BEGIN PRIVATE KEY-----\n..."));
        assertFalse(Pem.isPemText("/etc/ssl/private/client.key"));
        assertFalse(Pem.isPemText("BEGIN PRIVATE KEY"));
    }

    @Test
    void aBlockWithoutItsEndLineIsNamed() {
        Pem.PemException e = assertThrows(Pem.PemException.class,
                () -> Pem.certificates("-----BEGIN CERTIFICATE-----\nMIIB\n"));
        assertEquals("holds a PEM block without its matching -----END line", e.getMessage());
    }

    @Test
    void textThatIsNotPemIsNamed() {
        Pem.PemException e = assertThrows(Pem.PemException.class, () -> Pem.certificates("just some text"));
        assertEquals("is not PEM (no -----BEGIN … ----- line)", e.getMessage());
    }

    @Test
    void twoPrivateKeysAreRefused() {
        Pem.PemException e = assertThrows(Pem.PemException.class,
                () -> Pem.privateKey(CLIENT.pkcs8KeyPem() + CLIENT.pkcs8KeyPem(), null));
        assertEquals("holds 2 private keys; give exactly one", e.getMessage());
    }
}
