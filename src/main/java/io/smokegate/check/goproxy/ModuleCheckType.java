package io.smokegate.check.goproxy;

import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.sumdb.SumdbParams;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code type: goproxy.module} — one module version as the go command downloads it: {@code .info},
 * {@code .mod} and {@code .zip}, every rule of module zips, and the {@code h1:} hashes compared with the
 * checklist, a go.sum file and/or a checksum database.
 */
public final class ModuleCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("proxy", STRING, "Go module proxy base URL"),
            Param.required("module", STRING, "module path"),
            Param.required("version", STRING, "canonical version, e.g. v1.6.0"),
            Param.optional("sum", STRING, null, "expected h1: hash of the zip (go.sum's first line)"),
            Param.optional("modSum", STRING, null, "expected h1: hash of the go.mod (go.sum's /go.mod line)"),
            Param.optional("gosum", STRING, null, "go.sum file whose lines for this module version must match"),
            Param.optional("sumdbKey", STRING, null, "verifier key of a checksum database to compare with"),
            Param.optional("sumdbUrl", STRING, null, "that database's URL (default https:// + the key's name)")));

    @Override
    public String name() {
        return "goproxy.module";
    }

    @Override
    public String description() {
        return ".info, .mod and .zip of a module version, zip rules, h1: hashes against go.sum and the checksum database";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        String module = GoProxyParams.module(p, "module");
        return new ModuleCheck(ParamValidators.baseUrl(p, "proxy"), module, GoProxyParams.version(p, "version", module),
                GoProxyParams.hash(p, "sum"), GoProxyParams.hash(p, "modSum"),
                p.optionalString("gosum").map(Path::of).orElse(null), SumdbParams.optionalDatabase(p, "sumdbKey", "sumdbUrl"),
                GoProxyParams.clientOptions(p));
    }
}
