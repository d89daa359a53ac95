package io.smokegate.check.net;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Probe;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSession;

/** The prepared {@code tls} check; see {@link TlsCheckType}. */
final class TlsCheck implements Check {

    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d{1,18})\"?", Pattern.CASE_INSENSITIVE);

    private final HostPort target;
    private final String serverName;
    private final int minDaysLeft;
    private final boolean verifyChain;
    private final boolean verifyHostname;
    private final String minVersion;
    private final TlsClient client;
    private final String hstsPath;
    private final IpProtocol ip;

    TlsCheck(HostPort target, String serverName, int minDaysLeft, boolean verifyChain, boolean verifyHostname,
             String minVersion, TlsClient client, String hstsPath, IpProtocol ip) {
        this.target = target;
        this.serverName = serverName;
        this.minDaysLeft = minDaysLeft;
        this.verifyChain = verifyChain;
        this.verifyHostname = verifyHostname;
        this.minVersion = minVersion;
        this.client = client;
        this.hstsPath = hstsPath;
        this.ip = ip;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        PhaseTimer timer = new PhaseTimer();
        String name = serverName == null ? target.host() : serverName;
        try (Connection connection = Connection.open(target, ip, client, serverName, probe.deadline(), timer)) {
            SSLSession session = connection.tls();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            List<String> failures = new ArrayList<>();
            inspect(chain, session, name, probe, failures);
            if (hstsPath != null && failures.isEmpty()) {
                checkHsts(connection, name, probe, timer, failures);
            }
            timer.report(probe);
            if (!failures.isEmpty()) {
                return probe.failAll(failures);
            }
            X509Certificate leaf = chain.get(0);
            return Outcome.pass("certificate for " + name + " valid for " + Plural.count(daysLeft(earliest(chain)), "more day") + " ("
                    + session.getProtocol() + ", issuer " + leaf.getIssuerX500Principal().getName() + ")");
        } catch (IOException e) {
            timer.report(probe);
            return Outcome.fail(NetFailures.describe(e, target.toString(), timer.step(), probe.deadline().budget()));
        }
    }

    private void inspect(List<X509Certificate> chain, SSLSession session, String name, Probe probe, List<String> failures) {
        X509Certificate leaf = chain.get(0);
        X509Certificate soonest = earliest(chain);
        long daysLeft = daysLeft(soonest);
        probe.detail("subject", leaf.getSubjectX500Principal().getName());
        probe.detail("issuer", leaf.getIssuerX500Principal().getName());
        probe.detail("subjectAltNames", HostnameMatcher.subjectAltNames(leaf));
        probe.detail("notAfter", leaf.getNotAfter().toInstant().toString());
        probe.detail("daysLeft", daysLeft);
        probe.detail("chainLength", chain.size());
        probe.detail("tlsVersion", session.getProtocol());
        probe.detail("cipherSuite", session.getCipherSuite());
        probe.measure(NetFamily.TLS_CERT_NOT_AFTER, soonest.getNotAfter().toInstant().getEpochSecond());
        probe.measure(NetFamily.TLS_VERSION, 1, session.getProtocol());

        // Most severe first, as the headline shows only the first: what makes clients refuse the connection
        // (an untrusted chain, an expired certificate, another host's name) before policy (version, expiring soon).
        String which = soonest == leaf ? "certificate" : "chain certificate " + soonest.getSubjectX500Principal().getName();
        if (verifyChain && daysLeft >= 0) {
            try {
                client.trust().checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN");
            } catch (CertificateException | IllegalArgumentException e) {
                failures.add("chain is not trusted: " + NetFailures.tlsReason(e));
            }
        }
        if (daysLeft < 0) {
            failures.add(which + " expired " + Plural.count(-daysLeft, "day") + " ago (" + soonest.getNotAfter().toInstant() + ")");
        }
        if (verifyHostname && !HostnameMatcher.matches(leaf, name)) {
            failures.add("certificate does not cover " + name + " (it names " + HostnameMatcher.subjectAltNames(leaf) + ")");
        }
        if (TlsCheckType.VERSIONS.indexOf(session.getProtocol()) < TlsCheckType.VERSIONS.indexOf(minVersion)) {
            failures.add("negotiated " + session.getProtocol() + ", below minVersion " + minVersion);
        }
        if (daysLeft >= 0 && daysLeft < minDaysLeft) {
            failures.add(which + " expires in " + Plural.count(daysLeft, "day") + ", fewer than minDaysLeft " + minDaysLeft);
        }
    }

    private void checkHsts(Connection connection, String name, Probe probe, PhaseTimer timer, List<String> failures)
            throws IOException {
        URI uri = URI.create("https://" + new HostPort(name, target.port()) + hstsPath);
        HttpResponse response = HttpExchange.send(connection, new HttpRequest("GET", uri, Map.of(), null),
                64 * 1024, probe.deadline(), timer);
        String hsts = response.header("strict-transport-security").orElse(null);
        probe.detail("hsts", hsts == null ? "absent" : hsts);
        if (hsts == null) {
            failures.add("no Strict-Transport-Security header on " + hstsPath + " (status " + response.status() + ")");
            return;
        }
        Matcher m = MAX_AGE.matcher(hsts);
        if (!m.find() || Long.parseLong(m.group(1)) <= 0) {
            failures.add("Strict-Transport-Security has no positive max-age: '" + ParamValidators.printable(hsts) + "'");
        }
    }

    private static X509Certificate earliest(List<X509Certificate> chain) {
        X509Certificate soonest = chain.get(0);
        for (X509Certificate c : chain) {
            if (c.getNotAfter().before(soonest.getNotAfter())) {
                soonest = c;
            }
        }
        return soonest;
    }

    private static long daysLeft(X509Certificate cert) {
        return Math.floorDiv(Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toHours(), 24);
    }
}
