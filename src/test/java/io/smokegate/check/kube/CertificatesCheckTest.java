package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.TestMeasures;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kube.certificates} on Secrets holding real X.509 certificates made here, and cert-manager Certificates. */
class CertificatesCheckTest extends FakeClusterChecks {

    private static final Certificates.Authority CA = Certificates.authority("athens CA");

    private static Instant inDays(double days) {
        return Instant.now().plusSeconds((long) (days * 86_400));
    }

    /** A certificate for {@code name} issued by {@link #CA}, valid from yesterday for {@code days} more days. */
    private static X509Certificate valid(String name, double days) {
        return CA.leaf(inDays(-1), inDays(days), name).certificate();
    }

    static String pem(X509Certificate... chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate cert : chain) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A Secret of {@code type} in {@code namespace} with {@code key} holding {@code value} (and a key beside it). */
    static Secret secret(String namespace, String name, String type, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withType(type)
                .addToData(key, base64(value)).addToData(key.equals("tls.crt") ? "tls.key" : "ca-key.pem",
                        base64("-----BEGIN PRIVATE KEY-----\nnot checked\n-----END PRIVATE KEY-----\n"))
                .build();
    }

    static Secret tls(String name, String pem) {
        return secret("athens", name, CertificatesCheck.TLS_TYPE, "tls.crt", pem);
    }

    private static String date(X509Certificate cert) {
        return LocalDate.ofInstant(cert.getNotAfter().toInstant(), ZoneOffset.UTC).toString();
    }

    private CheckResult certificates(String with) throws Exception {
        return check("{id: c, type: kube.certificates, with: {" + with + "}}");
    }

    private CheckResult failingWith(String with) throws Exception {
        return failing("{id: c, type: kube.certificates, with: {" + with + "}}");
    }

    @Test
    void tlsSecretsValidLongEnoughPassWithTheirDaysLeftMeasured() throws Exception {
        fake.create(tls("a-tls", pem(valid("a.athens.svc", 60.5))), tls("b-tls", pem(valid("b.athens.svc", 90.5))),
                secret("athens", "not-tls", "Opaque", "tls.crt", "an Opaque Secret is not a TLS Secret"));

        CheckResult result = certificates("namespaces: [athens], minDays: 30");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("2 certificate Secrets in namespace 'athens' valid for at least 30 days; the first to expire: "
                + "Secret athens/a-tls in 60 days", result.message());
        assertEquals(60.5, TestMeasures.value(result, KubeFamily.CERTIFICATE_DAYS_LEFT, "athens", "a-tls"), 0.01);
        assertEquals(90.5, TestMeasures.value(result, KubeFamily.CERTIFICATE_DAYS_LEFT, "athens", "b-tls"), 0.01);
        assertEquals(60.5, TestMeasures.value(result, KubeFamily.CERTIFICATE_MIN_DAYS_LEFT), 0.01);
    }

    @Test
    void aCertificateExpiringSoonerThanMinDaysFailsWithSubjectAndDate() throws Exception {
        X509Certificate soon = valid("b.athens.svc", 10.5);
        fake.create(tls("a-tls", pem(valid("a.athens.svc", 90))), tls("b-tls", pem(soon)));

        assertEquals("1 of 2 certificate Secrets failing in namespace 'athens': Secret athens/b-tls: CN=b.athens.svc "
                + "expires in 10 days (" + date(soon) + "), minDays 30", failingWith("namespaces: [athens], minDays: 30").message());
    }

    @Test
    void anExpiredCertificateFails() throws Exception {
        Certificates.Identity expired = CA.expiredLeaf("old.athens.svc");
        fake.create(tls("old-tls", pem(expired.certificate())));

        CheckResult result = failingWith("namespaces: [athens]");

        assertEquals("1 of 1 certificate Secret failing in namespace 'athens': Secret athens/old-tls: CN=old.athens.svc "
                + "expired 1 day ago (" + date(expired.certificate()) + "), minDays 14", result.message());
        assertTrue(TestMeasures.value(result, KubeFamily.CERTIFICATE_DAYS_LEFT, "athens", "old-tls") < -1);
    }

    @Test
    void theEarliestExpiryInTheChainCounts() throws Exception {
        Certificates.Authority shortLived = Certificates.authority("short-lived CA", inDays(5.5));
        X509Certificate longLeaf = shortLived.leaf(inDays(-1), inDays(90), "d.athens.svc").certificate();
        fake.create(tls("d-tls", pem(longLeaf, shortLived.certificate())));

        assertEquals("1 of 1 certificate Secret failing in namespace 'athens': Secret athens/d-tls: CN=short-lived CA "
                + "expires in 5 days (" + date(shortLived.certificate()) + "), minDays 14",
                failingWith("namespaces: [athens]").message());
    }

    @Test
    void textThatIsNotPemFailsNamingTheSecret() throws Exception {
        fake.create(tls("broken-tls", "not a certificate"));

        assertEquals("1 of 1 certificate Secret failing in namespace 'athens': Secret athens/broken-tls: tls.crt is not "
                + "PEM (no -----BEGIN … ----- line)", failingWith("namespaces: [athens]").message());
    }

