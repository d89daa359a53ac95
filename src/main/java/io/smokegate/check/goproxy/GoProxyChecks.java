package io.smokegate.check.goproxy;

import io.smokegate.check.Probe;
import io.smokegate.check.net.TlsClient;

/** What the Go proxy checks share at run time. */
final class GoProxyChecks {

    private GoProxyChecks() {
    }

    /** A client for one probe, verifying certificates against the JDK's trust store as the go command does. */
    static ProxyClient client(Probe probe) {
        return new ProxyClient(TlsClient.defaultVerifying(), probe.deadline());
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
