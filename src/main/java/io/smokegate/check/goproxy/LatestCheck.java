package io.smokegate.check.goproxy;

import io.smokegate.check.Check;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.VersionInfo;
import io.smokegate.input.Durations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** The prepared {@code goproxy.latest} check. */
final class LatestCheck implements Check {

    static final long MAX_INFO_BYTES = 64 * 1024;

    private final URI proxy;
    private final String module;
    private final String version;
    private final Duration maxAge;
    private final ClientOptions options;

    LatestCheck(URI proxy, String module, String version, Duration maxAge, ClientOptions options) {
        this.proxy = proxy;
        this.module = module;
        this.version = version;
        this.maxAge = maxAge;
        this.options = options;
    }

    @Override
    public Outcome run(Probe probe) throws InterruptedException {
        ProxyClient client = GoProxyChecks.client(probe, options);
        try {
            ProxyClient.Response r = client.get(proxy, GoProxyParams.latestPath(module), Endpoint.LATEST, MAX_INFO_BYTES);
            if (r.notFound()) {
                return Outcome.fail(ProxyErrors.describe("@latest", r)
                        + " (the proxy does not implement @latest or does not know the module)");
            }
            if (!r.ok()) {
                return Outcome.fail(ProxyErrors.describe("@latest", r));
            }
            VersionInfo info = VersionInfo.parse("@latest", r.body());
            probe.detail("version", info.version());
            if (info.time() != null) {
                probe.detail("time", info.time().toString());
            }
            if (version != null && !version.equals(info.version())) {
                return Outcome.fail("@latest is " + info.version() + ", expected " + version);
            }
            if (maxAge != null) {
                if (info.time() == null) {
                    return Outcome.fail("@latest has no Time to compare with maxAge " + Durations.format(maxAge));
                }
                Duration age = Duration.between(info.time(), Instant.now());
                if (age.compareTo(maxAge) > 0) {
                    return Outcome.fail("@latest " + info.version() + " is from " + info.time() + ", older than maxAge "
                            + Durations.format(maxAge));
                }
            }
            return Outcome.pass("@latest is " + info.version() + (info.time() == null ? "" : " from " + info.time()));
        } catch (ProxyException e) {
            return Outcome.fail(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Outcome.fail(e.getMessage());
        } finally {
            client.report(probe);
            client.close();
        }
    }
}
