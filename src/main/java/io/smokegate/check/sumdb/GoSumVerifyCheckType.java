package io.smokegate.check.sumdb;

import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;

import io.smokegate.check.goproxy.GoProxyParams;
import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.sumdb.SumdbParams;
import io.smokegate.sumdb.SumdbDatabase;
import java.nio.file.Path;
import java.util.List;

/** {@code type: gosum.verify} — every line of a go.sum file against a checksum database, as gosumcheck does. */
public final class GoSumVerifyCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("file", STRING, "the go.sum file"),
            Param.required("key", STRING, "verifier key of the checksum database, name+hash+base64"),
            Param.optional("url", STRING, null, "the database's base URL (default: through proxy, else https:// + name)"),
            Param.optional("proxy", STRING, null, "a Go proxy: reach the database through <proxy>/sumdb/<name>/ when no url is given"),
            Param.optional("concurrency", INTEGER, 16, "lookups in flight at once").range(1, 64)));

    @Override
    public String name() {
        return "gosum.verify";
    }

    @Override
    public String description() {
        return "every go.sum line verified against the checksum database";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        SumdbDatabase database = SumdbParams.database(p);
        return new GoSumVerifyCheck(Path.of(p.string("file")), database, p.integer("concurrency"),
                GoProxyParams.clientOptions(p));
    }
}
