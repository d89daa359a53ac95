package io.smokegate.check.kube;

import static io.smokegate.check.ParamKind.BOOLEAN;
import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: kube.certificates} — days until the certificates kept in Secrets expire: TLS Secrets, named Secrets
 * (such as Istio's CA) and the Secrets cert-manager Certificates write. Certificates are parsed from the Secret's
 * data; labels, annotations and cert-manager's status are not trusted.
 */
public final class CertificatesCheckType implements CheckType {

    private static final List<Param> PARAMS = KubeParams.withCluster(KubeParams.NAMESPACES, KubeParams.SELECTOR,
            Param.optional("names", STRINGS, null,
                    "Secrets to check instead of every TLS Secret, of any type: namespace/name, or name in each of namespaces"),
            Param.optional("key", STRING, "tls.crt", "data key of the named Secrets that holds the certificates (PEM)"),
            Param.optional("minDays", INTEGER, 14, "fail when a certificate expires in fewer days").range(0, 36_500),
            Param.optional("certManager", BOOLEAN, true,
                    "also check the Secrets of cert-manager Certificates (skipped where cert-manager is not installed)"));

    @Override
    public String name() {
        return "kube.certificates";
    }

    @Override
    public String description() {
        return "days to expiry of certificates in TLS Secrets and cert-manager Certificates, parsed from the Secrets";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        List<String> namespaces = KubeParams.namespaces(p);
        List<CertificatesCheck.SecretName> names = new ArrayList<>();
        for (String name : p.strings("names")) {
            int slash = name.indexOf('/');
            if (slash >= 0) {
                String namespace = name.substring(0, slash);
                String secret = name.substring(slash + 1);
                if (namespace.isEmpty() || secret.isEmpty() || secret.contains("/")) {
                    throw new InvalidParamException("names", "'" + name + "' is not namespace/name or name",
                            "e.g. istio-system/istio-ca-secret");
                }
                names.add(new CertificatesCheck.SecretName(namespace, secret));
            } else if (namespaces.isEmpty()) {
                throw new InvalidParamException("names", "'" + name + "' names no namespace and namespaces is not given",
                        "write namespace/name, e.g. istio-system/" + name);
            } else {
                namespaces.forEach(namespace -> names.add(new CertificatesCheck.SecretName(namespace, name)));
            }
        }
        String key = p.string("key");
        if (key.isBlank()) {
            throw new InvalidParamException("key", "is empty", "the data key of the certificate, e.g. tls.crt or ca-cert.pem");
        }
        CertificatesCheck check = new CertificatesCheck(namespaces, KubeParams.selector(p), List.copyOf(names), key,
                p.integer("minDays"), p.bool("certManager"));
        return new KubeCheck(KubeParams.cluster(p), check);
    }
}
