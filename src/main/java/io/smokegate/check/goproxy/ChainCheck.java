package io.smokegate.check.goproxy;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.ModulePaths;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The prepared {@code goproxy.chain} check; it follows cmd/go's TryProxies step by step. */
final class ChainCheck implements Check {

    /** What one entry answered: served, not found (fall through), or an error. */
    private record Answer(String description, boolean served, boolean notFound) {
    }

    private final GoProxyList list;
    private final String module;
    private final String version;
    private final String gonoproxy;
    private final String expectServedBy;
    private final ClientOptions options;

    ChainCheck(GoProxyList list, String module, String version, String gonoproxy, String expectServedBy,
               ClientOptions options) {
        this.list = list;
        this.module = module;
        this.version = version;
        this.gonoproxy = gonoproxy;
        this.expectServedBy = expectServedBy;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        ProxyClient client = GoProxyChecks.client(probe, options);
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        try {
            for (GoProxyList.Entry entry : list.entries()) {
                Answer answer = ask(entry, client);
                answers.put(entry.value(), answer.description());
                if (answer.served()) {
                    probe.detail("entries", answers);
                    probe.detail("servedBy", entry.value());
                    if (expectServedBy != null && !expectServedBy.equals(entry.value())) {
                        return Outcome.fail(module + " was served by " + entry.value() + ", expected " + expectServedBy);
                    }
                    return Outcome.pass(module + " served by " + entry.value() + " (" + answer.description() + ")");
                }
                errors.add(entry.value() + ": " + answer.description());
                if (!answer.notFound() && !entry.fallBackOnError()) {
                    probe.detail("entries", answers);
                    return Outcome.fail(module + ": " + entry.value() + " answered " + answer.description()
                            + "; after a comma the go command stops here instead of trying the next entry");
                }
            }
            probe.detail("entries", answers);
            return Outcome.fail(module + " is served by no GOPROXY entry: " + String.join("; ", errors));
        } finally {
            client.report(probe);
            client.close();
        }
    }

    private Answer ask(GoProxyList.Entry entry, ProxyClient client) throws InterruptedException {
        return switch (entry.value()) {
            case "direct" -> new Answer("fetched from its version control system (smokegate does not clone)", true, false);
            case "off" -> new Answer("module lookup disabled by GOPROXY=off", false, true);
            case "noproxy" -> ModulePaths.matchPrefixPatterns(gonoproxy, module)
                    ? new Answer("matches GONOPROXY: fetched directly from its version control system", true, false)
                    : new Answer("path does not match GONOPROXY", false, true);
            default -> entry.value().startsWith("file:") ? askFile(entry.value()) : askUrl(entry.value(), client);
        };
    }

    private String path() {
        return version == null ? GoProxyParams.versionsPath(module) + "list" : GoProxyParams.versionFile(module, version, ".info");
    }

    private Answer askUrl(String url, ProxyClient client) throws InterruptedException {
        try {
            ProxyClient.Response r = client.get(URI.create(url), path(), version == null ? Endpoint.LIST : Endpoint.INFO, 1 << 20);
            if (r.ok()) {
                return new Answer("200", true, false);
            }
            String shown = ProxyErrors.serverResponse(r);
            return new Answer(r.status() + (shown.isEmpty() ? "" : " (" + shown + ")"), false, r.notFound());
        } catch (ProxyException e) {
            return new Answer(e.getMessage(), false, false);
        }
    }

    /** A file:// proxy: a missing file is "not found", as the go command treats it; unreadable is an error. */
    private Answer askFile(String url) {
        Path file = Path.of(URI.create(url)).resolve(path());
        try {
            Files.readAllBytes(file);
            return new Answer("file exists", true, false);
        } catch (NoSuchFileException e) {
            return new Answer("no such file " + file, false, true);
        } catch (AccessDeniedException e) {
            return new Answer("permission denied: " + file, false, false);
        } catch (IOException e) {
            return new Answer("cannot read " + file + ": " + e.getMessage(), false, false);
        }
    }
}
