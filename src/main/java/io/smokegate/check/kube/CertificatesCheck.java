package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.Pem;
import io.smokegate.kube.KubeApiException;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ListSummary;
import io.smokegate.kube.ResourceRef;
import io.smokegate.text.Plural;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The prepared {@code kube.certificates} check; see {@link CertificatesCheckType}. */
final class CertificatesCheck implements KubeCheck.Body {

    /** A Secret named in the checklist. */
    record SecretName(String namespace, String name) {
    }

    static final String TLS_TYPE = "kubernetes.io/tls";
    static final String TLS_KEY = "tls.crt";
    static final ResourceRef CERTIFICATES = ResourceRef.namespaced("cert-manager.io", "v1", "certificates");
    private static final ResourceRef SECRETS = ResourceRef.of(Secret.class);
    private static final double SECONDS_PER_DAY = 86_400.0;

    /** A Secret to judge: how messages name it, and the certificate text read from it (null when absent). */
    private static final class Entry {
        String label;
        final String namespace;
        final String name;
        final String key;
        final String pem;
        final boolean found;

        Entry(String label, String namespace, String name, String key, Secret secret) {
            this.label = label;
            this.namespace = namespace;
            this.name = name;
            this.key = key;
            this.found = secret != null;
            String data = secret == null || secret.getData() == null ? null : secret.getData().get(key);
            this.pem = data == null ? null : decode(data);
        }
    }

    private final List<String> namespaces;
    private final String selector;
    private final List<SecretName> names;
    private final String key;
    private final int minDays;
    private final boolean certManager;

    CertificatesCheck(List<String> namespaces, String selector, List<SecretName> names, String key, int minDays,
                      boolean certManager) {
        this.namespaces = namespaces;
        this.selector = selector;
        this.names = names;
        this.key = key;
        this.minDays = minDays;
        this.certManager = certManager;
    }

    @Override
    public Outcome run(KubeCluster cluster, Probe probe) {
        ListLimits limits = KubeParams.limits(probe.context());
        List<String> scopes = KubeParams.scopes(namespaces);
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (names.isEmpty()) {
            for (String namespace : scopes) {
                ListSummary listed = tlsSecrets(cluster, namespace, limits, entries);
                if (listed.truncated()) {
                    return Offenders.tooMany(listed, "Secrets", namespace);
                }
            }
        } else {
            for (SecretName secret : names) {
                entries.put(secret.namespace() + "/" + secret.name(), new Entry("Secret " + secret.namespace() + "/"
                        + secret.name(), secret.namespace(), secret.name(), key, get(cluster, secret.namespace(), secret.name())));
            }
        }
        if (certManager) {
            for (String namespace : scopes) {
                Outcome stop = certificates(cluster, namespace, limits, entries, probe);
                if (stop != null) {
                    return stop;
                }
            }
        }
        String where = KubeParams.describe(namespaces, selector);
        if (entries.isEmpty()) {
            return Outcome.fail("no TLS Secrets" + (certManager ? " or cert-manager Certificates" : "") + " in " + where);
        }
        return judge(entries, probe, where);
    }

    private Outcome judge(Map<String, Entry> entries, Probe probe, String where) {
        Instant now = Instant.now();
        List<String> offenders = new ArrayList<>();
        Map<String, Object> daysLeft = new LinkedHashMap<>();
        double min = Double.POSITIVE_INFINITY;
        String first = null;
        for (Entry e : entries.values()) {
            if (!e.found) {
                offenders.add(e.label + " not found");
                continue;
            }
            if (e.pem == null) {
                offenders.add(e.label + " has no " + e.key);
                continue;
            }
            List<X509Certificate> chain;
            try {
                chain = Pem.certificates(e.pem);
            } catch (Pem.PemException unparsable) {
                offenders.add(e.label + ": " + e.key + " " + unparsable.getMessage());
                continue;
            }
            X509Certificate soonest = chain.stream().min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
            Instant notAfter = soonest.getNotAfter().toInstant();
            double days = Duration.between(now, notAfter).toSeconds() / SECONDS_PER_DAY;
            probe.measure(KubeFamily.CERTIFICATE_DAYS_LEFT, days, e.namespace, e.name);
            daysLeft.put(e.namespace + "/" + e.name, Math.floor(days * 100) / 100);
            if (days < min) {
                min = days;
                first = e.label;
            }
            if (days < minDays) {
                offenders.add(e.label + ": " + soonest.getSubjectX500Principal().getName() + " " + expiry(days, notAfter)
                        + ", minDays " + minDays);
            }
        }
        probe.detail("daysLeft", daysLeft);
        if (first != null) {
            probe.measure(KubeFamily.CERTIFICATE_MIN_DAYS_LEFT, min);
        }
        if (!offenders.isEmpty()) {
            return Offenders.fail(probe, offenders.size() + " of " + Plural.count(entries.size(), "certificate Secret")
                    + " failing in " + where, offenders);
        }
        return Outcome.pass(Plural.count(entries.size(), "certificate Secret") + " in " + where + " valid for at least "
                + Plural.count(minDays, "day") + "; the first to expire: " + first + " in "
                + Plural.count((long) Math.floor(min), "day"));
    }

