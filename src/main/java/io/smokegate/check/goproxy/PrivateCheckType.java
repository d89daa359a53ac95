package io.smokegate.check.goproxy;

import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.InvalidModuleException;
import io.smokegate.gomod.ModulePaths;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: goproxy.private} — private modules stay private: GOPRIVATE/GONOPROXY/GONOSUMDB cover
 * them (matched as the go command matches path-element prefixes), public proxies and checksum
 * databases do not know them (leak check), and the private proxy serves them.
 */
public final class PrivateCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("goprivate", STRING, "GOPRIVATE glob patterns, e.g. git.corp.example/*,*.internal"),
            Param.optional("gonoproxy", STRING, null, "GONOPROXY (default: goprivate)"),
            Param.optional("gonosumdb", STRING, null, "GONOSUMDB (default: goprivate)"),
            Param.required("modules", STRINGS, "private modules: path, or path@version to also check records and .info"),
            Param.optional("privateProxy", STRING, null, "the private proxy that must serve them"),
            Param.optional("publicProxies", STRINGS, List.of("https://proxy.golang.org"), "proxies that must not know them"),
            Param.optional("sumdbs", STRINGS, List.of("https://sum.golang.org"), "checksum databases that must not know them")));

    @Override
    public String name() {
        return "goproxy.private";
    }

    @Override
    public String description() {
        return "private modules: covered by GOPRIVATE, unknown to public proxies and checksum databases, served privately";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        List<GoProxyParams.ModuleVersion> modules = new ArrayList<>();
        for (String item : p.strings("modules")) {
            int at = item.lastIndexOf('@');
            String path = at < 0 ? item : item.substring(0, at);
            String version = at < 0 ? null : item.substring(at + 1);
            try {
                ModulePaths.checkPath(path);
            } catch (InvalidModuleException e) {
                throw new InvalidParamException("modules", "'" + path + "' is not a module path: " + e.getMessage());
            }
            if (version != null && GoProxyChecks.versionProblem(path, version) != null) {
                throw new InvalidParamException("modules", item + ": " + GoProxyChecks.versionProblem(path, version));
            }
            modules.add(new GoProxyParams.ModuleVersion(path, version));
        }
        String goprivate = p.string("goprivate");
        return new PrivateCheck(goprivate, p.optionalString("gonoproxy").orElse(goprivate),
                p.optionalString("gonosumdb").orElse(goprivate), modules,
                p.has("privateProxy") ? ParamValidators.baseUrl(p, "privateProxy") : null,
                urls(p.strings("publicProxies"), "publicProxies"), urls(p.strings("sumdbs"), "sumdbs"),
                GoProxyParams.clientOptions(p));
    }

    private static List<URI> urls(List<String> values, String param) throws InvalidParamException {
        List<URI> out = new ArrayList<>();
        for (String v : values) {
            URI uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new InvalidParamException(param, "'" + v + "' must be an http:// or https:// URL");
            }
            out.add(uri);
        }
        return out;
    }
}
