package io.smokegate.check.net;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.check.Probe;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code tls}, {@code proxyUrl} and {@code noProxy} parameters, shared by the checks that make HTTP requests
 * (http, and every Go proxy and checksum-database check): how their connections are made. Parsed once, when the
 * checklist is loaded.
 */
public record ClientOptions(TlsOptions tls, ProxyOptions proxy) {

    /** The parameters, to append to a check type's own. */
    public static final List<Param> PARAMS = Stream.concat(Stream.of(TlsOptions.PARAM), ProxyOptions.PARAMS.stream()).toList();

    /** {@code own} followed by {@link #PARAMS}. */
    public static List<Param> and(List<Param> own) {
        return Stream.concat(own.stream(), PARAMS.stream()).toList();
    }

    public static ClientOptions param(Params p, TlsOptions.Scope scope) throws InvalidParamException {
        return new ClientOptions(TlsOptions.param(p, scope), ProxyOptions.param(p));
    }

    /** No tls settings, no proxy: the JDK's trust store and direct connections. */
    public static ClientOptions defaults() {
        return new ClientOptions(TlsOptions.defaults(), ProxyOptions.NONE);
    }

    public Dialer dialer(IpProtocol ip, HttpVersion version) {
        return new Dialer(ip, tls, proxy, version);
    }

    /**
     * Details every such check shows: the proxy (without credentials) and, loudly, that certificates were not
     * verified. Nothing of a key, and nothing when neither is configured.
     */
    public void report(Probe probe) {
        if (proxy.configured()) {
            probe.detail("proxy", proxy.toString());
        }
        if (tls.insecureSkipVerify()) {
            probe.detail("insecureSkipVerify", INSECURE);
        }
    }

    /** The detail of a check that accepted any certificate. */
    static final String INSECURE = "certificates were NOT verified (insecureSkipVerify): anyone on the path could have answered";
}
