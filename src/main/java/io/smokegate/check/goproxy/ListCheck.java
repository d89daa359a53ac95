package io.smokegate.check.goproxy;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.Semver;
import io.smokegate.text.Plural;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The prepared {@code goproxy.list} check. */
final class ListCheck implements Check {

    static final long MAX_LIST_BYTES = 16L << 20;

    private final URI proxy;
    private final String module;
    private final int minVersions;
    private final List<String> contains;
    private final ClientOptions options;

    ListCheck(URI proxy, String module, int minVersions, List<String> contains, ClientOptions options) {
        this.proxy = proxy;
        this.module = module;
        this.minVersions = minVersions;
        this.contains = contains;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        ProxyClient client = GoProxyChecks.client(probe, options);
        try {
            ProxyClient.Response r = client.get(proxy, GoProxyParams.versionsPath(module) + "list", Endpoint.LIST, MAX_LIST_BYTES);
            if (!r.ok()) {
                return Outcome.fail(ProxyErrors.describe("@v/list", r));
            }
            if (r.truncated()) {
                return Outcome.fail("@v/list is larger than " + MAX_LIST_BYTES / (1 << 20) + " MiB");
            }
            return judge(r.text(), probe);
        } catch (ProxyException e) {
            return Outcome.fail(e.getMessage());
        } finally {
            client.report(probe);
            client.close();
        }
    }

    private Outcome judge(String body, Probe probe) {
        List<String> versions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int pseudo = 0;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String version = line.split("\\s+")[0];
            String problem = GoProxyChecks.versionProblem(module, version);
            if (problem != null) {
                failures.add("@v/list line " + (i + 1) + ": " + problem);
            } else if (Semver.isPseudoVersion(version)) {
                pseudo++;
            } else {
                versions.add(version);
            }
        }
        versions.sort(Semver::compare);
        probe.detail("versions", versions.size());
        if (!versions.isEmpty()) {
            probe.detail("newest", versions.get(versions.size() - 1));
        }
        if (pseudo > 0) {
            probe.detail("pseudoVersions", pseudo);
        }
        if (versions.size() < minVersions) {
            failures.add("@v/list has " + Plural.count(versions.size(), "version") + ", expected at least " + minVersions);
        }
        for (String wanted : contains) {
            if (!versions.contains(wanted)) {
                failures.add("@v/list does not contain " + wanted);
            }
        }
        if (!failures.isEmpty()) {
            return probe.failAll(failures);
        }
        return Outcome.pass(Plural.count(versions.size(), "version") + " of " + module
                + (versions.isEmpty() ? "" : ", newest " + versions.get(versions.size() - 1)));
    }
}
