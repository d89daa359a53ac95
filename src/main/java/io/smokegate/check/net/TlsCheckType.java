package io.smokegate.check.net;

import static io.smokegate.check.ParamKind.BOOLEAN;
import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import java.util.List;

/** {@code type: tls} — inspects the certificate and handshake of a TLS endpoint. */
public final class TlsCheckType implements CheckType {

    static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private static final List<Param> PARAMS = List.of(
            Param.required("address", STRING, "host:port (port defaults to 443)"),
            Param.optional("serverName", STRING, null, "SNI and name to verify, when it differs from the host"),
            Param.optional("minDaysLeft", INTEGER, 14, "fail when any certificate in the chain expires sooner").range(0, 3650),
            Param.optional("verifyChain", BOOLEAN, true, "the chain must lead to a trusted root"),
            Param.optional("verifyHostname", BOOLEAN, true, "the certificate must name the host"),
            Param.optional("minVersion", STRING, "TLSv1.2", "lowest acceptable negotiated version: " + String.join(", ", VERSIONS)),
            Param.optional("caFile", STRING, null, "PEM file of CA certificates to trust instead of the JDK's"),
            Param.optional("hsts", BOOLEAN, false, "require a Strict-Transport-Security header with max-age > 0"),
            Param.optional("hstsPath", STRING, "/", "path requested for the HSTS header"),
            Param.optional("ipProtocol", STRING, "auto", "auto, ip4 or ip6"));

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public String description() {
        return "TLS certificate expiry, chain and host name verification, negotiated version, HSTS";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        HostPort target = HostPort.parse(p.string("address"), 443).orElseThrow(() ->
                new InvalidParamException("address", "'" + p.string("address") + "' is not host:port",
                        "e.g. example.com:443 or [::1]:8443"));
        String minVersion = p.string("minVersion");
        String normalized = minVersion.startsWith("TLS") ? minVersion : "TLSv" + minVersion;
        if (!VERSIONS.contains(normalized)) {
            throw new InvalidParamException("minVersion", "'" + minVersion + "' is not a TLS version",
                    "one of " + String.join(", ", VERSIONS));
        }
        if (!p.string("hstsPath").startsWith("/")) {
            throw new InvalidParamException("hstsPath", "must start with /");
        }
        IpProtocol ip = IpProtocol.param(p);
        TlsClient client = TlsOptions.inspecting(p);
        return new TlsCheck(target, p.string("serverName"), p.integer("minDaysLeft"), p.bool("verifyChain"),
                p.bool("verifyHostname"), normalized, client, p.bool("hsts") ? p.string("hstsPath") : null, ip);
    }
}
