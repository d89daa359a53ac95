package io.smokegate.check.goproxy;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import java.net.URI;

/** The prepared {@code goproxy.notfound} check. */
final class NotFoundCheck implements Check {

    private final URI proxy;
    private final String module;
    private final String version;
    private final ClientOptions options;

    NotFoundCheck(URI proxy, String module, String version, ClientOptions options) {
        this.proxy = proxy;
        this.module = module;
        this.version = version;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        ProxyClient client = GoProxyChecks.client(probe, options);
        String what = version == null ? "@v/list" : version + ".info";
        try {
            ProxyClient.Response r = version == null
                    ? client.get(proxy, GoProxyParams.versionsPath(module) + "list", Endpoint.LIST, 64 * 1024)
                    : client.get(proxy, GoProxyParams.versionFile(module, version, ".info"), Endpoint.INFO, 64 * 1024);
            probe.detail("status", r.status());
            String shown = ProxyErrors.serverResponse(r);
            if (!shown.isEmpty()) {
                probe.detail("serverResponse", shown);
            }
            if (r.notFound()) {
                return Outcome.pass(what + " of " + module + " answered " + r.status()
                        + ": the go command falls back to the next GOPROXY entry");
            }
            String consequence = r.ok() ? "a module that must not exist is served"
                    : "the go command treats this as an error and does not fall back after a comma";
            return Outcome.fail(what + " of " + module + " answered " + r.status() + ", not 404 or 410: " + consequence
                    + bodyNote(r));
        } catch (ProxyException e) {
            return Outcome.fail(e.getMessage() + " (no 404/410: the go command would not fall back after a comma)");
        } finally {
            client.report(probe);
            client.close();
        }
    }

    private static String bodyNote(ProxyClient.Response r) {
        String text = r.text().strip();
        if (text.isEmpty()) {
            return "";
        }
        String firstLine = text.lines().findFirst().orElse("");
        return "; body: " + (firstLine.length() > 120 ? firstLine.substring(0, 120) + "…" : firstLine).replaceAll("\\p{Cntrl}", "?");
    }
}
