package io.smokegate.check.goproxy;

import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import java.util.List;

/**
 * {@code type: goproxy.notfound} — a module (or version) that must not exist answers 404 or 410, the only
 * answers after which the go command tries the next GOPROXY entry.
 */
public final class NotFoundCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("proxy", STRING, "Go module proxy base URL"),
            Param.required("module", STRING, "a module path that must not exist"),
            Param.optional("version", STRING, null, "ask for this version's .info instead of the version list")));

    @Override
    public String name() {
        return "goproxy.notfound";
    }

    @Override
    public String description() {
        return "an unknown module answers 404 or 410, so the go command can fall back";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        String module = GoProxyParams.module(p, "module");
        String version = p.has("version") ? GoProxyParams.version(p, "version", module) : null;
        return new NotFoundCheck(ParamValidators.baseUrl(p, "proxy"), module, version, GoProxyParams.clientOptions(p));
    }
}