    private static String expiry(double days, Instant notAfter) {
        String date = LocalDate.ofInstant(notAfter, ZoneOffset.UTC).toString();
        if (days < 0) {
            return "expired " + Plural.count((long) Math.floor(-days), "day") + " ago (" + date + ")";
        }
        return "expires in " + Plural.count((long) Math.floor(days), "day") + " (" + date + ")";
    }

    /** Every TLS Secret of a namespace (null: all); only the certificate text of each is kept. */
    private ListSummary tlsSecrets(KubeCluster cluster, String namespace, ListLimits limits, Map<String, Entry> entries) {
        return cluster.forEach(KubeOp.list(SECRETS, namespace), limits, (c, options) -> {
            options.setLabelSelector(selector);
            options.setFieldSelector("type=" + TLS_TYPE);
            return namespace == null ? c.secrets().inAnyNamespace().list(options) : c.secrets().inNamespace(namespace).list(options);
        }, secret -> {
            if (TLS_TYPE.equals(secret.getType())) {
                String ns = secret.getMetadata().getNamespace();
                String name = secret.getMetadata().getName();
                entries.put(ns + "/" + name, new Entry("Secret " + ns + "/" + name, ns, name, TLS_KEY, secret));
            }
        });
    }

    /**
     * Adds the Secret of every cert-manager Certificate (named after its Certificate); null to go on, or the outcome
     * that ends the check. A cluster that does not serve the resource has no cert-manager: nothing to add.
     */
    private Outcome certificates(KubeCluster cluster, String namespace, ListLimits limits, Map<String, Entry> entries,
                                 Probe probe) {
        List<GenericKubernetesResource> certificates;
        try {
            var listed = cluster.list(CERTIFICATES, namespace, selector, limits);
            if (listed.summary().truncated()) {
                return Offenders.tooMany(listed.summary(), "cert-manager Certificates", namespace);
            }
            certificates = listed.items();
        } catch (KubeApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            probe.detail("certManager", "not installed: the cluster does not serve " + CERTIFICATES.qualifiedName());
            return null;
        }
        for (GenericKubernetesResource certificate : certificates) {
            String ns = certificate.getMetadata().getNamespace();
            String label = "Certificate " + ns + "/" + certificate.getMetadata().getName();
            Object spec = certificate.getAdditionalProperties().get("spec");
            Object secretName = spec instanceof Map<?, ?> m ? m.get("secretName") : null;
            if (!(secretName instanceof String secret) || secret.isBlank()) {
                entries.put("certificate:" + label, new Entry(label + " (no spec.secretName)", ns, "", TLS_KEY, null));
                continue;
            }
            label += " (Secret " + secret + ")";
            Entry existing = entries.get(ns + "/" + secret);
            if (existing != null) {
                existing.label = label;
            } else {
                entries.put(ns + "/" + secret, new Entry(label, ns, secret, TLS_KEY, get(cluster, ns, secret)));
            }
        }
        return null;
    }

    private static Secret get(KubeCluster cluster, String namespace, String name) {
        return cluster.call(KubeOp.get(SECRETS, namespace), c -> c.secrets().inNamespace(namespace).withName(name).get());
    }


    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }
}
