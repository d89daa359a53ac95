package io.smokegate.check.sumdb;

import io.smokegate.check.Check;
import io.smokegate.check.Measure;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.goproxy.GoProxyChecks;
import io.smokegate.check.goproxy.GoProxyParams;
import io.smokegate.check.goproxy.ProxyClient;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.GoSum;
import io.smokegate.input.InvalidInputException;
import io.smokegate.sumdb.SumdbDatabase;
import io.smokegate.sumdb.SumdbException;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The prepared {@code gosum.verify} check: one lookup per module version (in parallel, bounded), every
 * record proven in the signed tree, every go.sum line compared with it. Tiles are shared across lookups,
 * so a large go.sum costs few more tile fetches than a small one.
 */
final class GoSumVerifyCheck implements Check {

    private static final int SHOWN = 20;

    private final Path file;
    private final SumdbDatabase database;
    private final int concurrency;
    private final ClientOptions options;

    GoSumVerifyCheck(Path file, SumdbDatabase database, int concurrency, ClientOptions options) {
        this.file = file;
        this.database = database;
        this.concurrency = concurrency;
        this.options = options;
    }

    /** What one module version's lookup found. */
    private record Result(List<String> mismatches, String missing, String failure) {
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException, IOException {
        List<GoSum.Line> lines;
        try {
            lines = GoSum.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            return Outcome.fail(e.getMessage());
        }
        Map<GoProxyParams.ModuleVersion, List<GoSum.Line>> byVersion = new LinkedHashMap<>();
        for (GoSum.Line line : lines) {
            byVersion.computeIfAbsent(new GoProxyParams.ModuleVersion(line.module(), line.version()), k -> new ArrayList<>())
                    .add(line);
        }
        return GoProxyChecks.withSumdb(database, options, probe, (client, http) -> {
            List<Result> results = lookUpAll(client, http, byVersion);
            return judge(lines.size(), byVersion.size(), results, client, probe);
        });
    }

    /**
     * Every module version, {@code concurrency} at a time, on as many platform threads. Not virtual ones: a lookup is
     * a few small blocking reads and writes, and on a cold JVM unmounting and remounting a virtual thread around each
     * (poller, scheduler, continuations: interpreted, then compiled) cost more than the lookups' own code, a tenth of
     * the check on two cores. The latest tree is fetched on a thread of its own beside the first lookups rather than
     * before them (its answer decides only whether the database rolled back, and lookups bring the same signed tree);
     * the check fails when it does.
     */
    private List<Result> lookUpAll(SumdbClient client, ProxyClient http,
                                   Map<GoProxyParams.ModuleVersion, List<GoSum.Line>> byVersion)
            throws InterruptedException, SumdbException {
        List<Future<Result>> futures = new ArrayList<>();
        ThreadFactory threads = Thread.ofPlatform().name("gosum-lookup-", 0).daemon().factory();
        try (ExecutorService latestThread = Executors.newSingleThreadExecutor(threads);
             ExecutorService executor = Executors.newFixedThreadPool(concurrency, threads)) {
            Future<?> latest = latestThread.submit(() -> client.latest());
            for (Map.Entry<GoProxyParams.ModuleVersion, List<GoSum.Line>> e : byVersion.entrySet()) {
                futures.add(executor.submit(() -> verify(client, e.getKey(), e.getValue())));
            }
            try {
                return results(latest, futures);
            } catch (InterruptedException cancelled) {
                // The run was cancelled: the lookups' threads, blocked on sockets, see no interrupt, so their
                // connections are closed under them; otherwise closing the executors would wait for their reads.
                latest.cancel(true);
                futures.forEach(f -> f.cancel(true));
                http.abort();
                throw cancelled;
            }
        }
    }

    private static List<Result> results(Future<?> latest, List<Future<Result>> futures)
            throws InterruptedException, SumdbException {
        try {
            latest.get();
        } catch (ExecutionException ex) {
            futures.forEach(other -> other.cancel(true));
            if (ex.getCause() instanceof SumdbException failed) {
                throw failed;
            }
            throw new IllegalStateException(ex.getCause());
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof SumdbException security) {
                    futures.forEach(other -> other.cancel(true));
                    throw security;
                }
                throw new IllegalStateException(ex.getCause());
            }
        }
        return results;
    }

    /** One module version: its record looked up and proven, and each of its go.sum lines compared with it. */
    private Result verify(SumdbClient client, GoProxyParams.ModuleVersion m, List<GoSum.Line> lines)
            throws InterruptedException, SumdbException {
        SumdbClient.Lookup lookup;
        try {
            lookup = client.lookup(m.path(), m.version());
        } catch (SumdbException e) {
            if (e.security()) {
                throw e;
            }
            return e.kind() == SumdbException.Kind.MISSING ? new Result(List.of(), m.toString(), null)
                    : new Result(List.of(), null, e.getMessage());
        }
        List<String> mismatches = new ArrayList<>();
        for (GoSum.Line line : lines) {
            String recorded = lookup.hash(m.path(), m.version(), line.goMod());
            if (recorded != null && !recorded.equals(line.hash())) {
                mismatches.add(file + ":" + line.lineNumber() + ": " + m + (line.goMod() ? "/go.mod" : "") + " has "
                        + line.hash() + ", " + database.name() + " has " + recorded);
            }
        }
        return new Result(mismatches, null, null);
    }

    private Outcome judge(int lineCount, int versions, List<Result> results, SumdbClient client, Probe probe) {
        List<String> mismatches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Result r : results) {
            mismatches.addAll(r.mismatches());
            if (r.missing() != null) {
                missing.add(r.missing());
            }
            if (r.failure() != null) {
                failures.add(r.failure());
            }
        }
        Collections.sort(missing);
        probe.detail("lines", lineCount);
        probe.detail("moduleVersions", versions);
        probe.detail("mismatches", mismatches.size());
        probe.detail("missing", missing.size());
        if (!mismatches.isEmpty()) {
            probe.detail("mismatchedLines", mismatches.subList(0, Math.min(SHOWN, mismatches.size())));
        }
        if (!missing.isEmpty()) {
            probe.detail("missingRecords", missing.subList(0, Math.min(SHOWN, missing.size())));
        }
        if (!failures.isEmpty()) {
            probe.detail("failedLookups", failures.size());
            probe.detail("failures", failures.subList(0, Math.min(SHOWN, failures.size())));
        }
        probe.measure(Measure.SECURITY_FAILURE, mismatches.isEmpty() ? 0 : 1);
        // The message leads with the worst problem; the summary counts every kind, so none hides behind another.
        String summary = Plural.count(lineCount, "line") + ", " + Plural.count(versions, "module version") + ": "
                + Plural.count(versions - missing.size() - failures.size(), "record") + " proven, "
                + Plural.count(mismatches.size(), "mismatch", "mismatches") + ", " + missing.size() + " missing"
                + (failures.isEmpty() ? "" : ", " + Plural.count(failures.size(), "lookup") + " failed")
                + "; " + Plural.count(client.tilesFetched(), "tile") + " fetched";
        if (!mismatches.isEmpty()) {
            return Outcome.securityFailure("checksum mismatch: " + mismatches.get(0) + " (" + summary + ")");
        }
        if (!failures.isEmpty()) {
            return Outcome.fail(failures.get(0) + " (" + summary + ")");
        }
        if (!missing.isEmpty()) {
            return Outcome.fail(database.name() + " has no record for " + missing.get(0)
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "") + " (" + summary + ")");
        }
        return Outcome.pass(summary);
    }
}
