package io.smokegate.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who smokegate is to an API server, as far as it can tell: the service account or user that RBAC rules
 * must name. The API server's own 403 message is the best source ({@code User "…" cannot …}); without it,
 * the credentials say it (a service-account token's subject, a client certificate's common name).
 */
public record KubeIdentity(Kind kind, String name) {

    public enum Kind {
        SERVICE_ACCOUNT, USER, KUBECONFIG_USER, UNKNOWN
    }

    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    // The API server's forbidden message: `pods is forbidden: User "alice" cannot list resource ...`.
    private static final Pattern SERVER_USER = Pattern.compile("\\bUser \"([^\"]+)\" cannot ");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user name as the API server knows it; {@code system:serviceaccount:NS:NAME} is a service account. */
    public static KubeIdentity of(String username) {
        return username.startsWith(SERVICE_ACCOUNT_PREFIX)
                ? new KubeIdentity(Kind.SERVICE_ACCOUNT, username)
                : new KubeIdentity(Kind.USER, username);
    }

    /** Only the name of the kubeconfig {@code users} entry is known (exec plugins, OIDC …). */
    public static KubeIdentity kubeconfigUser(String entryName) {
        return new KubeIdentity(Kind.KUBECONFIG_USER, entryName);
    }

    public static KubeIdentity unknown() {
        return new KubeIdentity(Kind.UNKNOWN, "");
    }

    /** E.g. {@code service account system:serviceaccount:smokegate:smokegate}, {@code user alice}. */
    public String describe() {
        return switch (kind) {
            case SERVICE_ACCOUNT -> "service account " + name;
            case USER -> "user " + name;
            case KUBECONFIG_USER -> "kubeconfig user '" + name + "'";
            case UNKNOWN -> "the identity of this context";
        };
    }

    /** The user an API server names in its 403 message, when it uses the standard wording. */
    static Optional<KubeIdentity> fromServerMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = SERVER_USER.matcher(message);
        return m.find() ? Optional.of(of(m.group(1))) : Optional.empty();
    }

    /**
     * The subject of a JWT bearer token (service-account tokens are JWTs whose {@code sub} is
     * {@code system:serviceaccount:NS:NAME}); empty for an opaque token. The signature is not checked: this
     * only names the identity in messages, the API server does the authentication.
     */
    static Optional<KubeIdentity> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.trim().split("\\.");
        if (parts.length != 3 || parts[1].length() > 16_384) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode sub = claims.path("sub");
            return sub.isTextual() && !sub.asText().isBlank() ? Optional.of(of(sub.asText())) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException notAJwt) {
            return Optional.empty();
        }
    }

    /** The common name of a PEM client certificate: the API server takes it as the user name. */
    static Optional<KubeIdentity> fromClientCertificate(byte[] pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(of(rdn.getValue().toString()));
                }
            }
            return Optional.empty();
        } catch (CertificateException | InvalidNameException | ClassCastException notACertificate) {
            return Optional.empty();
        }
    }
}
