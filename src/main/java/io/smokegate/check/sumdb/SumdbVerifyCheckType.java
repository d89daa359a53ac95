package io.smokegate.check.sumdb;

import static io.smokegate.check.ParamKind.BOOLEAN;
import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.ParamValidators;
import io.smokegate.check.Params;
import io.smokegate.check.goproxy.GoProxyParams;
import io.smokegate.check.net.ClientOptions;
import io.smokegate.check.sumdb.SumdbParams;
import io.smokegate.sumdb.SumdbDatabase;
import java.net.URI;
import java.util.List;

/**
 * {@code type: sumdb.verify} — a checksum database's signed tree head, records proven with tiles, the
 * tree proven to extend the one verified before (fork and rollback detection), and optionally the records
 * compared with what a proxy serves.
 */
public final class SumdbVerifyCheckType implements CheckType {

    private static final List<Param> PARAMS = ClientOptions.and(List.of(
            Param.required("key", STRING, "verifier key, name+hash+base64"),
            Param.optional("url", STRING, null, "the database's base URL (default: through proxy, else https:// + name)"),
            Param.optional("proxy", STRING, null, "a Go proxy: reach the database through <proxy>/sumdb/<name>/ when no url is given"),
            Param.optional("modules", STRINGS, null, "path@version records to look up and prove"),
            Param.optional("compareProxy", BOOLEAN, false, "download each module from proxy and compare its hashes with the record")));

    @Override
    public String name() {
        return "sumdb.verify";
    }

    @Override
    public String description() {
        return "checksum database: signed tree, inclusion proofs with tiles, fork and rollback detection";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        URI proxy = p.has("proxy") ? ParamValidators.baseUrl(p, "proxy") : null;
        if (p.bool("compareProxy") && proxy == null) {
            throw new InvalidParamException("compareProxy", "needs proxy: the Go proxy to download the modules from");
        }
        SumdbDatabase database = SumdbParams.database(p);
        return new SumdbVerifyCheck(database, GoProxyParams.moduleVersions(p, "modules"),
                p.bool("compareProxy") ? proxy : null, GoProxyParams.clientOptions(p));
    }
}
