package io.smokegate.check.goproxy;

import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import java.util.List;

/**
 * {@code type: goproxy.chain} — resolves a module through a GOPROXY list exactly as the go command does
 * and reports which entry served it and what every entry answered.
 */
public final class ChainCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("goproxy", STRING, "the GOPROXY value, e.g. https://athens.internal,https://proxy.golang.org,direct"),
            Param.required("module", STRING, "module path"),
            Param.optional("version", STRING, null, "ask for this version's .info instead of the version list"),
            Param.optional("gonoproxy", STRING, "", "GONOPROXY (or GOPRIVATE) glob patterns"),
            Param.optional("expectServedBy", STRING, null, "the entry that must serve the module (a URL or direct)")));

    @Override
    public String name() {
        return "goproxy.chain";
    }

    @Override
    public String description() {
        return "resolve a module through a GOPROXY list as the go command does; which entry served it";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        GoProxyList list;
        try {
            list = GoProxyList.parse(p.string("goproxy"), p.string("gonoproxy"));
        } catch (IllegalArgumentException e) {
            throw new InvalidParamException("goproxy", e.getMessage());
        }
        String module = GoProxyParams.module(p, "module");
        String version = p.has("version") ? GoProxyParams.version(p, "version", module) : null;
        String expected = p.string("expectServedBy");
        if (expected != null && list.entries().stream().noneMatch(e -> e.value().equals(stripSlash(expected)))) {
            throw new InvalidParamException("expectServedBy", "'" + expected + "' is not an entry of the GOPROXY list",
                    "entries: " + String.join(", ", list.entries().stream().map(GoProxyList.Entry::value).toList()));
        }
        return new ChainCheck(list, module, version, p.string("gonoproxy"), expected == null ? null : stripSlash(expected),
                GoProxyParams.clientOptions(p));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
