package io.smokegate.check.goproxy;

import io.smokegate.check.Measure;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.sumdb.SumdbClient;
import io.smokegate.gomod.InvalidModuleException;
import io.smokegate.gomod.ModuleVersions;
import io.smokegate.gomod.Semver;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.SumdbException;
import java.io.IOException;

/** What the Go proxy checks share at run time. */
public final class GoProxyChecks {

    private GoProxyChecks() {
    }

    /**
     * A client for one probe: certificates verified against the JDK's trust store as the go command does (loaded
     * on the first https connection: a plain-http lookup does not pay for it) unless the check's {@code tls},
     * {@code proxyUrl} and {@code noProxy} parameters say otherwise (then the proxy and a skipped verification are
     * shown in the details), with its own scope of the shared connection pool: the caller closes it when the probe
     * ends.
     */
    static ProxyClient client(Probe probe, ClientOptions options) {
        options.report(probe);
        return new ProxyClient(options, probe.deadline(), probe.context().client(GoProxyFamily.CONNECTIONS).scope());
    }

    /** The body of a check that works with a checksum database. */
    @FunctionalInterface
    public interface WithSumdb {
        Outcome apply(SumdbClient sumdb, ProxyClient http) throws SumdbException, InterruptedException, IOException;
    }

    /**
     * Opens {@code database} for one probe and runs {@code body}; a {@link SumdbException} it throws becomes
     * the outcome (a security failure when it is one), and the measurements are reported either way.
     */
    public static Outcome withSumdb(SumdbDatabase database, ClientOptions options, Probe probe, WithSumdb body)
            throws InterruptedException, IOException {
        try (ProxyClient http = client(probe, options)) {
            SumdbClient sumdb = null;
            try {
                sumdb = SumdbClient.open(database, http, probe.context().dataDir());
                return body.apply(sumdb, http);
            } catch (SumdbException e) {
                probe.measure(Measure.SECURITY_FAILURE, e.security() ? 1 : 0);
                return e.security() ? Outcome.securityFailure(e.getMessage()) : Outcome.fail(e.getMessage());
            } finally {
                if (sumdb != null) {
                    sumdb.report(probe);
                }
                http.report(probe);
            }
        }
    }

    /** Why {@code version} cannot be a version of {@code module}, or null when it can. */
    static String versionProblem(String module, String version) {
        if (!Semver.isValid(version)) {
            return "'" + version + "' is not a valid semantic version";
        }
        if (!Semver.canonical(version).equals(version)) {
            return "'" + version + "' is not canonical (should be " + Semver.canonical(version) + ")";
        }
        try {
            ModuleVersions.check(module, version);
            return null;
        } catch (InvalidModuleException e) {
            return e.getMessage();
        }
    }
}
