package io.smokegate.check.goproxy;

import io.smokegate.check.Check;
import io.smokegate.check.Measure;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.InvalidModuleException;
import io.smokegate.gomod.ModulePaths;
import io.smokegate.text.Plural;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The prepared {@code goproxy.private} check. */
final class PrivateCheck implements Check {

    private final String goprivate;
    private final String gonoproxy;
    private final String gonosumdb;
    private final List<GoProxyParams.ModuleVersion> modules;
    private final URI privateProxy;
    private final List<URI> publicProxies;
    private final List<URI> sumdbs;
    private final ClientOptions options;

    PrivateCheck(String goprivate, String gonoproxy, String gonosumdb, List<GoProxyParams.ModuleVersion> modules,
                 URI privateProxy, List<URI> publicProxies, List<URI> sumdbs, ClientOptions options) {
        this.goprivate = goprivate;
        this.gonoproxy = gonoproxy;
        this.gonosumdb = gonosumdb;
        this.modules = modules;
        this.privateProxy = privateProxy;
        this.publicProxies = publicProxies;
        this.sumdbs = sumdbs;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        ProxyClient client = GoProxyChecks.client(probe, options);
        List<String> leaks = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            for (GoProxyParams.ModuleVersion m : modules) {
                if (!ModulePaths.matchPrefixPatterns(gonoproxy, m.path())) {
                    failures.add(m.path() + " is not matched by GONOPROXY '" + gonoproxy
                            + "': the go command would send its path to the public proxies");
                }
                if (!ModulePaths.matchPrefixPatterns(gonosumdb, m.path())) {
                    failures.add(m.path() + " is not matched by GONOSUMDB '" + gonosumdb
                            + "': the go command would look it up in the public checksum database");
                }
                for (URI proxy : publicProxies) {
                    ask(client, proxy, m, false, "public proxy", leaks, failures);
                }
                if (m.version() != null) {
                    for (URI sumdb : sumdbs) {
                        ask(client, sumdb, m, true, "checksum database", leaks, failures);
                    }
                }
                if (privateProxy != null) {
                    served(client, m, failures);
                }
            }
            probe.measure(Measure.SECURITY_FAILURE, leaks.isEmpty() ? 0 : 1);
            if (!leaks.isEmpty()) {
                return probe.securityFailAll(leaks);
            }
            if (!failures.isEmpty()) {
                return probe.failAll(failures);
            }
            return Outcome.pass(Plural.count(modules.size(), "private module") + " covered by GOPRIVATE '" + goprivate
                    + "', unknown to " + Plural.count(publicProxies.size(), "public proxy", "public proxies") + " and "
                    + Plural.count(sumdbs.size(), "checksum database")
                    + (privateProxy == null ? "" : ", served by " + privateProxy));
        } finally {
            client.report(probe);
            client.close();
        }
    }

    /** A public source must answer 404 or 410; a 200 is a leak; anything else leaves the question open. */
    private static void ask(ProxyClient client, URI base, GoProxyParams.ModuleVersion m, boolean sumdb, String what,
                            List<String> leaks, List<String> failures) throws InterruptedException {
        try {
            String path = sumdb ? "lookup/" + ModulePaths.escapePath(m.path()) + "@" + ModulePaths.escapeVersion(m.version())
                    : m.version() == null ? GoProxyParams.versionsPath(m.path()) + "list"
                    : GoProxyParams.versionFile(m.path(), m.version(), ".info");
            ProxyClient.Response r = client.get(base, path, sumdb ? Endpoint.SUMDB_LOOKUP : m.version() == null
                    ? Endpoint.LIST : Endpoint.INFO, 64 * 1024);
            if (r.ok()) {
                leaks.add("private module " + m.path() + " is known to " + what + " " + base + " (" + r.url() + " answered 200)");
            } else if (!r.notFound()) {
                failures.add("cannot tell whether " + what + " " + base + " knows " + m.path() + ": "
                        + ProxyErrors.describe(path, r));
            }
        } catch (ProxyException e) {
            failures.add("cannot tell whether " + what + " " + base + " knows " + m.path() + ": " + e.getMessage());
        } catch (InvalidModuleException e) {
            failures.add(e.getMessage());
        }
    }

    private void served(ProxyClient client, GoProxyParams.ModuleVersion m, List<String> failures) throws InterruptedException {
        String path = m.version() == null ? GoProxyParams.versionsPath(m.path()) + "list"
                : GoProxyParams.versionFile(m.path(), m.version(), ".info");
        try {
            ProxyClient.Response r = client.get(privateProxy, path, m.version() == null ? Endpoint.LIST : Endpoint.INFO, 1 << 20);
            if (!r.ok()) {
                failures.add("private proxy does not serve " + m.path() + ": " + ProxyErrors.describe(path, r));
            }
        } catch (ProxyException e) {
            failures.add("private proxy does not serve " + m.path() + ": " + e.getMessage());
        }
    }
}
