package io.smokegate.check.net;

import static io.smokegate.check.ParamKind.INTEGER;
import static io.smokegate.check.ParamKind.STRING;
import static io.smokegate.check.ParamKind.STRINGS;

import io.smokegate.check.Check;
import io.smokegate.check.CheckType;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.Param;
import io.smokegate.check.Params;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code type: dns} — an A, AAAA or CNAME query with expectations on the answers. */
public final class DnsCheckType implements CheckType {

    enum RecordType { A, AAAA, CNAME }

    private static final Pattern NAME = Pattern.compile("(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)+");

    private static final List<Param> PARAMS = List.of(
            Param.required("name", STRING, "the domain name to query"),
            Param.optional("recordType", STRING, "A", "A, AAAA or CNAME"),
            Param.optional("server", STRING, null, "resolver host[:port] to ask; default: the system resolver"),
            Param.optional("expectAnswers", STRINGS, null, "values that must all be among the answers"),
            Param.optional("minAnswers", INTEGER, 1, "fewest answers accepted (0 accepts an empty answer)").range(0, 1000));

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String description() {
        return "DNS A/AAAA/CNAME lookup with expected answers";
    }

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public Check create(Params p) throws InvalidParamException {
        String name = p.string("name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidParamException("name", "'" + name + "' is not a domain name");
        }
        RecordType type;
        try {
            type = RecordType.valueOf(p.string("recordType").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParamException("recordType", "'" + p.string("recordType") + "' is not supported",
                    "one of A, AAAA, CNAME");
        }
        HostPort server = null;
        if (p.has("server")) {
            server = HostPort.parse(p.string("server"), 53).orElseThrow(() ->
                    new InvalidParamException("server", "'" + p.string("server") + "' is not host[:port]"));
        }
        return new DnsCheck(name, type, server, p.strings("expectAnswers"), p.integer("minAnswers"));
    }
}
