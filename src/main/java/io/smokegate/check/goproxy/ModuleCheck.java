package io.smokegate.check.goproxy;

import io.smokegate.check.Check;
import io.smokegate.check.Measure;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.sumdb.SumdbClient;
import io.smokegate.gomod.GoSum;
import io.smokegate.input.InvalidInputException;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.SumdbException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The prepared {@code goproxy.module} check. */
final class ModuleCheck implements Check {

    private final URI proxy;
    private final String module;
    private final String version;
    private final String sum;
    private final String modSum;
    private final Path gosum;
    private final SumdbDatabase sumdb;
    private final ClientOptions options;

    ModuleCheck(URI proxy, String module, String version, String sum, String modSum, Path gosum, SumdbDatabase sumdb,
                ClientOptions options) {
        this.proxy = proxy;
        this.module = module;
        this.version = version;
        this.sum = sum;
        this.modSum = modSum;
        this.gosum = gosum;
        this.sumdb = sumdb;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException, IOException {
        ProxyClient client = GoProxyChecks.client(probe, options);
        try {
            ModuleFetch.Fetched fetched = ModuleFetch.fetch(client, proxy, module, version, probe);
            probe.detail("files", fetched.files());
            probe.detail("zipBytes", fetched.zipBytes());
            probe.detail("h1", fetched.h1());
            probe.detail("goModH1", fetched.goModH1());
            return compare(fetched.h1(), fetched.goModH1(), client, probe);
        } catch (ModuleFetch.Unusable e) {
            return probe.failAll(e.problems());
        } finally {
            client.report(probe);
            client.close();
        }
    }

    /** Every source of expected hashes that was configured; any mismatch is a security failure. */
    private Outcome compare(String h1, String modH1, ProxyClient client, Probe probe) throws InterruptedException {
        List<String> mismatches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String misbehaviour = null;
        expect(sum, h1, "checklist sum", mismatches);
        expect(modSum, modH1, "checklist modSum", mismatches);
        if (sum != null || modSum != null) {
            sources.add("checklist");
        }
        if (gosum != null) {
            sources.add("go.sum");
            fromGoSum(h1, modH1, mismatches, failures);
        }
        if (sumdb != null) {
            sources.add(sumdb.name());
            try {
                SumdbClient database = SumdbClient.open(sumdb, client, probe.context().dataDir());
                try {
                    SumdbClient.Lookup lookup = database.lookup(module, version);
                    expect(lookup.hash(module, version, false), h1, sumdb.name(), mismatches);
                    expect(lookup.hash(module, version, true), modH1, sumdb.name() + " (go.mod)", mismatches);
                } finally {
                    database.report(probe);
                }
            } catch (SumdbException e) {
                if (e.security()) {
                    // A fork or rollback of the database itself, not a hash that differs: it says so on its own.
                    misbehaviour = e.getMessage();
                } else {
                    failures.add(e.getMessage());
                }
            }
        }
        List<String> security = new ArrayList<>();
        if (misbehaviour != null) {
            security.add("verifying " + module + "@" + version + ": " + misbehaviour);
        }
        mismatches.forEach(m -> security.add("verifying " + module + "@" + version + ": checksum mismatch: " + m));
        probe.measure(Measure.SECURITY_FAILURE, security.isEmpty() ? 0 : 1);
        if (!security.isEmpty()) {
            return probe.securityFailAll(security);
        }
        if (!failures.isEmpty()) {
            return probe.failAll(failures);
        }
        return Outcome.pass(module + "@" + version + " " + h1 + (sources.isEmpty() ? " (no expected hashes configured)"
                : ", matches " + String.join(", ", sources)));
    }

    private static void expect(String expected, String actual, String source, List<String> mismatches) {
        if (expected != null && !expected.equals(actual)) {
            mismatches.add("downloaded " + actual + ", " + source + " has " + expected);
        }
    }

    private void fromGoSum(String h1, String modH1, List<String> mismatches, List<String> failures) {
        List<GoSum.Line> lines;
        try {
            lines = GoSum.parse(gosum.toString(), Files.readString(gosum, StandardCharsets.UTF_8));
        } catch (IOException e) {
            failures.add("cannot read go.sum " + gosum + ": " + e.getMessage());
            return;
        } catch (InvalidInputException e) {
            failures.add(e.getMessage());
            return;
        }
        boolean found = false;
        for (GoSum.Line line : lines) {
            if (line.module().equals(module) && line.version().equals(version)) {
                found = true;
                expect(line.hash(), line.goMod() ? modH1 : h1, gosum + ":" + line.lineNumber(), mismatches);
            }
        }
        if (!found) {
            failures.add(gosum + " has no line for " + module + " " + version);
        }
    }
}
