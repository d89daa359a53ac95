package io.smokegate.check.sumdb;

import io.smokegate.check.Check;
import io.smokegate.check.Measure;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.goproxy.GoProxyChecks;
import io.smokegate.check.goproxy.GoProxyParams;
import io.smokegate.check.goproxy.ModuleFetch;
import io.smokegate.check.goproxy.ProxyClient;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.SumdbException;
import io.smokegate.sumdb.Tree;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The prepared {@code sumdb.verify} check. */
final class SumdbVerifyCheck implements Check {

    private final SumdbDatabase database;
    private final List<GoProxyParams.ModuleVersion> modules;
    private final URI compareProxy;
    private final ClientOptions options;

    SumdbVerifyCheck(SumdbDatabase database, List<GoProxyParams.ModuleVersion> modules, URI compareProxy,
                     ClientOptions options) {
        this.database = database;
        this.modules = modules;
        this.compareProxy = compareProxy;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException, IOException {
        return GoProxyChecks.withSumdb(database, options, probe, (client, http) -> {
            List<String> security = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            Tree tree = client.latest();
            for (GoProxyParams.ModuleVersion m : modules) {
                verify(client, m, probe, http, security, failures);
            }
            probe.measure(Measure.SECURITY_FAILURE, security.isEmpty() ? 0 : 1);
            if (!security.isEmpty()) {
                return probe.securityFailAll(security);
            }
            if (!failures.isEmpty()) {
                return probe.failAll(failures);
            }
            return Outcome.pass(database.name() + " tree of " + Plural.count(tree.size(), "record") + " verified"
                    + (modules.isEmpty() ? "" : ", " + Plural.count(modules.size(), "record") + " proven")
                    + (compareProxy == null ? "" : " and matching " + compareProxy));
        });
    }

    private void verify(SumdbClient client, GoProxyParams.ModuleVersion m, Probe probe, ProxyClient http,
                        List<String> security, List<String> failures) throws InterruptedException, IOException, SumdbException {
        SumdbClient.Lookup lookup;
        try {
            lookup = client.lookup(m.path(), m.version());
        } catch (SumdbException e) {
            if (e.security()) {
                throw e;
            }
            failures.add(e.getMessage());
            return;
        }
        String h1 = lookup.hash(m.path(), m.version(), false);
        String goModH1 = lookup.hash(m.path(), m.version(), true);
        if (h1 == null || goModH1 == null) {
            failures.add("record " + lookup.id() + " for " + m + " lacks its " + (h1 == null ? "h1" : "/go.mod h1") + " line");
            return;
        }
        if (compareProxy == null) {
            return;
        }
        try {
            ModuleFetch.Fetched served = ModuleFetch.fetch(http, compareProxy, m.path(), m.version(), probe);
            if (!served.h1().equals(h1)) {
                security.add("verifying " + m + ": checksum mismatch: " + compareProxy + " serves " + served.h1() + ", "
                        + database.name() + " has " + h1);
            }
            if (!served.goModH1().equals(goModH1)) {
                security.add("verifying " + m + "/go.mod: checksum mismatch: " + compareProxy + " serves " + served.goModH1()
                        + ", " + database.name() + " has " + goModH1);
            }
        } catch (ModuleFetch.Unusable e) {
            failures.add(m + " from " + compareProxy + ": " + e.getMessage());
        }
    }
}