    @Test
    void aPemBlockThatIsNotACertificateFailsNamingTheSecret() throws Exception {
        fake.create(tls("garbled-tls", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgI=\n-----END CERTIFICATE-----\n"));

        assertEquals("1 of 1 certificate Secret failing in namespace 'athens': Secret athens/garbled-tls: tls.crt "
                + "certificate 1 is not a valid X.509 certificate", failingWith("namespaces: [athens]").message());
    }

    @Test
    void theIstioCaSecretIsReadFromItsOwnKeyAndPassesAYearAhead() throws Exception {
        Certificates.Authority istio = Certificates.authority("cluster.local", inDays(3650));
        fake.create(secret("istio-system", "istio-ca-secret", "istio.io/ca-root", "ca-cert.pem", pem(istio.certificate())));

        CheckResult result = certificates("names: [istio-system/istio-ca-secret], key: ca-cert.pem, minDays: 365, "
                + "certManager: false");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertTrue(result.message().startsWith("1 certificate Secret in all namespaces valid for at least 365 days; the "
                + "first to expire: Secret istio-system/istio-ca-secret in 3649 days"), result.message());
    }

    @Test
    void anIstioCaExpiringWithinAYearFails() throws Exception {
        Certificates.Authority istio = Certificates.authority("cluster.local", inDays(300.5));
        fake.create(secret("istio-system", "istio-ca-secret", "istio.io/ca-root", "ca-cert.pem", pem(istio.certificate())));

        assertEquals("1 of 1 certificate Secret failing in namespace 'istio-system': Secret istio-system/istio-ca-secret: "
                + "CN=cluster.local expires in 300 days (" + date(istio.certificate()) + "), minDays 365",
                failingWith("namespaces: [istio-system], names: [istio-ca-secret], key: ca-cert.pem, minDays: 365, "
                        + "certManager: false").message());
    }

    @Test
    void aNamedSecretThatDoesNotExistFails() throws Exception {
        assertEquals("1 of 1 certificate Secret failing in all namespaces: Secret istio-system/cacerts not found",
                failingWith("names: [istio-system/cacerts], certManager: false").message());
    }

    @Test
    void aNamedSecretWithoutTheKeyFails() throws Exception {
        fake.create(tls("web-tls", pem(valid("web.athens.svc", 90))));

        assertEquals("1 of 1 certificate Secret failing in all namespaces: Secret athens/web-tls has no ca-cert.pem",
                failingWith("names: [athens/web-tls], key: ca-cert.pem, certManager: false").message());
    }

    @Test
    void aCertManagerCertificateIsJudgedByItsSecretNotByItsStatus() throws Exception {
        X509Certificate soon = valid("web.athens.example", 4.5);
        fake.create(tls("web-tls", pem(soon)));
        fake.create("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web, namespace: athens}
                spec:
                  secretName: web-tls
                  dnsNames: [web.athens.example]
                  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
                status:
                  conditions: [{type: Ready, status: "True", reason: Ready, message: Certificate is up to date and has not expired}]
                  notAfter: "2099-01-01T00:00:00Z"
                  renewalTime: "2098-12-01T00:00:00Z"
                """);

        CheckResult result = failingWith("namespaces: [athens]");

        assertEquals("1 of 1 certificate Secret failing in namespace 'athens': Certificate athens/web (Secret web-tls): "
                + "CN=web.athens.example expires in 4 days (" + date(soon) + "), minDays 14", result.message());
    }

    @Test
    void aCertManagerCertificateWhoseSecretIsMissingFails() throws Exception {
        fake.create("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: api, namespace: athens}
                spec: {secretName: api-tls, dnsNames: [api.athens.example], issuerRef: {name: internal-ca, kind: Issuer}}
                """);

        assertEquals("1 of 1 certificate Secret failing in namespace 'athens': Certificate athens/api (Secret api-tls) "
                + "not found", failingWith("namespaces: [athens]").message());
    }

    @Test
    void aClusterWithoutCertManagerIsCheckedForTlsSecretsOnly() throws Exception {
        fake.answer("GET", "/apis/cert-manager.io/v1/namespaces/athens/certificates", 404, "{\"kind\":\"Status\","
                + "\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"the server could not find "
                + "the requested resource\",\"reason\":\"NotFound\",\"code\":404}");
        fake.create(tls("a-tls", pem(valid("a.athens.svc", 90.5))));

        CheckResult result = certificates("namespaces: [athens]");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("not installed: the cluster does not serve certificates.cert-manager.io", result.details().get("certManager"));
    }

    @Test
    void noCertificatesAtAllFails() throws Exception {
        assertEquals("no TLS Secrets or cert-manager Certificates in namespace 'athens' matching selector 'app=web'",
                failingWith("namespaces: [athens], selector: app=web").message());
    }

    @Test
    void everyPageOfTlsSecretsIsRead() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            fake.create(tls(name + "-tls", pem(valid(name + ".athens.svc", 90))));
        }
        X509Certificate soon = valid("e.athens.svc", 3.5);
        fake.create(tls("e-tls", pem(soon)));
        checklist.pageSize(2);

        CheckResult result = failingWith("namespaces: [athens], certManager: false");

        assertEquals("1 of 5 certificate Secrets failing in namespace 'athens': Secret athens/e-tls: CN=e.athens.svc "
                + "expires in 3 days (" + date(soon) + "), minDays 14", result.message());
        assertEquals(3, fake.requests("GET", "/api/v1/namespaces/athens/secrets").size());
    }

    @Test
    void aForbiddenSecretListFailsNamingThePermission() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "secrets", "athens");

        assertEquals("forbidden: smokegate needs 'list' on 'secrets' (v1) in namespace 'athens' (service account "
                + "system:serviceaccount:smokegate:smokegate); grant it with a Role/ClusterRole",
                failingWith("namespaces: [athens]").message());
    }

    @Test
    void aBareNameNeedsNamespaces() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> certificates("names: [cacerts]"));

        assertTrue(e.getMessage().contains("'cacerts' names no namespace and namespaces is not given"), e.getMessage());
    }
}
