package io.smokegate.check.goproxy;

import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.gomod.Semver;
import java.util.List;

/** {@code type: goproxy.list} — {@code $proxy/$module/@v/list} answers with valid versions. */
public final class ListCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("proxy", STRING, "Go module proxy base URL"),
            Param.required("module", STRING, "module path"),
            Param.optional("minVersions", INTEGER, 1, "fewest versions accepted").range(0, 1_000_000),
            Param.optional("contains", STRINGS, null, "versions that must be listed")));

    @Override
    public String name() {
        return "goproxy.list";
    }

    @Override
    public String description() {
        return "the proxy lists a module's versions, every line a canonical semantic version";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        String module = GoProxyParams.module(p, "module");
        for (String v : p.strings("contains")) {
            if (!Semver.isValid(v) || !Semver.canonical(v).equals(v)) {
                throw new InvalidParamException("contains", "'" + v + "' is not a canonical semantic version");
            }
        }
        return new ListCheck(ParamValidators.baseUrl(p, "proxy"), module, p.integer("minVersions"), p.strings("contains"),
                GoProxyParams.clientOptions(p));
    }
}
