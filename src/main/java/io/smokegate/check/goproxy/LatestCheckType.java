package io.smokegate.check.goproxy;

import static io.smokegate.check.ParamKind.DURATION;
import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import java.util.List;

/** {@code type: goproxy.latest} — {@code $proxy/$module/@latest} answers with a valid version. */
public final class LatestCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("proxy", STRING, "Go module proxy base URL"),
            Param.required("module", STRING, "module path"),
            Param.optional("version", STRING, null, "the version @latest must answer"),
            Param.optional("maxAge", DURATION, null, "the answer's Time must be at most this old")));

    @Override
    public String name() {
        return "goproxy.latest";
    }

    @Override
    public String description() {
        return "the proxy answers @latest with valid JSON {Version, Time}";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        String module = GoProxyParams.module(p, "module");
        String version = p.has("version") ? GoProxyParams.version(p, "version", module) : null;
        return new LatestCheck(ParamValidators.baseUrl(p, "proxy"), module, version, p.optionalDuration("maxAge").orElse(null),
                GoProxyParams.clientOptions(p));
    }
}
